// A 3-token example small enough to check with pencil and paper.
//
// d_model 2, one head, no positional encoding, identity projections, zero
// biases. Tokens x₀ = (1, 0), x₁ = (0, 1), x₂ = (1, 1). Then Q = K = V = X and
//   scores = X·Xᵀ = [[1, 0, 1], [0, 1, 1], [1, 1, 2]],  scaled by 1/√2.
// Row 0: softmax(0.70711, 0, 0.70711) = (e^.70711, 1, e^.70711) / (2·e^.70711 + 1)
//        e^0.70711 = 2.02811, sum 5.05622 -> (0.40111, 0.19778, 0.40111)
// Row 2: softmax(0.70711, 0.70711, 1.41421): e^0.70711 = 2.02811, e^1.41421 = 4.11325,
//        sum 8.16947 -> (0.24826, 0.24826, 0.50349)
// context row 0 = 0.40111·(1,0) + 0.19778·(0,1) + 0.40111·(1,1) = (0.80222, 0.59889)
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

Model identity_model(bool causal) {
    Config c;
    c.d_model = 2;
    c.nhead = 1;
    c.dim_feedforward = 2;
    c.positional_encoding = PositionalEncoding::None;
    c.causal = causal;
    StateDict w = initial_state_dict(c);
    Tensor& in = w.at("encoder.layers.0.self_attn.in_proj_weight");  // (6, 2): W_Q, W_K, W_V stacked
    in.data = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1};
    w.at("encoder.layers.0.self_attn.out_proj.weight").data = {1, 0, 0, 1};
    return make_model(c, w);
}

Inputs three_tokens(const Model& model) {
    Mat x(3, 2);
    x << 1, 0, 0, 1, 1, 1;
    return {sequence_from_embeddings(model, x), {}};
}

TEST(HandComputed, ScoresWeightsAndContext) {
    const Model model = identity_model(false);
    const Trace trace = run_forward(model, three_tokens(model));
    const std::string p = "encoder.layers.0.self_attn";

    EXPECT_TRUE(test::near(*trace.tensor(p + ".scores"), {1, 3, 3}, {1, 0, 1, 0, 1, 1, 1, 1, 2}, 1e-6));
    const double r = 0.70710678;
    EXPECT_TRUE(test::near(*trace.tensor(p + ".scaled_scores"), {1, 3, 3}, {r, 0, r, 0, r, r, r, r, 2 * r}, 1e-6));
    EXPECT_TRUE(test::near(*trace.tensor(p + ".weights"), {1, 3, 3},
                           {0.40111, 0.19778, 0.40111, 0.19778, 0.40111, 0.40111, 0.24826, 0.24826, 0.50349}, 2e-5));
    const Tensor context = *trace.tensor(p + ".context");
    EXPECT_NEAR(context.data[0], 0.80222, 2e-5);
    EXPECT_NEAR(context.data[1], 0.59889, 2e-5);
    // Identity out_proj: the block's output is the context.
    EXPECT_TRUE(test::near(*trace.tensor(p + ".output"), context, 0));
    // Residual: x + attention, row 0 = (1.80222, 0.59889).
    const Tensor residual = *trace.tensor("encoder.layers.0.residual1");
    EXPECT_NEAR(residual.data[0], 1.80222, 2e-5);
    EXPECT_NEAR(residual.data[1], 0.59889, 2e-5);
    // LayerNorm of two features: (a - m)/√(var + ε) = ±1 (to ε), sign by which is larger.
    const Tensor norm = *trace.tensor("encoder.layers.0.norm1");
    EXPECT_NEAR(norm.data[0], 1.0, 1e-4);
    EXPECT_NEAR(norm.data[1], -1.0, 1e-4);
}

TEST(HandComputed, CausalMaskHidesTheFuture) {
    // Row 0 sees only itself: weight 1. Row 1: softmax(0, 0.70711) = (1, 2.02811) / 3.02811 = (0.33024, 0.66976).
    const Model model = identity_model(true);
    const Trace trace = run_forward(model, three_tokens(model));
    const std::string p = "encoder.layers.0.self_attn";
    EXPECT_TRUE(test::near(*trace.tensor(p + ".weights"), {1, 3, 3},
                           {1, 0, 0, 0.33024, 0.66976, 0, 0.24826, 0.24826, 0.50349}, 2e-5));
    const double inf = std::numeric_limits<double>::infinity();
    EXPECT_TRUE(test::near(*trace.tensor(p + ".mask"), {3, 3}, {0, -inf, -inf, 0, 0, -inf, 0, 0, 0}, 0));
}

}  // namespace
}  // namespace attn
