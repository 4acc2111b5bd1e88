// Strict JSON reading shared by configs, safetensors headers and manifests:
// nlohmann::json underneath, with duplicate keys refused (nlohmann would keep
// the last one silently) and type errors phrased for a user.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace attn {

// Parses text; throws attn::Error "<what>: ..." on a syntax error or a key that
// appears twice in one object.
nlohmann::json parse_json_strict(const std::string& text, const std::string& what);

// "integer", "string", ... as a user would say it.
std::string json_type_name(const nlohmann::json& value);

// Reads a whole file into a string; throws attn::Error naming the path.
std::string read_text_file(const std::string& path, const std::string& what);

}  // namespace attn
