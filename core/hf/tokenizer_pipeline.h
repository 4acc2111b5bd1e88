// The steps around a tokenizer.json's model, one function each, as the tokenizers library
// defines them: normalizers, pre-tokenizers and decoders (hf/bpe_tokenizer.h runs them).
#pragma once

#include "hf/bpe_tokenizer.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// The normalizers in order on one section of text (an empty section stays empty: Prepend skips it).
std::string normalize(std::string_view text, const std::vector<NormalizerStep>& steps);

// Split with behavior Isolated by an ICU regex compiled once; a regex that backtracks without end is refused.
class RegexSplitter {
public:
    explicit RegexSplitter(const std::string& pattern);
    ~RegexSplitter();
    void split(const std::string& text, std::vector<std::string>& out) const;

private:
    struct Compiled;
    std::unique_ptr<Compiled> compiled_;
};

// Digits: digits apart from the rest; individually, or in runs.
void split_digits(const std::string& text, bool individual, std::vector<std::string>& out);
// Metaspace: spaces as the replacement, which is prepended (Always, or First on the text's first
// section) and, with split, begins a new piece (MergedWithNext).
void split_metaspace(const std::string& text, const PreTokenizerStep& step, bool first_section, std::vector<std::string>& out);

// The decoders in order on the tokens' strings, then joined; invalid UTF-8 is shown as U+FFFD.
std::string run_decoders(std::vector<std::string> tokens, const std::vector<DecoderStep>& steps);

// The bytes a ByteLevel token stands for (its characters through the inverse of byte_to_unicode);
// false when a character is not one of the table's (an added token such as <|endoftext|> is its own text).
bool byte_level_bytes(std::string_view token, std::string& out);

// "<0x0A>" -> 0x0A; -1 when the token is not a byte token.
int byte_token_value(std::string_view token);

}  // namespace attn
