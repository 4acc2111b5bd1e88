// Attention rollout (Abnar & Zuidema 2020) against the recursion computed here in double from the
// trace's own weights; derived in a big trace as kept in a small one; never in training.
#include "engine/forward.h"
#include "teach/explain.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

using Table = std::vector<std::vector<double>>;

// Ã = 0.5·mean_h A + 0.5·I, rows normalised, in double.
Table mixed(const Tensor& weights) {
    const int64_t H = weights.dim(0), T = weights.dim(1);
    Table a(static_cast<size_t>(T), std::vector<double>(static_cast<size_t>(T)));
    for (int64_t i = 0; i < T; ++i) {
        double sum = 0;
        for (int64_t j = 0; j < T; ++j) {
            double mean = 0;
            for (int64_t h = 0; h < H; ++h) mean += weights.slice(h)(i, j);
            sum += a[i][j] = 0.5 * mean / static_cast<double>(H) + (i == j ? 0.5 : 0.0);
        }
        for (double& v : a[i]) v /= sum;
    }
    return a;
}

Table product(const Table& a, const Table& b) {
    Table c(a.size(), std::vector<double>(b[0].size()));
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t k = 0; k < b.size(); ++k)
            for (size_t j = 0; j < b[0].size(); ++j) c[i][j] += a[i][k] * b[k][j];
    return c;
}

Config three_layers() {
    Config c = test::small_causal();
    c.architecture = Architecture::DecoderOnly;
    c.num_decoder_layers = 3;
    return c;
}

TEST(Rollout, IsTheRecursionOfHalfAttentionHalfResidual) {
    const Trace t = test::causal_trace(three_layers());
    Table expected;
    for (int l = 0; l < 3; ++l) {
        const std::string block = "decoder.layers." + std::to_string(l) + ".self_attn";
        const Table a = mixed(*t.tensor(block + ".weights"));
        expected = l == 0 ? a : product(a, expected);  // one layer: 0.5·A + 0.5·I row-normalised
        const Mat r = t.tensor(block + ".rollout")->matrix();
        for (size_t i = 0; i < expected.size(); ++i) {
            EXPECT_NEAR(r.row(static_cast<Eigen::Index>(i)).sum(), 1.0f, 1e-5f);
            for (size_t j = 0; j < expected.size(); ++j)
                EXPECT_NEAR(r(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), expected[i][j], 1e-5) << l << ": " << i << "," << j;
        }
    }
    // Causal: nothing reaches a position from a later token.
    const Mat last = t.tensor("decoder.layers.2.self_attn.rollout")->matrix();
    EXPECT_TRUE(last.triangularView<Eigen::StrictlyUpper>().toDenseMatrix().isZero());
}

TEST(Rollout, ABigTraceDerivesTheSameNumbersAndTrainingKeepsNone) {
    const Config c = three_layers();
    const Model model = make_model(c);
    const Inputs in{sequence_from_text(model, "the cat sat on the mat"), {}};
    const Trace kept = run_forward(model, in), derived = run_forward(model, in, {.keep_everything_up_to = 0});
    for (int l = 0; l < 3; ++l) {
        const std::string name = "decoder.layers." + std::to_string(l) + ".self_attn.rollout";
        EXPECT_TRUE(derived.find(name)->data->derived()) << name;
        EXPECT_EQ(*derived.tensor(name), *kept.tensor(name)) << name;
    }
    const Trace training = run_forward(model, in, {.for_training = true});
    EXPECT_EQ(training.find("decoder.layers.0.self_attn.rollout"), nullptr);
}

TEST(Rollout, ExplainStatesTheRecursionWithItsNumbers) {
    const Config c = three_layers();
    const Model model = make_model(c);
    const Trace t = test::causal_trace(c);
    const Explanation first = explain_cell(t, model, "decoder.layers.0.self_attn.rollout", -1, 3, 1);
    EXPECT_NE(first.lines.at(1).find("layer 0 is the first"), std::string::npos) << first.lines.at(1);
    const Explanation second = explain_cell(t, model, "decoder.layers.1.self_attn.rollout", -1, 3, 1);
    EXPECT_NE(second.lines.at(1).find("Σ_k Ã[i, k] · rollout_{l−1}[k, j]"), std::string::npos);
    EXPECT_EQ(second.operands.front().stage, "decoder.layers.0.self_attn.rollout");
    EXPECT_EQ(second.operands.front().cols, (std::vector<int64_t>{1}));
}

}  // namespace
}  // namespace attn
