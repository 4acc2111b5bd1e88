#include "engine/cost.h"
#include "teach/positional_view.h"
#include "io/session.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace attn {
namespace {

int64_t floats_kept(const Trace& trace) {
    std::set<const Tensor*> seen;
    int64_t total = 0;
    for (const auto& s : trace.stages())
        if (seen.insert(s.tensor().get()).second) total += s.tensor()->numel();
    return total;
}

TEST(Cost, TraceSizeEstimateIsExact) {
    for (auto arch : {Architecture::EncoderOnly, Architecture::DecoderOnly, Architecture::EncoderDecoder})
        for (auto pe : {PositionalEncoding::Sinusoidal, PositionalEncoding::Rope, PositionalEncoding::Alibi})
            for (bool final_norm : {false, true}) {
                Config c;
                c.architecture = arch;
                c.positional_encoding = pe;
                c.num_encoder_layers = 2;
                c.num_decoder_layers = 3;
                StateDict w = initial_state_dict(c);
                for (const char* norm : {"encoder.norm", "decoder.norm"}) {
                    w.erase(std::string(norm) + ".weight");
                    w.erase(std::string(norm) + ".bias");
                    if (final_norm) {
                        w[std::string(norm) + ".weight"] = Tensor({c.d_model});
                        w[std::string(norm) + ".bias"] = Tensor({c.d_model});
                    }
                }
                const Model m = make_model(c, w);
                const Inputs in{sequence_from_text(m, "one two three four five"), sequence_from_text(m, "six seven")};
                const Trace trace = run_forward(m, in);
                const int64_t S = arch == Architecture::EncoderDecoder ? 2 : 0;
                EXPECT_EQ(count_trace_floats(c, 5, S, final_norm), floats_kept(trace))
                    << to_string(arch) << " " << to_string(pe);
            }
}

TEST(Cost, FlopsGrowQuadraticallyInAttention) {
    Config c;
    c.d_model = 64;
    c.nhead = 4;
    c.dim_feedforward = 256;
    // Doubling T doubles the linear part and quadruples the attention part.
    const int64_t a = estimate_forward_flops(c, 100), b = estimate_forward_flops(c, 200);
    const int64_t linear = 4 * 64 * 64 + 2 * 64 * 256, quadratic = 2 * 64;
    EXPECT_EQ(a, 100 * linear + 100 * 100 * quadratic);
    EXPECT_EQ(b, 200 * linear + 200 * 200 * quadratic);
}

TEST(PositionalView, SinusoidalSimilarityIsTheGramMatrix) {
    Config c;
    const auto view = positional_view(make_model(c), 6);
    ASSERT_EQ(view.table.rows(), 6);
    EXPECT_TRUE(view.similarity.isApprox(view.table * view.table.transpose()));
    // Every position has norm² d/2 = 4 (sin² + cos² per pair).
    for (int p = 0; p < 6; ++p) EXPECT_NEAR(view.similarity(p, p), 4.0, 1e-5);
    EXPECT_FALSE(view.curve_columns.empty());
}

TEST(PositionalView, RopeSimilarityDependsOnlyOnDistance) {
    Config c;
    c.positional_encoding = PositionalEncoding::Rope;
    const auto view = positional_view(make_model(c), 8);
    for (int i = 0; i + 1 < 8; ++i)
        for (int j = 0; j + 1 < 8; ++j) EXPECT_NEAR(view.similarity(i, j), view.similarity(i + 1, j + 1), 1e-4);
    EXPECT_NEAR(view.table(3, 0), 3.0, 1e-6);  // pair 0 turns by 1 rad per position
}

TEST(PositionalView, AlibiShowsTheSlopes) {
    Config c;
    c.positional_encoding = PositionalEncoding::Alibi;
    const auto view = positional_view(make_model(c), 4);
    EXPECT_FLOAT_EQ(view.table(2, 0), -2 * 0.0625f);  // 2 heads: slopes 2^-4, 2^-8
    EXPECT_FLOAT_EQ(view.similarity(0, 3), -3 * 0.0625f);
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

TEST(Cost, MemoryProblemNamesBothFigures) {
    Config c;
    EXPECT_EQ(memory_problem(c, 10, 0, int64_t{1} << 30), "");
    c.d_model = 4096;
    c.nhead = 32;
    c.dim_feedforward = 16384;
    c.num_encoder_layers = 24;
    const std::string problem = memory_problem(c, 4096, 0, int64_t{4} << 30);
    EXPECT_NE(problem.find("this needs "), std::string::npos) << problem;
    EXPECT_NE(problem.find("the limit is 4.3 GB"), std::string::npos) << problem;
    // Weights: 24 layers × (4D² + 4D + 2DF + F + D + 4D) floats, plus the optional final norm (2D).
    const int64_t D = 4096, F = 16384;
    EXPECT_EQ(estimate_weight_floats(c), 24 * (4 * D * D + 4 * D + 2 * D * F + F + D + 4 * D) + 2 * D);
    EXPECT_GT(default_memory_limit(), int64_t{1} << 28);
}

TEST(Presets, EveryBuiltInExampleIsAValidSession) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(ATTN_RESOURCES "/presets")) {
        const Session s = load_session(entry.path().string());
        const Model m = build_model(s, base_weights(s));
        const Trace t = run_forward(m, build_inputs(m, s));
        EXPECT_TRUE(t.find(s.view.stage)) << entry.path() << " opens on " << s.view.stage;
        ++count;
    }
    EXPECT_GE(count, 4);
}

}  // namespace
}  // namespace attn
