// Hugging Face's BPE tokenizers, as the tokenizers library runs a tokenizer.json:
//   1. added and special tokens (<|endoftext|>, <|im_start|>, <s>) split out whole;
//   2. each other section normalized (NFC; SentencePiece's Prepend "▁" and Replace " " -> "▁");
//   3. pre-tokenized into pieces (GPT-2's regex, a model's own Split regex, Digits, Metaspace);
//   4. byte-level models map each piece's UTF-8 bytes to printable characters (space -> Ġ);
//   5. merges applied by rank, lowest first (leftmost first on a tie), until none applies;
//      a character not in the vocab becomes its bytes' <0xXX> tokens (byte_fallback) or <unk>;
//   6. TemplateProcessing's special tokens around the ids (<|begin_of_text|>, <s>).
// Decoding runs the tokenizer.json's decoders (ByteLevel; Replace, ByteFallback, Fuse, Strip; Metaspace).
#pragma once

#include "model/text_tokenizer.h"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace attn {

// GPT-2's pre-tokenizer regex (ByteLevel's with use_regex), in ICU syntax.
const char* gpt2_pattern();

// One normalizer of a tokenizer.json Sequence, applied to each section of text between added tokens.
struct NormalizerStep {
    enum class Kind {
        Nfc,      // Unicode NFC (Qwen2)
        Prepend,  // `text` before a non-empty section (SentencePiece's "▁")
        Replace,  // every `text` replaced by `with` (" " -> "▁")
    };
    Kind kind = Kind::Nfc;
    std::string text{}, with{};
};

// One pre-tokenizer of a tokenizer.json Sequence, applied to every piece the previous one left.
struct PreTokenizerStep {
    enum class Kind {
        Split,      // Split with behavior Isolated: the regex's matches and the text between them, each a piece
        Digits,     // Digits: runs of digits apart (individual_digits: every digit alone)
        Metaspace,  // spaces as `replacement`, prepended per `prepend`; with `split`, a piece starts at each replacement
    };
    enum class Prepend { Always, First, Never };
    Kind kind = Kind::Split;
    std::string pattern{};          // Split's regex (ICU syntax, which reads \p{L}, (?i:…) and look-ahead as Oniguruma does)
    bool individual_digits = false;
    std::string replacement = "\u2581";
    Prepend prepend = Prepend::Always;  // First: only on the section the text starts with
    bool split = true;
};

// One decoder of a tokenizer.json Sequence; each works on the list of token strings.
struct DecoderStep {
    enum class Kind {
        ByteLevel,     // each token's characters back to the bytes they stand for
        Replace,       // `text` -> `with` in each token
        ByteFallback,  // runs of <0xXX> tokens -> the text their bytes spell (U+FFFD per byte if invalid)
        Fuse,          // all tokens into one
        Strip,         // up to `start` leading and `stop` trailing `text` characters off each token
        Metaspace,     // `text` (▁) -> space, and the first token's leading space off unless prepend is Never
    };
    Kind kind = Kind::ByteLevel;
    std::string text{}, with{};
    int start = 0, stop = 0;
    bool strip_first_space = true;
};

// What a tokenizer.json may change of GPT-2's pipeline (Llama 2/3, Qwen2/3, Mistral and SmolLM2 do).
struct BpeOptions {
    std::vector<NormalizerStep> normalizers;
    std::vector<PreTokenizerStep> steps{{PreTokenizerStep::Kind::Split, gpt2_pattern()}};
    bool byte_level = true;             // ByteLevel: bytes as printable characters before the merges
    bool ignore_merges = false;         // a piece that is a vocab token is taken whole (Llama 3)
    bool byte_fallback = false;         // a character not in the vocab as its bytes' <0xXX> tokens (SentencePiece)
    std::string unk;                    // the unknown token ("" = none: an unknown character is an error)
    bool fuse_unk = false;              // consecutive unknown characters as one <unk>
    std::vector<std::string> prefix;    // TemplateProcessing's special tokens before the text (<|begin_of_text|>)
    std::vector<std::string> suffix;    // … and after it
    std::vector<DecoderStep> decoders{{DecoderStep::Kind::ByteLevel}};
};

class BpeTokenizer final : public TextTokenizer {
public:
    // vocab: token -> id (dense 0..V−1); merges in rank order (each side and their join in the vocab);
    // special: added tokens matched whole.
    BpeTokenizer(std::unordered_map<std::string, int32_t> vocab, const std::vector<std::pair<std::string, std::string>>& merges,
                 std::vector<std::string> special, BpeOptions options = {});
    ~BpeTokenizer() override;

    std::vector<int32_t> encode(std::string_view text, bool add_special = true) const override;
    std::string decode(const std::vector<int32_t>& ids) const override;
    int32_t vocab_size() const override { return static_cast<int32_t>(tokens_.size()); }
    const std::string& token(int32_t id) const override { return tokens_.at(static_cast<size_t>(id)); }
    std::string label(int32_t id) const override;
    int32_t id_of(std::string_view token) const override;
    bool is_special(int32_t id) const override;

    // The byte -> printable character table (each as UTF-8).
    static const std::vector<std::string>& byte_to_unicode();

private:
    void bpe(const std::string& piece, std::vector<int32_t>& out) const;
    void initial_symbols(const std::string& piece, std::vector<int32_t>& symbols) const;
    void merge_short(std::vector<int32_t>& id) const;
    void merge_long(std::vector<int32_t>& id) const;
    static constexpr int kShortWord = 24;  // symbols up to which a scan beats the heap
    void encode_section(std::string_view text, bool first, std::vector<int32_t>& out) const;
    std::vector<std::string> pre_tokenize(std::string text, bool first) const;

    std::unordered_map<std::string, int32_t> vocab_;
    std::vector<std::string> tokens_;
    struct Merge {
        int32_t rank, result;
    };
    std::unordered_map<uint64_t, Merge> merges_;  // (left id, right id) -> rank and merged id
    std::vector<std::string> special_;
    BpeOptions options_;
    int32_t unk_id_ = -1;
    std::vector<int32_t> byte_ids_;  // byte_fallback: <0x00> … <0xFF>
    struct Regex;
    std::vector<std::unique_ptr<Regex>> regexes_;  // one per Split step
    mutable std::mutex cache_mutex_;
    mutable std::unordered_map<std::string, std::vector<int32_t>> cache_;
};

}  // namespace attn
