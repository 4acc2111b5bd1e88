#include "teach/localized_text.h"

#include "base/tensor.h"

namespace attn {

const std::string& LocalizedText::in(const std::string& language) const {
    static const std::string none;
    if (auto it = by_language.find(language); it != by_language.end() && !it->second.empty()) return it->second;
    if (auto it = by_language.find("en"); it != by_language.end()) return it->second;
    return none;
}

LocalizedText parse_localized(const nlohmann::json& j, const std::string& what) {
    LocalizedText out;
    if (j.is_string()) {
        out.by_language["en"] = j.get<std::string>();
        return out;
    }
    if (!j.is_object()) throw Error(what + " must be a text or an object of texts by language");
    for (const auto& [language, text] : j.items()) {
        if (!text.is_string()) throw Error(what + "." + language + " must be a text");
        out.by_language[language] = text.get<std::string>();
    }
    if (!out.by_language.count("en")) throw Error(what + " has no English (\"en\") text");
    return out;
}

std::string parse_text_field(const nlohmann::json& j, const std::string& what) {
    if (!j.is_string()) throw Error(what + " must be a text in quotes, not " + j.dump());
    return j.get<std::string>();
}

int parse_index_field(const nlohmann::json& j, const std::string& what) {
    if (!j.is_number_integer() || j.get<int64_t>() < 0 || j.get<int64_t>() > 1'000'000)
        throw Error(what + " must be a whole number from 0");
    return j.get<int>();
}

std::pair<int, int> parse_cell_field(const nlohmann::json& j, const std::string& what) {
    if (!j.is_array() || j.size() != 2) throw Error(what + " must be [row, column]");
    return {parse_index_field(j[0], what), parse_index_field(j[1], what)};
}

}  // namespace attn
