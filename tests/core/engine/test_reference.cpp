// The engine against the naive double-precision reference on random configs
// of every architecture: norm_first, gelu, every positional encoding, masks,
// padding and source/target of different lengths.
#include "base/rng.h"
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

constexpr double kTolerance = 1e-5;

ref::Matrix to_ref(const Mat& m) {
    ref::Matrix out(static_cast<size_t>(m.rows()), std::vector<double>(static_cast<size_t>(m.cols())));
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) out[static_cast<size_t>(i)][static_cast<size_t>(j)] = m(i, j);
    return out;
}

Config random_config(Rng& rng, Architecture arch) {
    auto pick = [&](int n) { return static_cast<int>(rng.next_u64() % static_cast<uint64_t>(n)); };
    Config c;
    c.architecture = arch;
    c.nhead = 1 + pick(4);
    c.d_model = c.nhead * 2 * (1 + pick(4));  // even head size, so RoPE is always allowed
    c.num_encoder_layers = 1 + pick(2);
    c.num_decoder_layers = 1 + pick(2);
    c.dim_feedforward = 4 + pick(24);
    c.activation = pick(2) ? Activation::Gelu : Activation::Relu;
    c.norm_first = pick(2);
    c.layer_norm_eps = pick(2) ? 1e-5 : 1e-6;
    c.positional_encoding = static_cast<PositionalEncoding>(pick(6));  // none … binary
    c.pe_base = pick(3) == 0 ? 2.0 : 10000.0;
    c.max_len = 16;
    c.seed = rng.next_u64();
    c.causal = pick(4) == 0;
    c.sliding_window = pick(4) == 0 ? 1 + pick(3) : 0;
    c.block_size = pick(4) == 0 ? 1 + pick(3) : 0;
    const bool fixed_table = c.positional_encoding == PositionalEncoding::Sinusoidal || c.positional_encoding == PositionalEncoding::Binary;
    if (fixed_table && c.d_model >= 4 && pick(3) == 0) c.pe_concat = 2 * (1 + pick(c.d_model / 2 - 1));
    if (c.positional_encoding == PositionalEncoding::Rope && pick(2)) c.rope_style = RopeStyle::Half;
    // The modern parts, drawn after the rest so the older draws stay as they were.
    c.norm = pick(3) == 0 ? NormKind::RmsNorm : NormKind::LayerNorm;
    c.ffn = pick(3) == 0 ? FeedForwardKind::SwiGlu : FeedForwardKind::Standard;
    if (pick(2)) c.num_kv_heads = c.nhead % 2 == 0 && pick(2) ? c.nhead / 2 : 1;  // grouped or multi-query
    c.qk_norm = pick(4) == 0;
    // Local and global layers and attention sinks, drawn last for the same reason.
    if (c.sliding_window > 0 && pick(2)) c.sliding_window_pattern = 2 + pick(2);
    if (c.sliding_window > 0 && pick(2)) c.sink_tokens = 1 + pick(2);
    return c;
}

Sequence random_sequence(const Model& model, Rng& rng, int T, bool with_padding) {
    Mat x(T, model.config.d_model);
    for (float& v : x.reshaped()) v = static_cast<float>(rng.normal());
    Sequence seq = sequence_from_embeddings(model, x);
    if (with_padding) seq.padding[static_cast<size_t>(rng.next_u64() % static_cast<uint64_t>(T))] = true;
    return seq;
}

void check_against_reference(const Model& model, const Inputs& inputs) {
    const Trace trace = run_forward(model, inputs);
    const ref::Result expected = ref::forward(model.config, model.weights, {to_ref(inputs.src.embeddings), inputs.src.padding},
                                              {to_ref(inputs.tgt.embeddings), inputs.tgt.padding});
    ASSERT_FALSE(expected.weights.empty());
    for (const auto& [name, per_head] : expected.weights)
        EXPECT_TRUE(test::near(*trace.tensor(name), per_head, kTolerance)) << name;
    for (const auto& [name, matrix] : expected.matrices)
        EXPECT_TRUE(test::near(*trace.tensor(name), matrix, kTolerance)) << name;
}

class ReferenceTest : public ::testing::TestWithParam<Architecture> {};

TEST_P(ReferenceTest, SixtyRandomConfigsAgreeWithTheNaiveReference) {
    Rng rng(1234 + static_cast<uint64_t>(GetParam()));
    for (int n = 0; n < 60; ++n) {
        Config c = random_config(rng, GetParam());
        const Model model = make_model(c);
        const int T = 1 + static_cast<int>(rng.next_u64() % 7);
        const int S = 1 + static_cast<int>(rng.next_u64() % 7);  // different target length
        const bool pad = T > 1 && rng.next_u64() % 3 == 0;
        Inputs inputs{random_sequence(model, rng, T, pad), {}};
        if (c.architecture == Architecture::EncoderDecoder) inputs.tgt = random_sequence(model, rng, S, S > 1 && pad);
        SCOPED_TRACE("config #" + std::to_string(n) + ": " + config_to_json(c));
        check_against_reference(model, inputs);
    }
}

INSTANTIATE_TEST_SUITE_P(EveryArchitecture, ReferenceTest,
                         ::testing::Values(Architecture::EncoderOnly, Architecture::DecoderOnly,
                                           Architecture::EncoderDecoder),
                         [](const auto& info) {
                             std::string name = to_string(info.param);
                             std::erase(name, '-');
                             return name;
                         });

TEST(Reference, FinalNormsAreAppliedWhenPresent) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    StateDict w = initial_state_dict(c);
    ASSERT_TRUE(w.count("encoder.norm.weight"));
    w.at("encoder.norm.weight").data.assign(static_cast<size_t>(c.d_model), 2.0f);  // visible if applied
    const Model model = make_model(c, w);
    Rng rng(5);
    Inputs inputs{random_sequence(model, rng, 4, false), random_sequence(model, rng, 3, false)};
    check_against_reference(model, inputs);
    const Trace trace = run_forward(model, inputs);
    EXPECT_TRUE(test::near(*trace.tensor("encoder.output"), *trace.tensor("encoder.norm"), 0));
}

}  // namespace
}  // namespace attn
