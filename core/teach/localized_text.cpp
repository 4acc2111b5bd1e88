#include "teach/localized_text.h"

#include "base/types.h"

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

}  // namespace attn
