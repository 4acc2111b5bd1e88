#include "model/config.h"

#include "base/i18n.h"
#include "base/json_util.h"
#include "base/spelling.h"
#include "base/tensor.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_set>

namespace attn {
namespace {

using nlohmann::json;

// Largest size any dimension may have: far beyond what a trace can hold, but
// small enough that products of two sizes cannot overflow 64-bit counts.
constexpr int kMaxDimension = 1 << 20;

const std::map<std::string, Architecture> kArchitectures = {
    {"encoder-only", Architecture::EncoderOnly},
    {"decoder-only", Architecture::DecoderOnly},
    {"encoder-decoder", Architecture::EncoderDecoder}};
const std::map<std::string, Activation> kActivations = {
    {"relu", Activation::Relu}, {"gelu", Activation::Gelu}, {"gelu_tanh", Activation::GeluTanh}};
const std::map<std::string, Family> kFamilies = {
    {"transformer", Family::Transformer}, {"gpt2", Family::Gpt2}, {"bert", Family::Bert},
    {"llama", Family::Llama},             {"qwen2", Family::Qwen2}, {"mistral", Family::Mistral},
    {"qwen3", Family::Qwen3}};
const std::map<std::string, PositionalEncoding> kEncodings = {
    {"none", PositionalEncoding::None},     {"sinusoidal", PositionalEncoding::Sinusoidal},
    {"learned", PositionalEncoding::Learned}, {"rope", PositionalEncoding::Rope},
    {"alibi", PositionalEncoding::Alibi},   {"binary", PositionalEncoding::Binary}};

const std::map<std::string, TextSplit> kTokenizers = {{"words", TextSplit::Words}, {"char", TextSplit::Chars}};
const std::map<std::string, NormKind> kNorms = {{"layernorm", NormKind::LayerNorm}, {"rmsnorm", NormKind::RmsNorm}};
const std::map<std::string, RopeStyle> kRopeStyles = {{"interleaved", RopeStyle::Interleaved}, {"half", RopeStyle::Half}};

const std::vector<std::string> kFields = {
    "architecture", "d_model",  "nhead",          "num_encoder_layers", "num_decoder_layers",
    "dim_feedforward", "activation", "norm_first", "layer_norm_eps",    "positional_encoding",
    "pe_base",      "pe_concat", "max_len",  "seed",           "causal",             "sliding_window",
    "sliding_window_pattern", "sink_tokens",
    "block_size",   "pad_token", "vocab",          "vocab_size",         "tie_embeddings",
    "family",       "type_vocab_size", "scale_attn_weights", "scale_attn_by_inverse_layer_idx", "rope_style",
    "norm",         "ffn",      "num_kv_heads",   "rope_theta",         "qk_norm",
    "qkv_bias",     "out_bias", "ffn_bias",       "rope_scaling",       "head_dim",
    "tokenizer"};

std::string unknown_field_message(const std::string& key) {
    const std::string best = nearest_spelling(key, kFields);
    std::string message = "unknown config field '" + key + "'";
    if (!best.empty()) message += " (did you mean '" + best + "'?)";
    return message;
}

std::string wrong_type(const std::string& key, const std::string& expected, const json& value) {
    return "'" + key + "' must be " + expected + ", not a " + json_type_name(value) + " (" + value.dump() + ")";
}

int read_int(const json& value, const std::string& key) {
    if (!value.is_number_integer()) throw Error(wrong_type(key, "a whole number", value));
    auto v = value.get<int64_t>();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        throw Error("'" + key + "' (" + std::to_string(v) + ") is far too large");
    return static_cast<int>(v);
}

double read_number(const json& value, const std::string& key) {
    if (!value.is_number()) throw Error(wrong_type(key, "a number", value));
    return value.get<double>();
}

bool read_bool(const json& value, const std::string& key) {
    if (!value.is_boolean()) throw Error(wrong_type(key, "true or false", value));
    return value.get<bool>();
}

std::string read_string(const json& value, const std::string& key) {
    if (!value.is_string()) throw Error(wrong_type(key, "a string", value));
    return value.get<std::string>();
}

template <typename Enum>
Enum read_enum(const json& value, const std::string& key, const std::map<std::string, Enum>& choices) {
    std::string text = read_string(value, key);
    auto it = choices.find(text);
    if (it != choices.end()) return it->second;
    std::string names;
    for (const auto& [name, _] : choices) names += (names.empty() ? "" : ", ") + name;
    throw Error("'" + key + "' cannot be \"" + text + "\"; choose one of: " + names);
}

// "ffn": "swiglu" (gated, SiLU), or "relu" / "gelu" / "gelu_tanh" (today's network with that activation).
void read_feed_forward(const json& value, const std::string& key, Config& c) {
    if (value.is_string() && value.get<std::string>() == "swiglu") {
        c.ffn = FeedForwardKind::SwiGlu;
        return;
    }
    if (value.is_string() && kActivations.count(value.get<std::string>())) {
        c.ffn = FeedForwardKind::Standard;
        c.activation = kActivations.at(value.get<std::string>());
        return;
    }
    read_string(value, key);  // a wrong type is named as such
    throw Error("'ffn' cannot be " + value.dump() + "; choose one of: gelu, gelu_tanh, relu, swiglu");
}

template <typename Enum>
const char* enum_name(Enum e, const std::map<std::string, Enum>& choices) {
    for (const auto& [name, value] : choices)
        if (value == e) return name.c_str();
    return "?";
}

}  // namespace

float Config::score_divisor(int layer) const {
    float divisor = scale_attn_weights ? std::sqrt(static_cast<float>(head_dim())) : 1.0f;
    if (scale_attn_by_inverse_layer_idx) divisor *= static_cast<float>(layer + 1);
    return divisor;
}

const char* to_string(Architecture a) { return enum_name(a, kArchitectures); }
const char* to_string(Activation a) { return enum_name(a, kActivations); }
const char* to_string(PositionalEncoding p) { return enum_name(p, kEncodings); }
const char* to_string(Family f) { return enum_name(f, kFamilies); }
const char* to_string(RopeStyle s) { return enum_name(s, kRopeStyles); }
const char* to_string(NormKind n) { return enum_name(n, kNorms); }
const char* to_string(FeedForwardKind f) { return f == FeedForwardKind::SwiGlu ? "swiglu" : "standard"; }
const char* to_string(TextSplit t) { return t == TextSplit::Chars ? "char" : "words"; }

Config parse_config_json(const nlohmann::json& root);

std::vector<ConfigProblem> validate(const Config& c) {
    std::vector<ConfigProblem> problems;
    auto add = [&](const std::string& field, const std::string& message) { problems.push_back({field, message}); };
    auto positive = [&](const std::string& field, int value) {
        if (value < 1) {
            add(field, fill(translate_text("attn", "%1 (%2) must be at least 1"), {field, std::to_string(value)}));
            return false;
        }
        if (value > kMaxDimension) {
            add(field, fill(translate_text("attn", "%1 (%2) must be at most %3"),
                            {field, std::to_string(value), std::to_string(kMaxDimension)}));
            return false;
        }
        return true;
    };

    const bool d_model_ok = positive("d_model", c.d_model);  // both checked, so both messages show
    const bool nhead_ok = positive("nhead", c.nhead);
    const bool sizes_ok = d_model_ok && nhead_ok;
    if (c.head_size < 0)
        add("head_dim", fill(translate_text("attn", "%1 (%2) cannot be negative"), {"head_dim", std::to_string(c.head_size)}));
    if (sizes_ok && c.head_size == 0 && c.d_model % c.nhead != 0)
        add("d_model", fill(translate_text("attn", "d_model (%1) must be divisible by nhead (%2)"),
                            {std::to_string(c.d_model), std::to_string(c.nhead)}));
    else if (sizes_ok && c.positional_encoding == PositionalEncoding::Rope && c.head_dim() % 2 != 0)
        add("d_model", fill(translate_text("attn", "RoPE rotates pairs of numbers, so the head size d_model / nhead (%1) must be even"),
                            {std::to_string(c.head_dim())}));
    if (nhead_ok && c.num_kv_heads != 0 && (c.num_kv_heads < 1 || c.num_kv_heads > c.nhead || c.nhead % c.num_kv_heads != 0))
        add("num_kv_heads", fill(translate_text("attn", "num_kv_heads (%1) must divide nhead (%2): each K/V head serves the same number of query heads"),
                                 {std::to_string(c.num_kv_heads), std::to_string(c.nhead)}));
    if (c.has_encoder()) positive("num_encoder_layers", c.num_encoder_layers);
    else if (c.num_encoder_layers < 0)
        add("num_encoder_layers", fill(translate_text("attn", "%1 (%2) cannot be negative"),
                                       {"num_encoder_layers", std::to_string(c.num_encoder_layers)}));
    if (c.has_decoder()) positive("num_decoder_layers", c.num_decoder_layers);
    else if (c.num_decoder_layers < 0)
        add("num_decoder_layers", fill(translate_text("attn", "%1 (%2) cannot be negative"),
                                       {"num_decoder_layers", std::to_string(c.num_decoder_layers)}));
    positive("dim_feedforward", c.dim_feedforward);
    positive("max_len", c.max_len);
    if (!(c.layer_norm_eps > 0.0) || !std::isfinite(c.layer_norm_eps))
        add("layer_norm_eps", fill(translate_text("attn", "layer_norm_eps (%1) must be a small positive number such as 1e-5"),
                                   {std::to_string(c.layer_norm_eps)}));
    if (!(c.pe_base > 1.0) || !std::isfinite(c.pe_base))
        add("pe_base", fill(translate_text("attn", "pe_base (%1) must be greater than 1 (10000 in the paper, 2 for the textbook variant)"),
                            {std::to_string(c.pe_base)}));
    if (c.pe_concat != 0) {
        const bool fixed = c.positional_encoding == PositionalEncoding::Sinusoidal || c.positional_encoding == PositionalEncoding::Binary;
        if (!fixed)
            add("pe_concat", translate_text("attn", "pe_concat needs a sinusoidal or binary encoding: the others have no table to concatenate"));
        else if (c.pe_concat < 2 || c.pe_concat % 2 != 0 || c.pe_concat >= c.d_model)
            add("pe_concat", fill(translate_text("attn", "pe_concat (%1) must be 0 (add) or an even number of features below d_model (%2)"),
                                  {std::to_string(c.pe_concat), std::to_string(c.d_model)}));
    }
    if (c.sliding_window < 0)
        add("sliding_window", fill(translate_text("attn", "sliding_window (%1) cannot be negative; use 0 to turn it off"),
                                   {std::to_string(c.sliding_window)}));
    if (c.sliding_window_pattern < 0)
        add("sliding_window_pattern",
            fill(translate_text("attn", "sliding_window_pattern (%1) cannot be negative; use 0 for the window in every layer"),
                 {std::to_string(c.sliding_window_pattern)}));
    if (c.sink_tokens < 0)
        add("sink_tokens", fill(translate_text("attn", "sink_tokens (%1) cannot be negative; use 0 for none"),
                                {std::to_string(c.sink_tokens)}));
    if (c.block_size < 0)
        add("block_size", fill(translate_text("attn", "block_size (%1) cannot be negative; use 0 to turn it off"),
                               {std::to_string(c.block_size)}));
    if (c.vocab_size < 0)
        add("vocab_size", fill(translate_text("attn", "vocab_size (%1) cannot be negative; use 0 for no output head"),
                               {std::to_string(c.vocab_size)}));
    if (c.vocab_size > 0 && !c.vocab.empty() && c.vocab_size != static_cast<int>(c.vocab.size()))
        add("vocab_size", fill(translate_text("attn", "vocab_size (%1) differs from the %2 tokens of vocab: give one or make them agree"),
                               {std::to_string(c.vocab_size), std::to_string(c.vocab.size())}));
    if (c.tie_embeddings && c.vocab.empty() && c.family == Family::Transformer)
        add("tie_embeddings", translate_text("attn", "tie_embeddings needs a vocab: the head reuses embedding.weight, one row per vocab token"));
    if (c.type_vocab_size < 0)
        add("type_vocab_size", fill(translate_text("attn", "%1 (%2) cannot be negative"), {"type_vocab_size", std::to_string(c.type_vocab_size)}));
    // An imported model's vocab holds display labels (model/hf_tokenizer.h), which may repeat; its ids are what count.
    if (c.family == Family::Transformer) {
        std::unordered_set<std::string_view> seen;
        for (const auto& token : c.vocab)
            if (!seen.insert(token).second) {
                add("vocab", fill(translate_text("attn", "vocab lists the token '%1' twice"), {token}));
                break;
            }
    }
    return problems;
}

void require_valid(const Config& config) {
    auto problems = validate(config);
    if (!problems.empty()) throw Error(problems.front().message);
}

Config parse_config(const std::string& json_text) {
    try {
        return parse_config_json(parse_json_strict(json_text, "the config"));
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("the config is malformed: ") + e.what());
    }
}

