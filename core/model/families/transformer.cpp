// torch.nn.Transformer's state_dict, keyed exactly as PyTorch names it
// ("encoder.layers.0.self_attn.in_proj_weight", …), so a safetensors file saved from PyTorch
// opens as it is and ours open in PyTorch. The initialisers are nn.Transformer's.
#include "model/families/families.h"

namespace attn {
namespace {

void layer(LayoutBuilder& b, Stack stack, const std::string& prefix, int i, int64_t D, int64_t F, bool cross) {
    const std::string p = prefix + ".layers." + std::to_string(i);
    b.at(stack, i, 1);
    // nn.MultiheadAttention names its fused projection in_proj_weight / in_proj_bias (no dot).
    b.add(p + ".self_attn.in_proj_weight", {3 * D, D}, Slot::QueryKeyValue).init = Init::Xavier;
    b.add(p + ".self_attn.in_proj_bias", {3 * D}, Slot::QueryKeyValue, Part::Bias);
    b.linear(p + ".self_attn.out_proj", Slot::AttentionOut, {D, D}, false, Init::Xavier);
    if (cross) {
        b.at(stack, i, 2);
        b.add(p + ".multihead_attn.in_proj_weight", {3 * D, D}, Slot::QueryKeyValue).init = Init::Xavier;
        b.add(p + ".multihead_attn.in_proj_bias", {3 * D}, Slot::QueryKeyValue, Part::Bias);
        b.linear(p + ".multihead_attn.out_proj", Slot::AttentionOut, {D, D}, false, Init::Xavier);
    }
    b.at(stack, i);
    b.add(p + ".linear1.weight", {F, D}, Slot::FeedForwardIn).init = Init::Xavier;
    TensorRow& b1 = b.add(p + ".linear1.bias", {F}, Slot::FeedForwardIn, Part::Bias);
    b1.init = Init::FanIn, b1.fan_in = D;
    b.add(p + ".linear2.weight", {D, F}, Slot::FeedForwardOut).init = Init::Xavier;
    TensorRow& b2 = b.add(p + ".linear2.bias", {D}, Slot::FeedForwardOut, Part::Bias);
    b2.init = Init::FanIn, b2.fan_in = F;
    for (int n = 1; n <= (cross ? 3 : 2); ++n) b.norm(p + ".norm" + std::to_string(n), Slot::Norm, D, n);
}

CheckpointLayout layout(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward;
    CheckpointLayout rows;
    LayoutBuilder b(rows);
    if (!c.vocab.empty()) b.add("embedding.weight", {static_cast<int64_t>(c.vocab.size()), D}, Slot::TokenEmbedding).init = Init::Normal;
    if (c.positional_encoding == PositionalEncoding::Learned) b.add("pos_embedding.weight", {c.max_len, D}, Slot::Positions).init = Init::Normal;
    for (int i = 0; i < c.encoder_layers(); ++i) layer(b, Stack::Encoder, "encoder", i, D, F, false);
    if (c.encoder_layers() > 0) b.at(Stack::Encoder).norm("encoder.norm", Slot::FinalNorm, D, 0, false);
    const bool cross = c.architecture == Architecture::EncoderDecoder;
    for (int i = 0; i < c.decoder_layers(); ++i) layer(b, Stack::Decoder, "decoder", i, D, F, cross);
    if (c.decoder_layers() > 0) b.at(Stack::Decoder).norm("decoder.norm", Slot::FinalNorm, D, 0, false);
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
        .layout = layout,
    };
    return family;
}

}  // namespace attn
