// The teaching helpers of core/: common mistakes against naive loops, compare
// mode's difference, the cost counter against the whole-model FLOP formula.
#include "compare.h"
#include "cost.h"
#include "i18n.h"
#include "mistakes.h"
#include "stage_cost.h"
#include "test_helpers.h"
#include "transformer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attn {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

Trace causal_trace(const Config& c, const std::string& text = "the cat sat on the mat") {
    const Model model = make_model(c);
    Inputs in{sequence_from_text(model, text), {}};
    return run_forward(model, in);
}

Config small_causal() {
    Config c;
    c.d_model = 8;
    c.nhead = 2;
    c.causal = true;
    return c;
}

// Naive row softmax in double, −∞ → 0.
std::vector<double> softmax(const std::vector<double>& x) {
    double m = -INFINITY, sum = 0;
    for (double v : x) m = std::max(m, v);
    std::vector<double> out(x.size());
    for (size_t i = 0; i < x.size(); ++i) sum += out[i] = std::isinf(x[i]) ? 0 : std::exp(x[i] - m);
    for (double& v : out) v /= sum;
    return out;
}

Tensor as_tensor(const Mat& m) { return Tensor::from_matrix(m); }

TEST(Mistakes, ForgettingTheScaleIsSoftmaxOfTheRawScores) {
    const Trace t = causal_trace(small_causal());
    const auto r = compare_with_mistake(t, "encoder.layers.0.self_attn", 1, Mistake::ForgotScale);
    const auto scores_held = t.find("encoder.layers.0.self_attn.scores")->tensor();  // keeps a derived stage alive
    const Tensor& scores = *scores_held;
    std::vector<double> expected;
    for (int64_t i = 0; i < 6; ++i) {
        std::vector<double> row;
        for (int64_t j = 0; j < 6; ++j) row.push_back(j <= i ? scores.slice(1)(i, j) : -INFINITY);
        for (double v : softmax(row)) expected.push_back(v);
    }
    EXPECT_TRUE(test::near(as_tensor(r.mistaken), {6, 6}, expected, 1e-5));
    // Without the 1/√d_k the distribution is sharper: its largest weight is at least as big.
    EXPECT_GE(r.mistaken_max, r.correct_max - 1e-6f);
}

TEST(Mistakes, SoftmaxDownTheColumnsMakesColumnsSumToOne) {
    const Trace t = causal_trace(small_causal());
    const auto r = compare_with_mistake(t, "encoder.layers.0.self_attn", 0, Mistake::SoftmaxWrongAxis);
    for (int64_t j = 0; j < 6; ++j) EXPECT_NEAR(r.mistaken.col(j).sum(), 1.0f, 1e-5f) << "column " << j;
    // ...so the rows do not: the first query sees only itself and gets 1/6 of column 0.
    EXPECT_NEAR(r.mistaken_row_sums[0], r.mistaken(0, 0), 1e-6f);
    EXPECT_LT(r.mistaken_row_sums[0], 0.9f);
    for (float s : r.correct_row_sums) EXPECT_NEAR(s, 1.0f, 1e-5f);
}

TEST(Mistakes, MaskAfterSoftmaxLeavesRowsShortOfOne) {
    const Trace t = causal_trace(small_causal());
    const auto r = compare_with_mistake(t, "encoder.layers.0.self_attn", 0, Mistake::MaskAfterSoftmax);
    const auto scaled_held = t.find("encoder.layers.0.self_attn.scaled_scores")->tensor();  // keeps a derived stage alive
    const Tensor& scaled = *scaled_held;
    for (int64_t i = 0; i < 6; ++i) {
        std::vector<double> row;
        for (int64_t j = 0; j < 6; ++j) row.push_back(scaled.slice(0)(i, j));
        const auto p = softmax(row);
        for (int64_t j = 0; j < 6; ++j) EXPECT_NEAR(r.mistaken(i, j), j <= i ? p[j] : 0.0, 1e-5) << i << "," << j;
    }
    EXPECT_LT(r.mistaken_row_sums[0], 1.0f);
    EXPECT_NEAR(r.mistaken_row_sums[5], 1.0f, 1e-5f);  // the last query sees every key: nothing lost
}

TEST(Mistakes, MixedHeadsReadsTheFlatBufferAsIfItWereHeadMajor) {
    Config c = small_causal();
    c.causal = false;
    const Trace t = causal_trace(c, "a b c");
    const auto r = compare_with_mistake(t, "encoder.layers.0.self_attn", 1, Mistake::MixedHeads);
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
        for (double v : softmax(row)) expected.push_back(v);
    }
    EXPECT_TRUE(test::near(as_tensor(r.mistaken), {3, 3}, expected, 1e-5));
    EXPECT_GT((r.mistaken - r.correct).cwiseAbs().maxCoeff(), 1e-3f);
}

TEST(Mistakes, UnknownBlockOrHeadIsAnError) {
    const Trace t = causal_trace(small_causal());
    EXPECT_THROW(compare_with_mistake(t, "decoder.layers.0.self_attn", 0, Mistake::ForgotScale), Error);
    EXPECT_THROW(compare_with_mistake(t, "encoder.layers.0.self_attn", 2, Mistake::ForgotScale), Error);
    EXPECT_EQ(attention_blocks(t), std::vector<std::string>{"encoder.layers.0.self_attn"});
}

