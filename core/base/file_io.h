// Binary file helpers: whole-file reads with clear errors, and atomic writes
// (a temporary file renamed over the target, so a failed write never leaves a
// half-written file in place of a good one).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attn {

std::vector<char> read_binary_file(const std::string& path, const std::string& what);

// Throws attn::Error naming the path when the folder is missing or not
// writable, or the disk is full; the previous file, if any, is kept.
void write_file_atomically(const std::string& path, std::string_view bytes);

}  // namespace attn
