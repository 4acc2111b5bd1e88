// The per-stage cost counter against the whole-model FLOP formula.
#include "teach/stage_cost.h"
#include "engine/cost.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attn {
namespace {

using test::causal_trace;
using test::small_causal;

constexpr float kInf = std::numeric_limits<float>::infinity();

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
            const StageKind kind = trace.find(s.stage)->kind;
            const bool product = kind == StageKind::Query || kind == StageKind::Key || kind == StageKind::Value ||
                                 kind == StageKind::Scores || kind == StageKind::ContextHeads ||
                                 kind == StageKind::AttentionOutput || kind == StageKind::FfnHidden ||
                                 kind == StageKind::FfnOutput;
            if (product) products += s.multiply_adds;
            if (is_head_split(kind)) {
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
    EXPECT_TRUE(std::isfinite(m.ms));  // a time, not a speed claim: figures belong in benchmarks
    // Every stored float (aliases shared) of a 32-token trace, from the estimator of cost.h.
    EXPECT_NEAR(m.trace_mb, 4.0 * static_cast<double>(count_trace_floats(c, 32, 0, false)) / 1e6, 1e-9);
}

}  // namespace
}  // namespace attn