Config parse_config_json(const nlohmann::json& root) {
    if (!root.is_object()) throw Error("the config must be a JSON object such as {\"d_model\": 8}, not a " + json_type_name(root));

    Config c;
    std::optional<double> rope_theta;  // Llama's name for pe_base
    for (const auto& [key, value] : root.items()) {
        if (key == "architecture") c.architecture = read_enum(value, key, kArchitectures);
        else if (key == "d_model") c.d_model = read_int(value, key);
        else if (key == "nhead") c.nhead = read_int(value, key);
        else if (key == "num_encoder_layers") c.num_encoder_layers = read_int(value, key);
        else if (key == "num_decoder_layers") c.num_decoder_layers = read_int(value, key);
        else if (key == "dim_feedforward") c.dim_feedforward = read_int(value, key);
        else if (key == "activation") c.activation = read_enum(value, key, kActivations);
        else if (key == "norm_first") c.norm_first = read_bool(value, key);
        else if (key == "layer_norm_eps") c.layer_norm_eps = read_number(value, key);
        else if (key == "positional_encoding") c.positional_encoding = read_enum(value, key, kEncodings);
        else if (key == "pe_base") c.pe_base = read_number(value, key);
        else if (key == "rope_style") c.rope_style = read_enum(value, key, kRopeStyles);
        else if (key == "rope_theta") rope_theta = read_number(value, key);
        else if (key == "norm") c.norm = read_enum(value, key, kNorms);
        else if (key == "ffn") read_feed_forward(value, key, c);
        else if (key == "num_kv_heads") c.num_kv_heads = read_int(value, key);
        else if (key == "qk_norm") c.qk_norm = read_bool(value, key);
        else if (key == "rope_scaling") c.rope_scaling = parse_rope_scaling(value);
        else if (key == "head_dim") c.head_size = read_int(value, key);
        else if (key == "qkv_bias") c.qkv_bias = read_bool(value, key);
        else if (key == "out_bias") c.out_bias = read_bool(value, key);
        else if (key == "ffn_bias") c.ffn_bias = read_bool(value, key);
        else if (key == "pe_concat") c.pe_concat = read_int(value, key);
        else if (key == "max_len") c.max_len = read_int(value, key);
        else if (key == "seed") {
            if (!value.is_number_integer() || (value.is_number_integer() && !value.is_number_unsigned() && value.get<int64_t>() < 0))
                throw Error(wrong_type(key, "a whole number of at least 0", value));
            c.seed = value.get<uint64_t>();
        } else if (key == "causal") c.causal = read_bool(value, key);
        else if (key == "sliding_window") c.sliding_window = read_int(value, key);
        else if (key == "sliding_window_pattern") c.sliding_window_pattern = read_int(value, key);
        else if (key == "sink_tokens") c.sink_tokens = read_int(value, key);
        else if (key == "block_size") c.block_size = read_int(value, key);
        else if (key == "pad_token") c.pad_token = read_string(value, key);
        else if (key == "tokenizer") c.tokenizer = read_enum(value, key, kTokenizers);
        else if (key == "vocab_size") c.vocab_size = read_int(value, key);
        else if (key == "tie_embeddings") c.tie_embeddings = read_bool(value, key);
        else if (key == "family") c.family = read_enum(value, key, kFamilies);
        else if (key == "type_vocab_size") c.type_vocab_size = read_int(value, key);
        else if (key == "scale_attn_weights") c.scale_attn_weights = read_bool(value, key);
        else if (key == "scale_attn_by_inverse_layer_idx") c.scale_attn_by_inverse_layer_idx = read_bool(value, key);
        else if (key == "vocab") {
            if (!value.is_array()) throw Error(wrong_type(key, "a list of token strings", value));
            c.vocab.clear();
            for (const auto& token : value) c.vocab.push_back(read_string(token, "vocab entry"));
        } else throw Error(unknown_field_message(key));
    }
    if (rope_theta) {
        if (root.contains("pe_base") && c.pe_base != *rope_theta)
            throw Error("'rope_theta' and 'pe_base' name the same number and differ: give one");
        c.pe_base = *rope_theta;
    }
    if (root.contains("ffn") && root.contains("activation") && root["ffn"] != root["activation"] && root["ffn"] != "swiglu")
        throw Error("'ffn' and 'activation' name different activations: give one");
    require_valid(c);
    return c;
}

