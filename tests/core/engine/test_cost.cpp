// The memory and FLOP estimates against traces and formulas.
#include "engine/cost.h"
#include "engine/forward.h"
#include "model/checkpoint_torch.h"

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

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// A big trace keeps only its costly stages: the memory figure counts those (by the same
// shapes-only pass) plus the few derived stages cached at once, not every stage.
TEST(Cost, BigTracesAreCountedAsTheyAreKept) {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 16;
    c.nhead = 4;
    c.num_decoder_layers = 2;
    const Model model = make_model(c);
    const Inputs in{sequence_from_text(model, "one two three four five six seven"), {}};
    const TraceOptions derive_all{0};
    const Trace trace = run_forward(model, in, derive_all);
    const int64_t T = 7, H = 4, F = c.dim_feedforward;
    const int64_t largest_derived = std::max(H * T * T, T * F);  // a score stage or the FFN activation
    EXPECT_EQ(trace_memory_floats(c, T, 0, false, derive_all),
              trace.kept_floats() + largest_derived + static_cast<int64_t>(RecentTensors::kCount) * largest_derived);  // shown, and four recent
    EXPECT_LT(trace_memory_floats(c, T, 0, false, derive_all), count_trace_floats(c, T, 0, false));
    EXPECT_EQ(trace_memory_floats(c, T, 0, false), count_trace_floats(c, T, 0, false));  // small: everything kept

    // GPT-2 small at n = 1024 now fits where counting every stage as kept said 3.4 GB.
    Config gpt2;
    gpt2.architecture = Architecture::DecoderOnly;
    gpt2.d_model = 768;
    gpt2.nhead = 12;
    gpt2.num_decoder_layers = 12;
    gpt2.dim_feedforward = 3072;
    gpt2.max_len = 1024;
    const double gb = 4.0 * static_cast<double>(trace_memory_floats(gpt2, 1024, 0, true)) / 1e9;
    EXPECT_LT(gb, 1.0) << gb;
    EXPECT_GT(4.0 * static_cast<double>(count_trace_floats(gpt2, 1024, 0, true)) / 1e9, 3.0);
}

}  // namespace
}  // namespace attn
