#include "io/builtin_models.h"

namespace attn {

std::optional<std::string_view> builtin_model_bytes(std::string_view name) {
    for (const auto& [n, bytes] : builtin_model_table())
        if (n == name) return bytes;
    return std::nullopt;
}

std::vector<std::string> builtin_model_names() {
    std::vector<std::string> names;
    for (const auto& [n, bytes] : builtin_model_table()) names.emplace_back(n);
    return names;
}

}  // namespace attn
