// GPT-2's byte-level BPE, as transformers' GPT2Tokenizer and tokenizers' ByteLevel BPE:
//   1. special tokens (<|endoftext|>) split out whole;
//   2. the pre-tokenizer regex 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+;
//   3. each piece's UTF-8 bytes mapped to printable characters (bytes_to_unicode: space -> Ġ);
//   4. merges applied by rank, lowest first, until none applies; 5. each symbol's id from the vocab.
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

// One pre-tokenizer of a tokenizer.json Sequence, applied to every piece the previous one left.
struct PreTokenizerStep {
    enum class Kind {
        Split,   // Split with behavior Isolated: the regex's matches and the text between them, each a piece
        Digits,  // Digits: runs of digits apart (individual_digits: every digit alone)
    };
    Kind kind = Kind::Split;
    std::string pattern;            // Split's regex (ICU syntax, which reads \p{L}, (?i:…) and look-ahead as Oniguruma does)
    bool individual_digits = false;
};

// What a tokenizer.json may change of GPT-2's pipeline (Llama 3, Qwen2 and SmolLM2 do).
struct BpeOptions {
    std::vector<PreTokenizerStep> steps;  // empty: GPT-2's regex (ByteLevel with use_regex)
    bool ignore_merges = false;         // a piece that is a vocab token is taken whole (Llama 3)
    bool nfc = false;                   // the NFC normalizer first (Qwen2)
    std::vector<std::string> prefix;    // TemplateProcessing's special tokens before the text (<|begin_of_text|>)
    std::vector<std::string> suffix;    // … and after it
};

class BpeTokenizer final : public TextTokenizer {
public:
    // vocab: token -> id (dense 0..V−1); merges in rank order; special: added tokens matched whole.
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
    void encode_ordinary(std::string_view text, std::vector<int32_t>& out) const;
    std::vector<std::string> pre_tokenize(std::string_view text) const;

    std::unordered_map<std::string, int32_t> vocab_;
    std::vector<std::string> tokens_;
    std::unordered_map<std::string, int32_t> ranks_;  // "a b" -> rank
    std::vector<std::string> special_;
    BpeOptions options_;
    struct Regex;
    std::vector<std::unique_ptr<Regex>> regexes_;  // one per Split step
    mutable std::mutex cache_mutex_;
    mutable std::unordered_map<std::string, std::vector<int32_t>> cache_;
};

}  // namespace attn
