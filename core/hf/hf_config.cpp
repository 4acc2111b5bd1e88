#include "hf/hf_config.h"

#include "base/json_util.h"
#include "base/types.h"

#include <limits>

namespace attn {
namespace {

using nlohmann::json;

const char* kSupported = "Attention Lab opens GPT-2 (model_type \"gpt2\") and BERT (model_type \"bert\") models";

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

void read_gpt2(const json& root, HfConfig& hf) {
    Config& c = hf.config;
    c.family = Family::Gpt2;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = int_field(root, "n_embd");
    c.nhead = int_field(root, "n_head");
    c.num_decoder_layers = int_field(root, "n_layer");
    c.num_encoder_layers = 0;
    c.dim_feedforward = int_field(root, "n_inner", 4 * c.d_model);  // null: 4 × n_embd
    c.max_len = int_field(root, "n_positions");
    c.vocab_size = int_field(root, "vocab_size");
    c.layer_norm_eps = number_field(root, "layer_norm_epsilon", 1e-5);
    c.activation = activation_named(string_field(root, "activation_function", "gelu_new"), "activation_function");
    c.scale_attn_weights = bool_field(root, "scale_attn_weights", true);
    c.scale_attn_by_inverse_layer_idx = bool_field(root, "scale_attn_by_inverse_layer_idx", false);
    c.norm_first = true;
    c.positional_encoding = PositionalEncoding::Learned;
    c.tie_embeddings = true;
    c.pad_token = "";  // GPT-2 has no padding token: nothing is masked as padding
}

void read_bert(const json& root, HfConfig& hf) {
    Config& c = hf.config;
    const std::string positions = string_field(root, "position_embedding_type", "absolute");
    if (positions != "absolute")
        throw Error("config.json: position_embedding_type is \"" + positions +
                    "\"; Attention Lab computes BERT with absolute position embeddings only");
    c.family = Family::Bert;
    c.architecture = Architecture::EncoderOnly;
    c.d_model = int_field(root, "hidden_size");
    c.nhead = int_field(root, "num_attention_heads");
    c.num_encoder_layers = int_field(root, "num_hidden_layers");
    c.num_decoder_layers = 0;
    c.dim_feedforward = int_field(root, "intermediate_size");
    c.max_len = int_field(root, "max_position_embeddings");
    c.vocab_size = int_field(root, "vocab_size");
    c.type_vocab_size = int_field(root, "type_vocab_size", 2);
    c.layer_norm_eps = number_field(root, "layer_norm_eps", 1e-12);
    c.activation = activation_named(string_field(root, "hidden_act", "gelu"), "hidden_act");
    c.norm_first = false;
    c.positional_encoding = PositionalEncoding::Learned;
    c.tie_embeddings = true;
    c.pad_token = "[PAD]";
}

}  // namespace

HfConfig parse_hf_config(const std::string& json_text) {
    json root;
    try {
        root = parse_json_strict(json_text, "config.json");
    } catch (const json::exception& e) {
        throw Error(std::string("config.json is malformed: ") + e.what());
    }
    if (!root.is_object()) throw Error("config.json must be a JSON object");
    if (!root.contains("model_type") || !root["model_type"].is_string())
        throw Error(std::string("config.json has no \"model_type\"; ") + kSupported);
    HfConfig hf;
    hf.model_type = root["model_type"].get<std::string>();
    if (hf.model_type == "gpt2") read_gpt2(root, hf);
    else if (hf.model_type == "bert") read_bert(root, hf);
    else throw Error("config.json: model_type \"" + hf.model_type + "\" is not supported; " + kSupported);
    hf.bos_token_id = token_id(root, "bos_token_id");
    hf.eos_token_id = token_id(root, "eos_token_id");
    hf.pad_token_id = token_id(root, "pad_token_id");
    const auto problems = validate(hf.config);
    if (!problems.empty()) throw Error("config.json: " + problems.front().message);
    return hf;
}

}  // namespace attn
