// GPT-2 (transformers' GPT2Model / GPT2LMHeadModel, saved with or without "transformer."):
//   wte (V, D), wpe (P, D); per block h.<i>: ln_1, attn.c_attn (D, 3D: q, k, v), attn.c_proj (D, D),
//   ln_2, mlp.c_fc (D, F), mlp.c_proj (F, D); ln_f. Conv1D stores (In, Out): read as (Out, In).
//   The LM head is tied to wte and has no bias.
#include "model/families/families.h"

namespace attn {
namespace {

CheckpointLayout gpt2_layout(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward, V = c.vocab_size;
    CheckpointLayout rows;
    LayoutBuilder b(rows);
    b.add("wte.weight", {V, D}, Slot::TokenEmbedding);
    b.add("wpe.weight", {c.max_len, D}, Slot::Positions);
    for (int i = 0; i < c.num_decoder_layers; ++i) {
        const std::string h = "h." + std::to_string(i);
        b.at(Stack::Decoder, i);
        b.norm(h + ".ln_1", Slot::Norm, D, 1);
        // c_attn read as (3D, D): rows 0..D−1 are W_Q, then W_K, then W_V ("split(n_embd, dim=2)").
        b.linear(h + ".attn.c_attn", Slot::QueryKeyValue, {D, 3 * D}, /*transposed=*/true);
        b.linear(h + ".attn.c_proj", Slot::AttentionOut, {D, D}, true);
        b.norm(h + ".ln_2", Slot::Norm, D, 2);
        b.linear(h + ".mlp.c_fc", Slot::FeedForwardIn, {D, F}, true);
        b.linear(h + ".mlp.c_proj", Slot::FeedForwardOut, {F, D}, true);
    }
    b.at(Stack::Decoder).norm("ln_f", Slot::FinalNorm, D);
    b.at(Stack::None);
    // lm_head: Linear(n_embd, vocab, bias=False), its weight tied to wte; some files save it anyway.
    TensorRow& head = b.add("lm_head.weight", {V, D}, Slot::Generator);
    head.required = false, head.tied_to = "wte.weight";
    return rows;
}

void gpt2_finish(Config& c) {
    if (c.dim_feedforward == 0) c.dim_feedforward = 4 * c.d_model;  // n_inner null: 4 × n_embd
}

Config gpt2_base() {
    Config c;
    c.family = Family::Gpt2;
    c.architecture = Architecture::DecoderOnly;
    c.num_encoder_layers = 0;
    c.norm_first = true;
    c.positional_encoding = PositionalEncoding::Learned;
    c.tie_embeddings = true;
    c.pad_token = "";  // GPT-2 has no padding token: nothing is masked as padding
    return c;
}

}  // namespace

const FamilyDescriptor& gpt2_family() {
    static const FamilyDescriptor family{
        .id = Family::Gpt2,
        .model_type = "gpt2",
        .name = "GPT-2",
        .layout = gpt2_layout,
        .prefixes = {"transformer."},
        .ignored_suffixes = {".attn.bias", ".attn.masked_bias"},  // the causal mask, saved as buffers
        .base = gpt2_base(),
        .config_keys = {{"n_embd", &Config::d_model, {}},
                        {"n_head", &Config::nhead, {}},
                        {"n_layer", &Config::num_decoder_layers, {}},
                        {"n_inner", &Config::dim_feedforward, 0},
                        {"n_positions", &Config::max_len, {}},
                        {"vocab_size", &Config::vocab_size, {}},
                        {"layer_norm_epsilon", &Config::layer_norm_eps, 1e-5},
                        {"activation_function", &Config::activation, "gelu_new"},
                        {"scale_attn_weights", &Config::scale_attn_weights, true},
                        {"scale_attn_by_inverse_layer_idx", &Config::scale_attn_by_inverse_layer_idx, false}},
        .finish_config = gpt2_finish,
        .tokenizer = TokenizerKind::ByteLevelBpe,
        .prediction = PredictionKind::NextToken,
        .special_tokens_wrap_text = false,
        .label_gap = "",  // its labels carry their own ␣
        .example_text = "The cat sat on the",
        .example_text_chinese = "The cat sat on the",
    };
    return family;
}

}  // namespace attn
