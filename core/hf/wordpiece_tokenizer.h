// BERT's tokenizer, as transformers' BertTokenizer (BasicTokenizer + WordpieceTokenizer):
//   1. special tokens ([CLS], [SEP], [MASK], [PAD], [UNK]) split out whole;
//   2. clean: drop NUL, U+FFFD and control characters, every whitespace becomes a space;
//   3. a space either side of every CJK ideograph (each is its own word);
//   4. split on whitespace; lower-case and strip accents (NFD, marks dropped) when asked;
//   5. every punctuation character its own word;
//   6. WordPiece: longest vocab match first, continuations prefixed "##"; a word with no
//      match, or over 100 characters, is [UNK];
//   7. [CLS] … [SEP] around the whole.
#pragma once

#include "model/text_tokenizer.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace attn {

struct WordPieceOptions {
    bool lower_case = true;               // BertTokenizer's do_lower_case
    std::optional<bool> strip_accents;    // unset: follows lower_case
    bool chinese_chars = true;            // tokenize_chinese_chars
    std::string unk = "[UNK]", cls = "[CLS]", sep = "[SEP]", mask = "[MASK]", pad = "[PAD]";
    std::string prefix = "##";            // continuing_subword_prefix
    int max_chars_per_word = 100;
};

class WordPieceTokenizer final : public TextTokenizer {
public:
    // tokens: the vocab in id order (vocab.txt's lines).
    WordPieceTokenizer(std::vector<std::string> tokens, WordPieceOptions options);

    std::vector<int32_t> encode(std::string_view text, bool add_special = true) const override;
    std::string decode(const std::vector<int32_t>& ids) const override;
    int32_t vocab_size() const override { return static_cast<int32_t>(tokens_.size()); }
    const std::string& token(int32_t id) const override { return tokens_.at(static_cast<size_t>(id)); }
    std::string label(int32_t id) const override { return token(id); }
    int32_t id_of(std::string_view token) const override;
    int32_t mask_id() const override { return mask_; }
    bool is_special(int32_t id) const override;

    // Steps 2–5: the words before WordPiece.
    std::vector<std::string> basic_tokenize(std::string_view text) const;

private:
    void word_piece(const std::string& word, std::vector<int32_t>& out) const;
    int32_t required(const std::string& token, const char* role) const;

    std::vector<std::string> tokens_;
    std::unordered_map<std::string, int32_t> ids_;
    WordPieceOptions options_;
    int32_t unk_, cls_, sep_, mask_;
    std::vector<std::string> special_;
};

}  // namespace attn
