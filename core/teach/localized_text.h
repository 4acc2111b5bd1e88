// Fields of lesson files: text in several languages ("en" required, others such as "zh_CN"
// optional), and the plain fields lessons and their predictions share.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>

namespace attn {

struct LocalizedText {
    std::map<std::string, std::string> by_language;
    // The text in `language`, falling back to English.
    const std::string& in(const std::string& language) const;
    bool empty() const { return by_language.empty(); }
};

// A plain string (English) or an object of texts by language. Throws attn::Error naming `what`.
LocalizedText parse_localized(const nlohmann::json& j, const std::string& what);

// A text in quotes; a whole number from 0 (an index); [row, column]. Throw attn::Error naming `what`.
std::string parse_text_field(const nlohmann::json& j, const std::string& what);
int parse_index_field(const nlohmann::json& j, const std::string& what);
std::pair<int, int> parse_cell_field(const nlohmann::json& j, const std::string& what);

}  // namespace attn
