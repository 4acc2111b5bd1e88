// Common attention mistakes, each against a naive loop computing the same mistake.
#include "teach/mistakes.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attn {
namespace {

using test::causal_trace;
using test::small_causal;

Tensor as_tensor(const Mat& m) { return Tensor::from_matrix(m); }

TEST(Mistakes, ForgettingTheScaleIsSoftmaxOfTheRawScores) {
    const Trace t = causal_trace(small_causal());
    const Model model = make_model(small_causal());
    const auto r = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 1, Mistake::ForgotScale);
    const auto scores_held = t.find("encoder.layers.0.self_attn.scores")->tensor();  // keeps a derived stage alive
    const Tensor& scores = *scores_held;
    std::vector<double> expected;
    for (int64_t i = 0; i < 6; ++i) {
        std::vector<double> row;
        for (int64_t j = 0; j < 6; ++j) row.push_back(j <= i ? scores.slice(1)(i, j) : -INFINITY);
        for (double v : test::naive_softmax(row)) expected.push_back(v);
    }
    EXPECT_TRUE(test::near(as_tensor(r.mistaken), {6, 6}, expected, 1e-5));
    // Without the 1/√d_k the distribution is sharper: its largest weight is at least as big.
    EXPECT_GE(r.mistaken_max, r.correct_max - 1e-6f);
}

TEST(Mistakes, SoftmaxDownTheColumnsMakesColumnsSumToOne) {
    const Trace t = causal_trace(small_causal());
    const Model model = make_model(small_causal());
    const auto r = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 0, Mistake::SoftmaxWrongAxis);
    for (int64_t j = 0; j < 6; ++j) EXPECT_NEAR(r.mistaken.col(j).sum(), 1.0f, 1e-5f) << "column " << j;
    // ...so the rows do not: the first query sees only itself and gets 1/6 of column 0.
    EXPECT_NEAR(r.mistaken_row_sums[0], r.mistaken(0, 0), 1e-6f);
    EXPECT_LT(r.mistaken_row_sums[0], 0.9f);
    for (float s : r.correct_row_sums) EXPECT_NEAR(s, 1.0f, 1e-5f);
}

TEST(Mistakes, MaskAfterSoftmaxLeavesRowsShortOfOne) {
    const Trace t = causal_trace(small_causal());
    const Model model = make_model(small_causal());
    const auto r = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 0, Mistake::MaskAfterSoftmax);
    const auto scaled_held = t.find("encoder.layers.0.self_attn.scaled_scores")->tensor();  // keeps a derived stage alive
    const Tensor& scaled = *scaled_held;
    for (int64_t i = 0; i < 6; ++i) {
        std::vector<double> row;
        for (int64_t j = 0; j < 6; ++j) row.push_back(scaled.slice(0)(i, j));
        const auto p = test::naive_softmax(row);
        for (int64_t j = 0; j < 6; ++j) EXPECT_NEAR(r.mistaken(i, j), j <= i ? p[j] : 0.0, 1e-5) << i << "," << j;
    }
    EXPECT_LT(r.mistaken_row_sums[0], 1.0f);
    EXPECT_NEAR(r.mistaken_row_sums[5], 1.0f, 1e-5f);  // the last query sees every key: nothing lost
}

TEST(Mistakes, MixedHeadsReadsTheFlatBufferAsIfItWereHeadMajor) {
    Config c = small_causal();
    c.causal = false;
    const Trace t = causal_trace(c, "a b c");
    const Model model = make_model(c);
    const auto r = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 1, Mistake::MixedHeads);
    const auto q_held = t.find("encoder.layers.0.self_attn.q")->tensor();  // keeps a derived stage alive
    const Tensor& q = *q_held;
    const auto k_held = t.find("encoder.layers.0.self_attn.k")->tensor();  // keeps a derived stage alive
    const Tensor& k = *k_held;
    const int T = 3, Dk = 4, h = 1;
    std::vector<double> expected;
    for (int i = 0; i < T; ++i) {
        std::vector<double> row;
        for (int j = 0; j < T; ++j) {
            double dot = 0;
            for (int d = 0; d < Dk; ++d) dot += double(q.data[h * T * Dk + i * Dk + d]) * k.data[h * T * Dk + j * Dk + d];
            row.push_back(dot / 2.0);  // √4
        }
        for (double v : test::naive_softmax(row)) expected.push_back(v);
    }
    EXPECT_TRUE(test::near(as_tensor(r.mistaken), {3, 3}, expected, 1e-5));
    EXPECT_GT((r.mistaken - r.correct).cwiseAbs().maxCoeff(), 1e-3f);
}

