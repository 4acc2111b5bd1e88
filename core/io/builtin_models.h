// The trained models compiled into the app (resources/models/<task>/, made by
// scripts/train_models.sh): their safetensors bytes, named "builtin:<task>"
// wherever a weights file path is accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attn {

inline constexpr std::string_view kBuiltinPrefix = "builtin:";

// The bytes of model.safetensors of the built-in model `name` ("reverse"), or nothing.
std::optional<std::string_view> builtin_model_bytes(std::string_view name);
std::vector<std::string> builtin_model_names();

// Generated from resources/models at build time (embed_models.cmake).
const std::vector<std::pair<std::string_view, std::string_view>>& builtin_model_table();

}  // namespace attn
