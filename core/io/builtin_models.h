// The trained models compiled into the app (resources/models/<task>/, made by
// scripts/train_models.sh): their safetensors bytes, named "builtin:<task>"
// wherever a weights file path is accepted.
#pragma once

#include "model/config.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace attn {

inline constexpr std::string_view kBuiltinPrefix = "builtin:";

// The bytes of model.safetensors of the built-in model `name` ("reverse"), or nothing.
std::optional<std::string_view> builtin_model_bytes(std::string_view name);
// The text of its config.json, or nothing.
std::optional<std::string_view> builtin_model_config(std::string_view name);
std::vector<std::string> builtin_model_names();
// "there is no built-in model 'builtin:x'; the built-in models are builtin:reverse, …"
std::string no_builtin_model_message(const std::string& path);

// The config of a file path, or of a built-in model ("builtin:shakespeare"): its config.json.
Config load_model_config(const std::string& path);

struct BuiltinModelBytes {
    std::string_view name, safetensors, config;
};
// Generated from resources/models at build time (embed_models.cmake).
const std::vector<BuiltinModelBytes>& builtin_model_table();

}  // namespace attn
