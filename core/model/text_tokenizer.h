// A Hugging Face model's own tokenizer: text -> token ids exactly as transformers computes
// them, and back. Two kinds: GPT-2's byte-level BPE (hf/bpe_tokenizer.h) and BERT's WordPiece
// (hf/wordpiece_tokenizer.h), each read from its classic files or from tokenizer.json
// (hf/tokenizer_files.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

class TextTokenizer {
public:
    virtual ~TextTokenizer() = default;

    // The ids of a text; with add_special, BERT's [CLS] … [SEP] around them (GPT-2 adds nothing).
    // Throws attn::Error on invalid UTF-8.
    virtual std::vector<int32_t> encode(std::string_view text, bool add_special = true) const = 0;
    // The text of ids (bytes a partial character left are shown as U+FFFD).
    virtual std::string decode(const std::vector<int32_t>& ids) const = 0;

    virtual int32_t vocab_size() const = 0;
    // The token as the vocab spells it ("Ġthe", "##ing", "[CLS]").
    virtual const std::string& token(int32_t id) const = 0;
    // The token for people: GPT-2's Ġ as "␣", a newline as "↵", a byte of a split character as
    // "<0xE6>"; BERT's tokens as they are (## kept).
    virtual std::string label(int32_t id) const = 0;
    // The id of a token spelt as the vocab does, or -1.
    virtual int32_t id_of(std::string_view token) const = 0;
    // BERT's [MASK] (-1 for GPT-2).
    virtual int32_t mask_id() const { return -1; }
    // Ids a text may hold but prediction should not offer (GPT-2's <|endoftext|> is offered).
    virtual bool is_special(int32_t id) const = 0;
};

}  // namespace attn