TEST(Compare, DifferenceIsElementWiseAndInfinitiesCancel) {
    Config c = small_causal();
    const Trace a = causal_trace(c, "the cat sat");
    const Trace b = causal_trace(c, "the dog sat");
    const auto d = stage_difference(b, a, "encoder.layers.0.self_attn.masked_scores");
    const auto ta_held = a.find("encoder.layers.0.self_attn.masked_scores")->tensor();  // keeps a derived stage alive
    const Tensor& ta = *ta_held;
    const auto tb_held = b.find("encoder.layers.0.self_attn.masked_scores")->tensor();  // keeps a derived stage alive
    const Tensor& tb = *tb_held;
    float worst = 0;
    for (size_t i = 0; i < ta.data.size(); ++i) {
        const float expected = std::isinf(ta.data[i]) ? 0.0f : tb.data[i] - ta.data[i];
        EXPECT_EQ(d.difference.data[i], expected) << i;
        worst = std::max(worst, std::abs(expected));
    }
    EXPECT_EQ(d.max_abs, worst);
    EXPECT_GT(worst, 0.0f);
}

TEST(Compare, ShapesThatDifferAreNamed) {
    const Config c = small_causal();
    try {
        stage_difference(causal_trace(c, "a b c"), causal_trace(c, "a b"), "src.input");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "shapes differ: pinned 2 × 8, now 3 × 8");
    }
}

TEST(StageCost, MatrixProductsAddUpToTheModelFormula) {
    for (const Architecture arch : {Architecture::EncoderOnly, Architecture::DecoderOnly, Architecture::EncoderDecoder}) {
        Config c;
        c.architecture = arch;
        c.d_model = 16;
        c.nhead = 4;
        c.dim_feedforward = 24;
        c.num_encoder_layers = 2;
        const Model model = make_model(c);
        Inputs in{sequence_from_text(model, "one two three four five"), {}};
        if (c.has_encoder() && c.has_decoder()) in.tgt = sequence_from_text(model, "un deux trois");
        const Trace trace = run_forward(model, in);
        int64_t products = 0;
        for (const StageCost& s : stage_costs(trace, c)) {
            const bool product = s.stage.ends_with("_attn.q") || s.stage.ends_with("_attn.k") || s.stage.ends_with("_attn.v") ||
                                 s.stage.ends_with(".scores") || s.stage.ends_with(".context_heads") ||
                                 s.stage.ends_with("_attn.output") || s.stage.ends_with(".ffn.hidden") ||
                                 s.stage.ends_with(".ffn.output");
            if (product) products += s.multiply_adds;
            if (s.stage.ends_with("_heads") && !s.stage.ends_with("context_heads")) {
                EXPECT_EQ(s.multiply_adds, 0) << s.stage;
            }
        }
        const int64_t T = 5, S = c.has_encoder() && c.has_decoder() ? 3 : 0;
        EXPECT_EQ(products, estimate_forward_flops(c, T, S)) << to_string(arch);
    }
}

TEST(StageCost, ScoresCostHTimesTTimesSTimesDk) {
    const Config c = small_causal();
    const Trace t = causal_trace(c);
    for (const StageCost& s : stage_costs(t, c))
        if (s.stage == "encoder.layers.0.self_attn.scores") {
            EXPECT_EQ(s.multiply_adds, 2 * 6 * 6 * 4);
            EXPECT_EQ(s.floats, 2 * 6 * 6);
        }
}

TEST(StageCost, AttendedFractionCountsOpenPairs) {
    Tensor causal({4, 4});
    for (int i = 0; i < 4; ++i)
        for (int j = i + 1; j < 4; ++j) causal.data[i * 4 + j] = -kInf;
    EXPECT_DOUBLE_EQ(attended_fraction(causal), 10.0 / 16.0);
    Config c = small_causal();
    c.causal = false;
    c.sliding_window = 2;  // |i - j| < 2: 6 + 2·5 = 16 of 36
    const Trace t = causal_trace(c);
    EXPECT_DOUBLE_EQ(attended_fraction(*t.find("encoder.layers.0.self_attn.mask")->tensor()), 16.0 / 36.0);
    c.sliding_window = 0;
    c.block_size = 2;  // 3 blocks of 2: 3 · 4 = 12 of 36
    const Trace b = causal_trace(c);
    EXPECT_DOUBLE_EQ(attended_fraction(*b.find("encoder.layers.0.self_attn.mask")->tensor()), 12.0 / 36.0);
}

TEST(StageCost, MeasuringALengthReportsTheTraceSize) {
    Config c = small_causal();
    const LengthMeasurement m = measure_length(c, 32, 1);
    EXPECT_EQ(m.n, 32);
    EXPECT_GT(m.ms, 0.0);
    // Every stored float (aliases shared) of a 32-token trace, from the estimator of cost.h.
    EXPECT_NEAR(m.trace_mb, 4.0 * static_cast<double>(estimate_trace_floats(c, 32, 0, false)) / 1e6, 1e-9);
}

TEST(I18n, FillReplacesNumberedPlaceholdersAndEnglishIsTheDefault) {
    EXPECT_EQ(fill("%2 before %1", {"a", "b"}), "b before a");
    EXPECT_EQ(translate_text("attn", "keys split into heads"), "keys split into heads");
    set_translator([](const char*, const char* text) { return std::string("<") + text + ">"; });
    EXPECT_EQ(translate_text("attn", "x"), "<x>");
    set_translator(nullptr);
}

}  // namespace
}  // namespace attn
