// torch.nn.Transformer's state_dict, keyed exactly as PyTorch names it
// ("encoder.layers.0.self_attn.in_proj_weight", …), so a safetensors file saved from PyTorch
// opens as it is and ours open in PyTorch. The initialisers are nn.Transformer's.
#include "model/families/families.h"

namespace attn {
namespace {

// One attention block: nn.MultiheadAttention's fused projection in_proj_weight / in_proj_bias (no dot),
// W_Q over W_K over W_V, with H_kv·Dk rows each for K and V under grouped-query attention; QK-norm's
// γ as Qwen3 names them.
void attention_rows(LayoutBuilder& b, const std::string& p, const Config& c) {
    const int64_t D = c.d_model, Q = c.attention_dim(), rows = Q + 2 * static_cast<int64_t>(c.kv_dim());
    TensorRow& w = b.add(p + ".in_proj_weight", {rows, D}, Slot::QueryKeyValue);
    w.init = Init::Xavier, w.fused_query = Q;
    if (c.qkv_bias) b.add(p + ".in_proj_bias", {rows}, Slot::QueryKeyValue, Part::Bias).fused_query = Q;
    b.add(p + ".out_proj.weight", {D, Q}, Slot::AttentionOut).init = Init::Xavier;
    if (c.out_bias) b.add(p + ".out_proj.bias", {D}, Slot::AttentionOut, Part::Bias);
    if (c.qk_norm) {
        b.add(p + ".q_norm.weight", {c.head_dim()}, Slot::QueryNorm).init = Init::Ones;
        b.add(p + ".k_norm.weight", {c.head_dim()}, Slot::KeyNorm).init = Init::Ones;
    }
}

// nn.Linear(In, Out, bias): weight Xavier (nn.Transformer's reset), bias U(±1/√In).
void linear_rows(LayoutBuilder& b, const std::string& name, Slot slot, int64_t out, int64_t in, bool bias) {
    b.add(name + ".weight", {out, in}, slot).init = Init::Xavier;
    if (!bias) return;
    TensorRow& row = b.add(name + ".bias", {out}, slot, Part::Bias);
    row.init = Init::FanIn, row.fan_in = in;
}

void layer_rows(LayoutBuilder& b, Stack stack, const std::string& prefix, int i, const Config& c, bool cross) {
    const std::string p = prefix + ".layers." + std::to_string(i);
    const int64_t D = c.d_model, F = c.dim_feedforward;
    b.at(stack, i, 1);
    attention_rows(b, p + ".self_attn", c);
    if (cross) {
        b.at(stack, i, 2);
        attention_rows(b, p + ".multihead_attn", c);
    }
    b.at(stack, i);
    linear_rows(b, p + ".linear1", Slot::FeedForwardIn, F, D, c.ffn_bias);
    if (c.ffn == FeedForwardKind::SwiGlu) linear_rows(b, p + ".linear_gate", Slot::FeedForwardGate, F, D, c.ffn_bias);
    linear_rows(b, p + ".linear2", Slot::FeedForwardOut, D, F, c.ffn_bias);
    const bool bias = c.norm == NormKind::LayerNorm;
    for (int n = 1; n <= (cross ? 3 : 2); ++n) b.norm(p + ".norm" + std::to_string(n), Slot::Norm, D, n, true, bias);
}

CheckpointLayout transformer_layout(const Config& c) {
    const int64_t D = c.d_model;
    CheckpointLayout rows;
    LayoutBuilder b(rows);
    if (!c.vocab.empty()) b.add("embedding.weight", {static_cast<int64_t>(c.vocab.size()), D}, Slot::TokenEmbedding).init = Init::Normal;
    if (c.positional_encoding == PositionalEncoding::Learned) b.add("pos_embedding.weight", {c.max_len, D}, Slot::Positions).init = Init::Normal;
    const bool bias = c.norm == NormKind::LayerNorm;
    for (int i = 0; i < c.encoder_layers(); ++i) layer_rows(b, Stack::Encoder, "encoder", i, c, false);
    if (c.encoder_layers() > 0) b.at(Stack::Encoder).norm("encoder.norm", Slot::FinalNorm, D, 0, false, bias);
    const bool cross = c.architecture == Architecture::EncoderDecoder;
    for (int i = 0; i < c.decoder_layers(); ++i) layer_rows(b, Stack::Decoder, "decoder", i, c, cross);
    if (c.decoder_layers() > 0) b.at(Stack::Decoder).norm("decoder.norm", Slot::FinalNorm, D, 0, false, bias);
    b.at(Stack::None);
    if (const int64_t V = c.output_vocab(); V > 0) {
        TensorRow& w = b.add(c.tie_embeddings ? "embedding.weight" : "generator.weight", {V, D}, Slot::Generator);
        w.init = c.tie_embeddings ? Init::Normal : Init::FanIn, w.fan_in = D;
        TensorRow& bias = b.add("generator.bias", {V}, Slot::Generator, Part::Bias);
        bias.init = Init::FanIn, bias.fan_in = D;
    }
    return rows;
}

}  // namespace

const FamilyDescriptor& transformer_family() {
    static const FamilyDescriptor family{
        .id = Family::Transformer,
        .model_type = "",
        .name = "nn.Transformer",
        .layout = transformer_layout,
    };
    return family;
}

}  // namespace attn