RopeScaling parse_rope_scaling(const json& value) {
    RopeScaling s;
    if (value.is_null()) return s;
    if (!value.is_object()) throw Error(wrong_type("rope_scaling", "an object such as {\"rope_type\": \"linear\", \"factor\": 2}", value));
    // transformers has called the key "type", then "rope_type".
    const std::string type = value.contains("rope_type") ? read_string(value["rope_type"], "rope_type")
                             : value.contains("type")    ? read_string(value["type"], "type")
                                                         : std::string("(none)");
    if (type == "default") return s;
    if (type == "linear") s.type = RopeScalingType::Linear;
    else if (type == "llama3") s.type = RopeScalingType::Llama3;
    else throw Error("rope_scaling \"" + type + "\" is not computed; Attention Lab computes \"linear\" and \"llama3\"");
    if (!value.contains("factor")) throw Error("rope_scaling \"" + type + "\" needs its \"factor\"");
    s.factor = read_number(value["factor"], "factor");
    if (s.type == RopeScalingType::Llama3) {
        if (value.contains("low_freq_factor")) s.low_freq_factor = read_number(value["low_freq_factor"], "low_freq_factor");
        if (value.contains("high_freq_factor")) s.high_freq_factor = read_number(value["high_freq_factor"], "high_freq_factor");
        if (value.contains("original_max_position_embeddings"))
            s.original_max_position_embeddings = read_int(value["original_max_position_embeddings"], "original_max_position_embeddings");
    }
    if (!(s.factor > 0) || !std::isfinite(s.factor)) throw Error("rope_scaling's factor must be a positive number, not " + value["factor"].dump());
    if (s.type == RopeScalingType::Llama3 &&
        (!(s.low_freq_factor > 0) || !(s.high_freq_factor > s.low_freq_factor) || s.original_max_position_embeddings < 1))
        throw Error("rope_scaling \"llama3\" needs 0 < low_freq_factor < high_freq_factor and original_max_position_embeddings of at least 1");
    return s;
}

