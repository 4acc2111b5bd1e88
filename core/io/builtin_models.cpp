#include "io/builtin_models.h"

#include "base/tensor.h"

namespace attn {

std::optional<std::string_view> builtin_model_bytes(std::string_view name) {
    for (const auto& m : builtin_model_table())
        if (m.name == name) return m.safetensors;
    return std::nullopt;
}

std::optional<std::string_view> builtin_model_config(std::string_view name) {
    for (const auto& m : builtin_model_table())
        if (m.name == name) return m.config;
    return std::nullopt;
}

std::vector<std::string> builtin_model_names() {
    std::vector<std::string> names;
    for (const auto& m : builtin_model_table()) names.emplace_back(m.name);
    return names;
}

Config load_model_config(const std::string& path) {
    if (!path.starts_with(kBuiltinPrefix)) return load_config(path);
    const auto text = builtin_model_config(std::string_view(path).substr(kBuiltinPrefix.size()));
    if (!text) throw Error(no_builtin_model_message(path));
    return parse_config(std::string(*text));
}

std::string no_builtin_model_message(const std::string& path) {
    std::string names;
    for (const auto& n : builtin_model_names()) names += (names.empty() ? "" : ", ") + std::string(kBuiltinPrefix) + n;
    return "there is no built-in model '" + path + "'; the built-in models are " + names;
}

}  // namespace attn
