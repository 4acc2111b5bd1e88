// Text in several languages, as lesson files write it: "en" is required, others ("zh_CN") optional.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace attn {

struct LocalizedText {
    std::map<std::string, std::string> by_language;
    // The text in `language`, falling back to English.
    const std::string& in(const std::string& language) const;
    bool empty() const { return by_language.empty(); }
};

// A plain string (English) or an object of texts by language. Throws attn::Error naming `what`.
LocalizedText parse_localized(const nlohmann::json& j, const std::string& what);

}  // namespace attn