Config load_config(const std::string& path) { return parse_config(read_text_file(path, "config file")); }

std::string config_to_json(const Config& c) {
    nlohmann::ordered_json j = {
        {"architecture", to_string(c.architecture)},
        {"d_model", c.d_model},
        {"nhead", c.nhead},
        {"num_encoder_layers", c.num_encoder_layers},
        {"num_decoder_layers", c.num_decoder_layers},
        {"dim_feedforward", c.dim_feedforward},
        {"activation", to_string(c.activation)},
        {"norm_first", c.norm_first},
        {"layer_norm_eps", c.layer_norm_eps},
        {"positional_encoding", to_string(c.positional_encoding)},
        {"pe_base", c.pe_base},
        {"pe_concat", c.pe_concat},
        {"max_len", c.max_len},
        {"seed", c.seed},
        {"causal", c.causal},
        {"sliding_window", c.sliding_window},
        {"block_size", c.block_size},
        {"pad_token", c.pad_token},
    };
    if (!c.vocab.empty() && c.family == Family::Transformer) j["vocab"] = c.vocab;  // an imported model's is its tokenizer's
    if (c.vocab_size > 0) j["vocab_size"] = c.vocab_size;
    if (c.sliding_window_pattern > 0) j["sliding_window_pattern"] = c.sliding_window_pattern;
    if (c.sink_tokens > 0) j["sink_tokens"] = c.sink_tokens;
    if (c.tokenizer != TextSplit::Words) j["tokenizer"] = to_string(c.tokenizer);
    if (c.tie_embeddings) j["tie_embeddings"] = true;
    if (c.family != Family::Transformer) j["family"] = to_string(c.family);
    if (c.rope_style != RopeStyle::Interleaved) j["rope_style"] = to_string(c.rope_style);
    if (c.norm != NormKind::LayerNorm) j["norm"] = to_string(c.norm);
    if (c.head_size > 0) j["head_dim"] = c.head_size;
    if (c.rope_scaling.type == RopeScalingType::Linear)
        j["rope_scaling"] = {{"rope_type", "linear"}, {"factor", c.rope_scaling.factor}};
    if (c.rope_scaling.type == RopeScalingType::Llama3)
        j["rope_scaling"] = {{"rope_type", "llama3"},
                             {"factor", c.rope_scaling.factor},
                             {"low_freq_factor", c.rope_scaling.low_freq_factor},
                             {"high_freq_factor", c.rope_scaling.high_freq_factor},
                             {"original_max_position_embeddings", c.rope_scaling.original_max_position_embeddings}};
    if (c.ffn == FeedForwardKind::SwiGlu) j["ffn"] = "swiglu";
    if (c.num_kv_heads > 0) j["num_kv_heads"] = c.num_kv_heads;
    if (c.qk_norm) j["qk_norm"] = true;
    for (const auto& [key, on] : {std::pair{"qkv_bias", c.qkv_bias}, {"out_bias", c.out_bias}, {"ffn_bias", c.ffn_bias}})
        if (!on) j[key] = false;
    if (c.type_vocab_size > 0) j["type_vocab_size"] = c.type_vocab_size;
    if (!c.scale_attn_weights) j["scale_attn_weights"] = false;
    if (c.scale_attn_by_inverse_layer_idx) j["scale_attn_by_inverse_layer_idx"] = true;
    return j.dump(2);
}

}  // namespace attn
