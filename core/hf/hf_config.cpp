#include "hf/hf_config.h"

#include "base/json_util.h"
#include "base/tensor.h"
#include "model/family.h"

#include <limits>
#include <type_traits>
#include <variant>

namespace attn {
namespace {

using nlohmann::json;

int int_field(const json& root, const char* key, std::optional<int> fallback = std::nullopt) {
    if (!root.contains(key) || root[key].is_null()) {
        if (fallback) return *fallback;
        throw Error(std::string("config.json has no \"") + key + "\", which this model type needs");
    }
    const json& v = root[key];
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > (1 << 24))
        throw Error(std::string("config.json: \"") + key + "\" must be a whole number of at least 0, not " + v.dump());
    return static_cast<int>(v.get<int64_t>());
}

double number_field(const json& root, const char* key, double fallback) {
    if (!root.contains(key) || root[key].is_null()) return fallback;
    if (!root[key].is_number()) throw Error(std::string("config.json: \"") + key + "\" must be a number, not " + root[key].dump());
    return root[key].get<double>();
}

bool bool_field(const json& root, const char* key, bool fallback) {
    if (!root.contains(key) || root[key].is_null()) return fallback;
    if (!root[key].is_boolean()) throw Error(std::string("config.json: \"") + key + "\" must be true or false, not " + root[key].dump());
    return root[key].get<bool>();
}

std::string string_field(const json& root, const char* key, const std::string& fallback) {
    if (!root.contains(key) || root[key].is_null()) return fallback;
    if (!root[key].is_string()) throw Error(std::string("config.json: \"") + key + "\" must be a string, not " + root[key].dump());
    return root[key].get<std::string>();
}

// transformers' ACT2FN names this app computes exactly.
Activation activation_named(const std::string& name, const char* key) {
    if (name == "gelu") return Activation::Gelu;
    if (name == "gelu_new" || name == "gelu_pytorch_tanh") return Activation::GeluTanh;
    if (name == "relu") return Activation::Relu;
    throw Error(std::string("config.json: \"") + key + "\" is \"" + name +
                "\"; Attention Lab computes gelu, gelu_new, gelu_pytorch_tanh and relu");
}

int token_id(const json& root, const char* key) {
    if (!root.contains(key) || !root[key].is_number_integer()) return -1;
    return static_cast<int>(root[key].get<int64_t>());
}

// One key of the family's table into its Config field.
void read_key(const json& root, const ConfigKey& k, Config& c) {
    const auto& fb = k.fallback;
    std::visit([&](auto member) {
        using Field = std::remove_reference_t<decltype(c.*member)>;
        if constexpr (std::is_same_v<Field, int>)
            c.*member = std::holds_alternative<int>(fb) ? int_field(root, k.key, std::get<int>(fb)) : int_field(root, k.key);
        else if constexpr (std::is_same_v<Field, double>)
            c.*member = number_field(root, k.key, std::get<double>(fb));
        else if constexpr (std::is_same_v<Field, bool>)
            c.*member = bool_field(root, k.key, std::get<bool>(fb));
        else
            c.*member = activation_named(string_field(root, k.key, std::get<const char*>(fb)), k.key);
    }, k.field);
}

}  // namespace

HfConfig parse_hf_config(const std::string& json_text) {
    json root;
    try {
        root = parse_json_strict(json_text, "config.json");
    } catch (const json::exception& e) {
        throw Error(std::string("config.json is malformed: ") + e.what());
    }
    const std::string supported = "Attention Lab opens " + supported_model_types() + " models";
    if (!root.is_object()) throw Error("config.json must be a JSON object");
    if (!root.contains("model_type") || !root["model_type"].is_string())
        throw Error("config.json has no \"model_type\"; " + supported);
    HfConfig hf;
    hf.model_type = root["model_type"].get<std::string>();
    const FamilyDescriptor* family = family_of_model_type(hf.model_type);
    if (!family) throw Error("config.json: model_type \"" + hf.model_type + "\" is not supported; " + supported);
    for (const auto& required : family->required_values) {
        const std::string found = string_field(root, required.key, required.value);
        if (found != required.value)
            throw Error(std::string("config.json: ") + required.key + " is \"" + found + "\"; " + required.refusal);
    }
    hf.config = family->base;
    for (const auto& key : family->config_keys) read_key(root, key, hf.config);
    if (family->read_special) family->read_special(root, hf.config);
    if (family->finish_config) family->finish_config(hf.config);
    hf.bos_token_id = token_id(root, "bos_token_id");
    hf.eos_token_id = token_id(root, "eos_token_id");
    if (hf.eos_token_id >= 0) hf.end_token_ids.push_back(hf.eos_token_id);
    if (root.contains("eos_token_id") && root["eos_token_id"].is_array())
        for (const auto& id : root["eos_token_id"])
            if (id.is_number_integer()) hf.end_token_ids.push_back(static_cast<int32_t>(id.get<int64_t>()));
    hf.pad_token_id = token_id(root, "pad_token_id");
    const auto problems = validate(hf.config);
    if (!problems.empty()) throw Error("config.json: " + problems.front().message);
    return hf;
}

}  // namespace attn
