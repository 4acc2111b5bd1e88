// The nn.Transformer adapter: PyTorch's names bound to typed views once.
#include "model/checkpoint_torch.h"
#include "model/model.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

Config translation_config() {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    c.d_model = 6;
    c.nhead = 2;
    c.num_encoder_layers = 2;
    c.num_decoder_layers = 1;
    c.dim_feedforward = 10;
    c.positional_encoding = PositionalEncoding::Learned;
    c.max_len = 7;
    c.vocab = {"a", "b", "c"};
    return c;
}

TEST(CheckpointTorch, InProjWeightIsSplitIntoQKAndVByRows) {
    const Config c = translation_config();
    const StateDict sd = initial_state_dict(c);
    const ModelWeights w = bind_weights(c, sd);
    const Tensor& in_proj = sd.at("decoder.layers.0.multihead_attn.in_proj_weight");  // (3D, D)
    const Tensor& in_bias = sd.at("decoder.layers.0.multihead_attn.in_proj_bias");
    const AttentionWeights& a = *w.decoder.layers[0].cross_attn;
    const LinearWeights* qkv[] = {&a.q, &a.k, &a.v};
    for (int part = 0; part < 3; ++part)
        for (int r = 0; r < 6; ++r) {
            EXPECT_EQ(qkv[part]->bias[r], in_bias.data[part * 6 + r]);
            for (int col = 0; col < 6; ++col)
                EXPECT_EQ(qkv[part]->weight.map()(r, col), in_proj.data[(part * 6 + r) * 6 + col]) << part << " " << r;
        }
    EXPECT_EQ(a.out.weight.name, "decoder.layers.0.multihead_attn.out_proj.weight");
    EXPECT_EQ(w.encoder.layers.size(), 2u);
    EXPECT_FALSE(w.encoder.layers[0].cross_attn.has_value());
    EXPECT_EQ(w.decoder.layers[0].norms.size(), 3u);
    EXPECT_EQ(w.decoder.layers[0].ffn.linear1.weight.rows, 10);
    EXPECT_EQ(w.token_embedding->rows, 3);
    EXPECT_EQ(w.positions->rows, 7);
    EXPECT_EQ(w.encoder.final_norm->weight.data, sd.at("encoder.norm.weight").data.data());
}

TEST(CheckpointTorch, ShapesOnlyBindingHasTheShapesAndNoData) {
    const Config c = translation_config();
    const ModelWeights w = bind_weights_shapes(c, false);
    EXPECT_EQ(w.decoder.layers[0].self_attn.k.weight.data, nullptr);
    EXPECT_EQ(w.decoder.layers[0].self_attn.k.weight.cols, 6);
    EXPECT_FALSE(w.encoder.final_norm.has_value());
    EXPECT_TRUE(bind_weights_shapes(c, true).decoder.final_norm.has_value());
}

TEST(CheckpointTorch, TheSeedInitialisesAsPyTorchDoes) {
    const Config c = translation_config();
    const StateDict sd = initial_state_dict(c);
    auto max_abs = [](const Tensor& t) {
        float m = 0;
        for (float v : t.data) m = std::max(m, std::abs(v));
        return m;
    };
    // Xavier-uniform: |w| ≤ √(6 / (fan_in + fan_out)); nn.Linear's bias: |b| ≤ 1/√fan_in.
    EXPECT_LE(max_abs(sd.at("encoder.layers.0.linear1.weight")), std::sqrt(6.0f / (6 + 10)));
    EXPECT_LE(max_abs(sd.at("encoder.layers.0.linear2.bias")), 1.0f / std::sqrt(10.0f));
    EXPECT_GT(max_abs(sd.at("encoder.layers.0.linear2.bias")), 0.0f);
    EXPECT_EQ(max_abs(sd.at("encoder.layers.0.self_attn.in_proj_bias")), 0.0f);
    for (float v : sd.at("decoder.layers.0.norm3.weight").data) EXPECT_EQ(v, 1.0f);
    EXPECT_GT(max_abs(sd.at("embedding.weight")), 1.0f);  // N(0, 1): 18 draws, some beyond 1
}

}  // namespace
}  // namespace attn
