// "Did you mean …?": the closest spelling among known words, for unknown config fields and
// command-line options.
#pragma once

#include <string>
#include <vector>

namespace attn {

// The candidate nearest to `word` in edits (insert, delete, replace one character), if it is
// at most 3 edits away; else an empty string.
std::string nearest_spelling(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace attn