// Naive causal row softmax of score(i, j) over a 6-token trace.
template <typename Score>
std::vector<double> causal_softmax_of(Score score) {
    std::vector<double> out;
    for (int i = 0; i < 6; ++i) {
        std::vector<double> row;
        for (int j = 0; j < 6; ++j) row.push_back(j <= i ? score(i, j) : -INFINITY);
        for (double v : test::naive_softmax(row)) out.push_back(v);
    }
    return out;
}

TEST(Mistakes, ValueInScoreAddsAHalfScaledValueTerm) {
    // Article 001: α_ij = softmax_j(q_i·k_j + v_i·k_j / √d_k), head 1 (columns 4–7), d_k = 4.
    const Trace t = causal_trace(small_causal());
    const Model model = make_model(small_causal());
    const Mat q = t.tensor("encoder.layers.0.self_attn.q")->matrix(), k = t.tensor("encoder.layers.0.self_attn.k")->matrix(),
              v = t.tensor("encoder.layers.0.self_attn.v")->matrix();
    const auto expected = causal_softmax_of([&](int i, int j) {
        double qk = 0, vk = 0;
        for (int c = 4; c < 8; ++c) {
            qk += double(q(i, c)) * k(j, c);
            vk += double(v(i, c)) * k(j, c);
        }
        return qk + vk / 2.0;
    });
    const auto r = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 1, Mistake::ValueInScore);
    EXPECT_TRUE(test::near(as_tensor(r.mistaken), {6, 6}, expected, 1e-5));
}

TEST(Mistakes, ChainedHeadsProjectTheQueriesAndKeysAgain) {
    // Article 004: Q⁽²⁾ = W_Q·Q⁽¹⁾ with W_Q rows 0–7 of in_proj_weight (no bias), K likewise (rows 8–15).
    const Trace t = causal_trace(small_causal());
    const Model model = make_model(small_causal());
    const Mat q = t.tensor("encoder.layers.0.self_attn.q")->matrix(), k = t.tensor("encoder.layers.0.self_attn.k")->matrix();
    const FloatBuffer& w = model.weights.at("encoder.layers.0.self_attn.in_proj_weight").data;  // (24, 8)
    auto again = [&](const Mat& x, int first_row, int i, int out) {
        double sum = 0;
        for (int c = 0; c < 8; ++c) sum += double(x(i, c)) * w[static_cast<size_t>((first_row + out) * 8 + c)];
        return sum;
    };
    const auto expected = causal_softmax_of([&](int i, int j) {
        double dot = 0;
        for (int c = 0; c < 4; ++c) dot += again(q, 0, i, c) * again(k, 8, j, c);  // head 0: columns 0–3
        return dot / 2.0;
    });
    const auto r = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 0, Mistake::ChainedHeads);
    EXPECT_TRUE(test::near(as_tensor(r.mistaken), {6, 6}, expected, 1e-4));
    EXPECT_GT((r.mistaken - r.correct).cwiseAbs().maxCoeff(), 1e-2f);
}

TEST(Mistakes, NoScoresAndElementwiseCrossLetEachTokenMeetOnlyItsOwnPosition) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    const Model model = make_model(c);
    const Trace t = run_forward(model, {sequence_from_text(model, "a b"), sequence_from_text(model, "x y z")});
    const auto cross = compare_with_mistake(t, model, "decoder.layers.0.multihead_attn", 0, Mistake::ElementwiseCross);
    EXPECT_TRUE(test::near(as_tensor(cross.mistaken), {3, 2}, {1, 0, 0, 1, 0, 0}, 0));
    EXPECT_EQ(cross.mistaken_row_sums[2], 0.0f);  // target 3 has no source 3: nothing at all
    const auto self = compare_with_mistake(t, model, "encoder.layers.0.self_attn", 1, Mistake::NoScores);
    EXPECT_TRUE(test::near(as_tensor(self.mistaken), {2, 2}, {1, 0, 0, 1}, 0));
    EXPECT_THROW(compare_with_mistake(t, model, "decoder.layers.0.multihead_attn", 0, Mistake::ValueInScore), Error);
}

TEST(Mistakes, UnknownBlockOrHeadIsAnError) {
    const Trace t = causal_trace(small_causal());
    const Model model = make_model(small_causal());
    EXPECT_THROW(compare_with_mistake(t, model, "decoder.layers.0.self_attn", 0, Mistake::ForgotScale), Error);
    EXPECT_THROW(compare_with_mistake(t, model, "encoder.layers.0.self_attn", 2, Mistake::ForgotScale), Error);
    EXPECT_EQ(attention_blocks(t), std::vector<std::string>{"encoder.layers.0.self_attn"});
}

}  // namespace
}  // namespace attn
