// Properties every trace must have, whatever the weights.
#include "base/rng.h"
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

#include <numeric>

namespace attn {
namespace {

Model model_with(Architecture arch, PositionalEncoding pe, bool causal = false, int window = 0) {
    Config c;
    c.architecture = arch;
    c.d_model = 12;
    c.nhead = 3;
    c.num_encoder_layers = 2;
    c.num_decoder_layers = 2;
    c.positional_encoding = pe;
    c.causal = causal;
    c.sliding_window = window;
    c.seed = 99;
    return make_model(c);
}

std::vector<const Stage*> weight_stages(const Trace& trace) {
    std::vector<const Stage*> out;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) out.push_back(&s);
    return out;
}

TEST(Properties, EveryWeightsRowSumsToOne) {
    const Model model = model_with(Architecture::EncoderDecoder, PositionalEncoding::Sinusoidal);
    Inputs in{sequence_from_text(model, "the quick brown fox jumps"), sequence_from_text(model, "der schnelle Fuchs")};
    const Trace trace = run_forward(model, in);
    const auto stages = weight_stages(trace);
    ASSERT_EQ(stages.size(), 2u + 2u * 2u);  // encoder self ×2, decoder self + cross ×2
    for (const Stage* s : stages) {
        const auto w_held = s->tensor();  // keeps a derived stage alive
        const Tensor& w = *w_held;
        for (int64_t h = 0; h < w.dim(0); ++h)
            for (int64_t i = 0; i < w.dim(1); ++i) {
                EXPECT_NEAR(w.slice(h).row(i).sum(), 1.0f, 1e-6) << s->name << " head " << h << " row " << i;
                EXPECT_GE(w.slice(h).row(i).minCoeff(), 0.0f);
            }
    }
}

TEST(Properties, CausalAndPaddedKeysGetExactlyZero) {
    const Model model = model_with(Architecture::DecoderOnly, PositionalEncoding::Rope);
    const Trace trace = run_forward(model, {sequence_from_text(model, "one two [PAD] four five"), {}});
    ASSERT_EQ(weight_stages(trace).size(), 2u);  // two decoder layers: a loop over nothing would pass
    for (const Stage* s : weight_stages(trace)) {
        const auto w_held = s->tensor();  // keeps a derived stage alive
        const Tensor& w = *w_held;
        for (int64_t h = 0; h < w.dim(0); ++h)
            for (int64_t i = 0; i < w.dim(1); ++i)
                for (int64_t j = 0; j < w.dim(2); ++j) {
                    if (j <= i && j != 2) continue;  // visible key
                    EXPECT_EQ(w.slice(h)(i, j), 0.0f) << s->name << " [" << h << "," << i << "," << j << "]";
                }
    }
}

TEST(Properties, SlidingWindowHidesDistantKeys) {
    const Model model = model_with(Architecture::EncoderOnly, PositionalEncoding::Sinusoidal, false, 2);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c d e f"), {}});
    const Tensor w = *trace.tensor("encoder.layers.0.self_attn.weights");
    for (int64_t i = 0; i < 6; ++i)
        for (int64_t j = 0; j < 6; ++j)
            if (std::abs(i - j) >= 2) {
                EXPECT_EQ(w.slice(0)(i, j), 0.0f);
            } else {
                EXPECT_GT(w.slice(0)(i, j), 0.0f);
            }
}

TEST(Properties, FullyMaskedRowGivesZerosAndAWarningNotNaN) {
    // Every key is padding: no query can see anything.
    const Model model = model_with(Architecture::EncoderOnly, PositionalEncoding::None);
    const Trace trace = run_forward(model, {sequence_from_text(model, "[PAD] [PAD]"), {}});
    const Tensor w = *trace.tensor("encoder.layers.0.self_attn.weights");
    for (float v : w.data) EXPECT_EQ(v, 0.0f);
    for (float v : trace.tensor("encoder.output")->data) EXPECT_TRUE(std::isfinite(v));
    ASSERT_FALSE(trace.warnings.empty());
    EXPECT_NE(trace.warnings[0].find("can see no key"), std::string::npos) << trace.warnings[0];
}

TEST(Properties, ConcatenatedHeadsEqualTheBatchedComputation) {
    const Model model = model_with(Architecture::EncoderOnly, PositionalEncoding::Sinusoidal);
    const Trace trace = run_forward(model, {sequence_from_text(model, "heads are slices of one product"), {}});
    const std::string p = "encoder.layers.0.self_attn";
    const Tensor heads = *trace.tensor(p + ".context_heads");
    const Tensor context = *trace.tensor(p + ".context");
    const int64_t H = heads.dim(0), T = heads.dim(1), Dk = heads.dim(2);
    for (int64_t h = 0; h < H; ++h)
        for (int64_t t = 0; t < T; ++t)
            for (int64_t d = 0; d < Dk; ++d) EXPECT_EQ(heads.slice(h)(t, d), context.matrix()(t, h * Dk + d));
    // And each head is weights_h · V_h, with V_h the head's columns of V.
    const Tensor weights = *trace.tensor(p + ".weights");
    const Tensor v = *trace.tensor(p + ".v");
    for (int64_t h = 0; h < H; ++h) {
        Mat expected = weights.slice(h) * v.matrix().middleCols(h * Dk, Dk);
        EXPECT_TRUE(heads.slice(h).isApprox(expected, 1e-6f)) << "head " << h;
    }
}

TEST(Properties, WithoutPositionsTheEncoderIsPermutationEquivariant) {
    const Model model = model_with(Architecture::EncoderOnly, PositionalEncoding::None);
    const std::vector<std::string> words = {"shuffle", "the", "words", "same", "result"};
    const std::vector<int> perm = {3, 0, 4, 1, 2};
    std::string text, shuffled;
    for (size_t i = 0; i < words.size(); ++i) {
        text += words[i] + " ";
        shuffled += words[static_cast<size_t>(perm[i])] + " ";
    }
    const Tensor a = *run_forward(model, {sequence_from_text(model, text), {}}).tensor("encoder.output");
    const Tensor b = *run_forward(model, {sequence_from_text(model, shuffled), {}}).tensor("encoder.output");
    for (size_t i = 0; i < perm.size(); ++i)
        EXPECT_TRUE(b.matrix().row(static_cast<Eigen::Index>(i)).isApprox(a.matrix().row(perm[i]), 1e-5f)) << "row " << i;
    // With positions it is not: the same check must fail somewhere.
    const Model positioned = model_with(Architecture::EncoderOnly, PositionalEncoding::Sinusoidal);
    const Tensor c = *run_forward(positioned, {sequence_from_text(positioned, text), {}}).tensor("encoder.output");
    const Tensor d = *run_forward(positioned, {sequence_from_text(positioned, shuffled), {}}).tensor("encoder.output");
    EXPECT_FALSE(d.matrix().row(0).isApprox(c.matrix().row(perm[0]), 1e-5f));
}

TEST(Properties, EditingOneWordLeavesTheOtherEmbeddingsUnchanged) {
    const Model model = model_with(Architecture::EncoderOnly, PositionalEncoding::Sinusoidal);
    const Sequence a = sequence_from_text(model, "the cat sat");
    const Sequence b = sequence_from_text(model, "the dog sat");
    EXPECT_EQ(a.embeddings.row(0), b.embeddings.row(0));
    EXPECT_EQ(a.embeddings.row(2), b.embeddings.row(2));
    EXPECT_NE(a.embeddings.row(1), b.embeddings.row(1));
    // Same token, same vector, wherever it appears.
    const Sequence c = sequence_from_text(model, "sat the");
    EXPECT_EQ(c.embeddings.row(1), a.embeddings.row(0));
}

TEST(Properties, StageNamesFollowTheFixedScheme) {
    const Model model = model_with(Architecture::EncoderDecoder, PositionalEncoding::Sinusoidal);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c"), sequence_from_text(model, "x y")});
    EXPECT_EQ(trace.tensor("src.positional")->shape, (std::vector<int64_t>{3, 12}));
    EXPECT_EQ(trace.tensor("tgt.positional")->shape, (std::vector<int64_t>{2, 12}));
    EXPECT_EQ(trace.tensor("encoder.layers.1.self_attn.weights")->shape, (std::vector<int64_t>{3, 3, 3}));
    EXPECT_EQ(trace.tensor("decoder.layers.0.self_attn.weights")->shape, (std::vector<int64_t>{3, 2, 2}));
    EXPECT_EQ(trace.tensor("decoder.layers.1.multihead_attn.weights")->shape, (std::vector<int64_t>{3, 2, 3}));
    EXPECT_EQ(trace.tensor("encoder.output")->shape, (std::vector<int64_t>{3, 12}));
    EXPECT_EQ(trace.tensor("decoder.output")->shape, (std::vector<int64_t>{2, 12}));
    for (const auto& s : trace.stages()) {
        EXPECT_FALSE(s.description.empty()) << s.name;
        EXPECT_FALSE(s.formula.empty()) << s.name;
        EXPECT_EQ(s.axes.size(), s.shape().size()) << s.name;
    }
}

TEST(Properties, AbsurdEmbeddingsStillGiveFiniteWeights) {
    // 1e30 in an embedding makes q·k overflow float: the weights must stay a finite distribution.
    for (bool norm_first : {false, true}) {
        Config c;
        c.norm_first = norm_first;
        const Model model = make_model(c);
        Sequence seq = sequence_from_text(model, "the cat sat");
        seq.embeddings(1, 0) = 1e30f;
        seq.embeddings(2, 3) = -1e30f;
        const Trace trace = run_forward(model, {seq, {}});
        const Tensor w = *trace.tensor("encoder.layers.0.self_attn.weights");
        for (float v : w.data) EXPECT_TRUE(std::isfinite(v) && v >= 0 && v <= 1);
        for (int64_t h = 0; h < w.dim(0); ++h)
            for (int64_t i = 0; i < w.dim(1); ++i) EXPECT_NEAR(w.slice(h).row(i).sum(), 1.0f, 1e-5);
    }
}

TEST(Properties, NonFiniteWeightsAreRefusedByName) {
    Config c;
    StateDict w = initial_state_dict(c);
    w.at("encoder.layers.0.linear2.bias").data[3] = std::numeric_limits<float>::quiet_NaN();
    try {
        make_model(c, w);
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "tensor 'encoder.layers.0.linear2.bias' holds NaN at index 3; weights must be finite numbers");
    }
    w.at("encoder.layers.0.linear2.bias").data[3] = std::numeric_limits<float>::infinity();
    EXPECT_THROW(make_model(c, w), Error);
}

TEST(Properties, LargeLogitsGiveFiniteWeights) {
    Config c;
    c.d_model = 4;
    c.nhead = 1;
    c.positional_encoding = PositionalEncoding::None;
    const Model model = make_model(c);
    Mat x(3, 4);
    x << 1e4, -1e4, 1e4, 0, -1e4, 1e4, 0, 1e4, 1e3, 1e3, -1e3, 1e4;
    const Trace trace = run_forward(model, {sequence_from_embeddings(model, x), {}});
    int checked = 0;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights || s.kind == StageKind::AttentionOutput || s.kind == StageKind::StackOutput) {
            for (float v : s.tensor()->data) EXPECT_TRUE(std::isfinite(v)) << s.name;
            ++checked;
        }
    EXPECT_EQ(checked, 3);  // weights, attention output and the encoder's output: a loop over nothing would pass
}

}  // namespace
}  // namespace attn
