// Llama and the families built like it (transformers' modeling_llama, modeling_mistral,
// modeling_qwen2, modeling_qwen3; SmolLM2 and TinyLlama are "llama"): saved with a "model." prefix,
//   embed_tokens (V, D); per layer layers.<i>: input_layernorm (RMSNorm γ), self_attn.q_proj
//   (H·Dk, D), k_proj and v_proj (H_kv·Dk, D), o_proj (D, H·Dk), post_attention_layernorm,
//   mlp.gate_proj and up_proj (F, D), down_proj (D, F); norm; lm_head (V, D), tied to
//   embed_tokens when tie_word_embeddings.
// Pre-norm, RMSNorm, SwiGLU, RoPE in halves (rotate_half), grouped-query attention. What differs
// between them is which linears have a bias (Llama: attention_bias / mlp_bias; Qwen2: q, k, v
// only; Mistral: none), Mistral's sliding window and Qwen3's QK-norm (self_attn.q_norm, k_norm)
// with heads wider than hidden_size / heads (head_dim): knobs of the Config, not code.
#include "model/families/families.h"

#include "base/tensor.h"

#include <nlohmann/json.hpp>

namespace attn {
namespace {

using nlohmann::json;

// config.json's rope_scaling and Qwen2's use_sliding_window.
void read_llama_special(const json& root, Config& c) {
    if (root.contains("rope_scaling")) try {
            c.rope_scaling = parse_rope_scaling(root["rope_scaling"]);
        } catch (const Error& e) {
            throw Error(std::string("config.json: ") + e.what());
        }
    if (root.contains("use_sliding_window") && root["use_sliding_window"].is_boolean() && root["use_sliding_window"].get<bool>())
        throw Error("config.json: use_sliding_window is true; Attention Lab computes Qwen2 with full attention in every layer only");
}

CheckpointLayout llama_layout(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size, Q = c.nhead * c.head_dim(), KV = c.kv_dim();
    CheckpointLayout rows;
    LayoutBuilder b(rows);
    auto linear = [&b](const std::string& name, Slot slot, int64_t out, int64_t in, bool bias) {
        b.add(name + ".weight", {out, in}, slot);
        if (bias) b.add(name + ".bias", {out}, slot, Part::Bias);
    };
    b.add("embed_tokens.weight", {V, D}, Slot::TokenEmbedding);
    for (int i = 0; i < c.num_decoder_layers; ++i) {
        const std::string l = "layers." + std::to_string(i);
        b.at(Stack::Decoder, i);
        b.norm(l + ".input_layernorm", Slot::Norm, D, 1, true, false);
        linear(l + ".self_attn.q_proj", Slot::Query, Q, D, c.qkv_bias);
        linear(l + ".self_attn.k_proj", Slot::Key, KV, D, c.qkv_bias);
        linear(l + ".self_attn.v_proj", Slot::Value, KV, D, c.qkv_bias);
        linear(l + ".self_attn.o_proj", Slot::AttentionOut, D, Q, c.out_bias);
        if (c.qk_norm) {  // Qwen3: one RMSNorm γ of d_k for every query head, one for every key head
            b.add(l + ".self_attn.q_norm.weight", {c.head_dim()}, Slot::QueryNorm);
            b.add(l + ".self_attn.k_norm.weight", {c.head_dim()}, Slot::KeyNorm);
        }
        b.norm(l + ".post_attention_layernorm", Slot::Norm, D, 2, true, false);
        linear(l + ".mlp.gate_proj", Slot::FeedForwardGate, F, D, c.ffn_bias);
        linear(l + ".mlp.up_proj", Slot::FeedForwardIn, F, D, c.ffn_bias);
        linear(l + ".mlp.down_proj", Slot::FeedForwardOut, D, F, c.ffn_bias);
    }
    b.at(Stack::Decoder).norm("norm", Slot::FinalNorm, D, 0, true, false);
    b.at(Stack::None);
    TensorRow& head = b.add("lm_head.weight", {V, D}, Slot::Generator);
    if (c.tie_embeddings) head.required = false, head.tied_to = "embed_tokens.weight";  // some files save it anyway
    return rows;
}

// What Llama, Mistral and Qwen2 share before their config.json is read.
Config llama_base(Family family) {
    Config c;
    c.family = family;
    c.architecture = Architecture::DecoderOnly;
    c.num_encoder_layers = 0;
    c.norm_first = true;
    c.norm = NormKind::RmsNorm;
    c.ffn = FeedForwardKind::SwiGlu;
    c.positional_encoding = PositionalEncoding::Rope;
    c.rope_style = RopeStyle::Half;
    c.qkv_bias = c.out_bias = c.ffn_bias = false;
    c.pad_token = "";  // padding is the caller's attention_mask, never a token of the text
    return c;
}

Config qwen3_base() {
    Config c = llama_base(Family::Qwen3);
    c.qk_norm = true;  // Qwen3Attention: q_norm and k_norm over head_dim, before RoPE
    return c;
}

Config qwen2_base() {
    Config c = llama_base(Family::Qwen2);
    c.qkv_bias = true;  // Qwen2Attention: q_proj, k_proj, v_proj with bias; o_proj without
    return c;
}

// Llama's attention_bias puts a bias on all four projections (q, k, v and o).
void llama_finish(Config& c) { c.out_bias = c.qkv_bias; }

// The keys every one of them reads (transformers' LlamaConfig names).
std::vector<ConfigKey> shared_keys(double rms_eps, bool tied) {
    return {{"hidden_size", &Config::d_model, {}},
            {"num_attention_heads", &Config::nhead, {}},
            {"num_key_value_heads", &Config::num_kv_heads, 0},  // absent: as many as the query heads
            {"head_dim", &Config::head_size, 0},                // absent: hidden_size / num_attention_heads
            {"num_hidden_layers", &Config::num_decoder_layers, {}},
            {"intermediate_size", &Config::dim_feedforward, {}},
            {"max_position_embeddings", &Config::max_len, {}},
            {"vocab_size", &Config::vocab_size, {}},
            {"rms_norm_eps", &Config::layer_norm_eps, rms_eps},
            {"rope_theta", &Config::pe_base, 10000.0},
            {"tie_word_embeddings", &Config::tie_embeddings, tied}};
}

const std::vector<RequiredValue> kSilu = {
    {"hidden_act", "silu", "Attention Lab computes this family's SwiGLU with SiLU (hidden_act \"silu\") only"}};

template <typename... Extra>
std::vector<ConfigKey> keys(double rms_eps, bool tied, Extra... extra) {
    std::vector<ConfigKey> out = shared_keys(rms_eps, tied);
    (out.push_back(extra), ...);
    return out;
}

// A descriptor of this file: what the four share (layout, prefix, SiLU, tokenizer, traits) and what
// each sets (its base knobs and key table).
FamilyDescriptor llama_like(Family id, const char* model_type, const char* name, Config base, std::vector<ConfigKey> keys,
                            void (*finish)(Config&), const char* example_chinese) {
    return FamilyDescriptor{
        .id = id,
        .model_type = model_type,
        .name = name,
        .layout = llama_layout,
        .prefixes = {"model."},
        .ignored_suffixes = {".rotary_emb.inv_freq"},  // a buffer older versions saved
        .base = std::move(base),
        .config_keys = std::move(keys),
        .required_values = kSilu,
        .read_special = read_llama_special,
        .finish_config = finish,
        .tokenizer = TokenizerKind::ByteLevelBpe,
        .vocab_may_exceed_tokenizer = true,
        .prediction = PredictionKind::NextToken,
        .example_text = "The capital of France is",
        .example_text_chinese = example_chinese,
    };
}

}  // namespace

const FamilyDescriptor& llama_family() {
    static const FamilyDescriptor family =
        llama_like(Family::Llama, "llama", "Llama", llama_base(Family::Llama),
                   keys(1e-6, false, ConfigKey{"attention_bias", &Config::qkv_bias, false}, ConfigKey{"mlp_bias", &Config::ffn_bias, false}),
                   llama_finish, "The capital of France is");
    return family;
}

const FamilyDescriptor& qwen2_family() {
    static const FamilyDescriptor family =
        llama_like(Family::Qwen2, "qwen2", "Qwen2", qwen2_base(), keys(1e-6, false), nullptr, "中国的首都是");
    return family;
}

const FamilyDescriptor& mistral_family() {
    static const FamilyDescriptor family =
        llama_like(Family::Mistral, "mistral", "Mistral", llama_base(Family::Mistral),
                   keys(1e-6, false, ConfigKey{"sliding_window", &Config::sliding_window, 0}),  // null: none
                   nullptr, "The capital of France is");
    return family;
}

const FamilyDescriptor& qwen3_family() {
    static const FamilyDescriptor family =
        llama_like(Family::Qwen3, "qwen3", "Qwen3", qwen3_base(), keys(1e-6, false, ConfigKey{"attention_bias", &Config::qkv_bias, false}),
                   llama_finish, "中国的首都是");
    return family;
}

}  // namespace attn
