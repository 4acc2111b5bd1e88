// UTF-8 one code point at a time, shared by the tokenizers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace attn {

// Decodes one code point at text[pos]; returns its length in bytes, or 0 when the bytes
// there are not valid UTF-8 (overlong, surrogate, truncated, > U+10FFFF).
size_t decode_utf8(std::string_view text, size_t pos, char32_t& out);

void append_utf8(std::string& out, char32_t c);

// The text with every byte that is not part of valid UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view bytes);

}  // namespace attn
