// Small string helpers shared by the tokenizers and the chat-template renderer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace attn {

// `text` with the first `count` occurrences of `from` (all when count < 0) replaced by `to`,
// left to right and without overlap, as Python's str.replace; an empty `from` changes nothing.
std::string replace_all(std::string_view text, std::string_view from, std::string_view to, int64_t count = -1);

}  // namespace attn
