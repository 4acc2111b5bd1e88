// Explanations write out the real numbers; checked on the hand example and
// for every cell of every stage of a full encoder-decoder trace.
#include "teach/explain.h"
#include "engine/forward.h"
#include "model/checkpoint_torch.h"
#include "engine/sequence.h"

#include <cmath>

#include <gtest/gtest.h>

namespace attn {
namespace {

std::string joined(const Explanation& e) {
    std::string s = e.title + "\n";
    for (const auto& l : e.lines) s += l + "\n";
    return s;
}

struct HandExample : ::testing::Test {
    // The 3-token example of test_hand_computed.cpp: identity projections.
    HandExample() {
        Config c;
        c.d_model = 2;
        c.nhead = 1;
        c.dim_feedforward = 2;
        c.positional_encoding = PositionalEncoding::None;
        StateDict w = initial_state_dict(c);
        w.at("encoder.layers.0.self_attn.in_proj_weight").data = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1};
        model = make_model(c, w);
        Mat x(3, 2);
        x << 1, 0, 0, 1, 1, 1;
        Inputs in{sequence_from_embeddings(model, x), {}};
        trace = run_forward(model, in);
    }
    Model model;
    Trace trace;
};

TEST_F(HandExample, ScoreShowsTheDotProduct) {
    const Explanation e = explain_cell(trace, model, "encoder.layers.0.self_attn.scores", 0, 0, 2);
    EXPECT_EQ(e.title, "scores[head 0, 0 \"#0\", 2 \"#2\"] = 1.000");
    EXPECT_EQ(e.lines.at(1), "= (1.000×1.000 + 0.000×1.000)");
    ASSERT_EQ(e.operands.size(), 2u);
    EXPECT_EQ(e.operands[0].stage, "encoder.layers.0.self_attn.q");
    EXPECT_EQ(e.operands[0].rows, (std::vector<int64_t>{0}));
    EXPECT_EQ(e.operands[1].stage, "encoder.layers.0.self_attn.k");
    EXPECT_EQ(e.operands[1].rows, (std::vector<int64_t>{2}));
}

TEST_F(HandExample, ScaledShowsTheSquareRoot) {
    const Explanation e = explain_cell(trace, model, "encoder.layers.0.self_attn.scaled_scores", 0, 2, 2);
    EXPECT_EQ(e.lines.at(0), "= score / √d_k = 2.000 / √2 = 2.000 / 1.414 = 1.414");
}

TEST_F(HandExample, SoftmaxShowsMaxSumAndQuotient) {
    // Row 0: (0.70711, 0, 0.70711): max 0.707, e^0 = 1 for key 0, Σ = 1 + e^-0.707 + 1 = 2.493
    const Explanation e = explain_cell(trace, model, "encoder.layers.0.self_attn.weights", 0, 0, 0);
    EXPECT_EQ(e.title, "weights[head 0, 0 \"#0\", 0 \"#0\"] = 0.401");
    const std::string text = joined(e);
    EXPECT_NE(text.find("max = 0.707"), std::string::npos) << text;
    EXPECT_NE(text.find("Σ = 1.000 + 0.493 + 1.000 = 2.493"), std::string::npos) << text;
    EXPECT_NE(text.find("weight = 1.000 / 2.493 = 0.401"), std::string::npos) << text;
}

TEST_F(HandExample, ContextShowsTheWeightedValues) {
    // context[0, 0] = 0.401×1 + 0.198×0 + 0.401×1 = 0.802
    const Explanation e = explain_cell(trace, model, "encoder.layers.0.self_attn.context_heads", 0, 0, 0);
    EXPECT_EQ(e.lines.at(1), "= (0.401×1.000 + 0.198×0.000 + 0.401×1.000)");
    EXPECT_EQ(e.lines.at(2), "= 0.802");
}

TEST_F(HandExample, OutOfRangeCellsAreRefused) {
    EXPECT_THROW(explain_cell(trace, model, "encoder.layers.0.self_attn.weights", 1, 0, 0), Error);
    EXPECT_THROW(explain_cell(trace, model, "encoder.layers.0.self_attn.weights", 0, 3, 0), Error);
    EXPECT_THROW(explain_cell(trace, model, "no.such.stage", 0, 0, 0), Error);
}

TEST(Explain, EveryCellOfEveryStageHasAnExplanationWithValidOperands) {
    for (auto pe : {PositionalEncoding::Sinusoidal, PositionalEncoding::Rope, PositionalEncoding::Alibi,
                    PositionalEncoding::Learned, PositionalEncoding::Binary}) {
        Config c;
        c.architecture = Architecture::EncoderDecoder;
        c.positional_encoding = pe;
        c.norm_first = pe == PositionalEncoding::Rope;
        c.activation = Activation::Gelu;
        c.max_len = 8;
        if (pe == PositionalEncoding::Binary) c.pe_concat = 2;
        const Model model = make_model(c);
        const Trace trace = run_forward(model, {sequence_from_text(model, "我 爱 [PAD]"), sequence_from_text(model, "I love")});
        for (const Stage& s : trace.stages()) {
            const auto t_held = s.tensor();  // keeps a derived stage alive
            const Tensor& t = *t_held;
            const int64_t heads = t.rank() == 3 ? t.dim(0) : 1;
            const int64_t rows = t.rank() == 3 ? t.dim(1) : t.dim(0);
            for (int64_t h = 0; h < heads; ++h)
                for (int64_t i = 0; i < rows; ++i)
                    for (int64_t j = 0; j < t.shape.back(); ++j) {
                        const Explanation e = explain_cell(trace, model, s.name, h, i, j);
                        EXPECT_FALSE(e.lines.empty()) << s.name;
                        for (const auto& op : e.operands) {
                            const Stage* o = trace.find(op.stage);
                            ASSERT_NE(o, nullptr) << s.name << " -> " << op.stage;
                            const int64_t orows = o->tensor()->rank() == 3 ? o->tensor()->dim(1) : o->tensor()->dim(0);
                            for (int64_t r : op.rows) EXPECT_LT(r, orows) << s.name;
                            for (int64_t col : op.cols) EXPECT_LT(col, o->tensor()->shape.back()) << s.name;
                        }
                    }
        }
    }
}

// The base-2 code concatenated after the first 4 token features: a cell of the input is copied
// from one side (named, with its column there); a cell of the code shows sin(p / 2^j).
TEST(Explain, ConcatenatedBinaryPositionsNameTheirSide) {
    Config c;
    c.positional_encoding = PositionalEncoding::Binary;
    c.pe_concat = 4;
    const Model model = make_model(c);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c"), {}});
    const Tensor& x = *trace.tensor("src.input");
    const Tensor& e = *trace.tensor("src.embeddings");
    const Tensor& p = *trace.tensor("src.positional");
    ASSERT_EQ(p.shape, (std::vector<int64_t>{3, 4}));
    EXPECT_EQ(x.matrix()(1, 3), e.matrix()(1, 3));
    EXPECT_EQ(x.matrix()(1, 6), p.matrix()(1, 2));
    EXPECT_FLOAT_EQ(x.matrix()(1, 6), std::sin(0.5f));

    const Explanation token_side = explain_cell(trace, model, "src.input", 0, 1, 3);
    EXPECT_NE(joined(token_side).find("= src.embeddings[1, 3] = "), std::string::npos) << joined(token_side);
    const Explanation position_side = explain_cell(trace, model, "src.input", 0, 1, 6);
    EXPECT_NE(joined(position_side).find("= src.positional[1, 2] = 0.479"), std::string::npos) << joined(position_side);
    ASSERT_EQ(position_side.operands.size(), 1u);
    EXPECT_EQ(position_side.operands[0].cols, std::vector<int64_t>{2});

    const Explanation code = explain_cell(trace, model, "src.positional", 0, 2, 3);
    EXPECT_NE(joined(code).find("P[p, 2j+1] = cos(p / 2^j) with p = 2, j = 1"), std::string::npos) << joined(code);
    EXPECT_NE(joined(code).find("= cos(2 / 2.000) = cos(1.000) = 0.540"), std::string::npos) << joined(code);
}

TEST(Explain, OperandsNameEarlierStages) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    const Model model = make_model(c);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c"), sequence_from_text(model, "x y")});
    for (size_t k = 0; k < trace.stages().size(); ++k)
        for (const auto& op : trace.stages()[k].operands) {
            bool earlier = false;
            for (size_t m = 0; m < k; ++m) earlier = earlier || trace.stages()[m].name == op;
            EXPECT_TRUE(earlier) << trace.stages()[k].name << " uses " << op;
        }
}

TEST(Explain, NumbersAreCompact) {
    EXPECT_EQ(format_number(0.37), "0.370");
    EXPECT_EQ(format_number(-0.0001234), "-0.000123");
    EXPECT_EQ(format_number(12345.0), "1.23e+04");
    EXPECT_EQ(format_number(0.0), "0.000");
    EXPECT_EQ(format_number(-1e-9 * 0), "0.000");
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// RoPE in halves (Llama's rotate_half) pairs feature i with i + d_k/2, and the explanation says
// which pair turned, by how much, with the numbers of that pair.
TEST(ExplainRope, HalvesNameTheFeatureHalfAHeadAway) {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 8, c.nhead = 2;  // d_k = 4: pairs (0, 2) and (1, 3)
    c.positional_encoding = PositionalEncoding::Rope;
    c.rope_style = RopeStyle::Half;
    c.vocab = {"a", "b", "c"};
    const Model model = make_model(c);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c"), {}});
    const std::string name = "decoder.layers.0.self_attn.q_rotated";
    const Explanation e = explain_cell(trace, model, name, 0, 2, 6);  // head 1, feature 2: pair (4, 6)'s second
    EXPECT_NE(joined(e).find("(4, 6)"), std::string::npos) << joined(e);
    EXPECT_NE(joined(e).find("x₀·sin + x₁·cos"), std::string::npos) << joined(e);
    ASSERT_FALSE(e.operands.empty());
    EXPECT_EQ(e.operands.front().cols, (std::vector<int64_t>{4, 6}));
    const Tensor& q = *trace.tensor("decoder.layers.0.self_attn.q");
    const double angle = 2 * std::pow(10000.0, -2.0 * 0 / 4);  // position 2, pair 0 of its head
    EXPECT_NEAR(trace.tensor(name)->matrix()(2, 6), q.matrix()(2, 4) * std::sin(angle) + q.matrix()(2, 6) * std::cos(angle), 1e-5);
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// A mask cell says which rule hid or kept it: the window, a sink beyond it, a global layer.
TEST(ExplainMask, NamesTheWindowTheSinksAndTheGlobalLayers) {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 8, c.nhead = 2, c.num_decoder_layers = 2;
    c.sliding_window = 2, c.sliding_window_pattern = 2, c.sink_tokens = 1;
    const Model model = make_model(c);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c d e"), {}});
    const std::string hidden = joined(explain_cell(trace, model, "decoder.layers.0.self_attn.mask", -1, 4, 2));
    EXPECT_NE(hidden.find("sliding window: |i − j| = 2 ≥ w = 2"), std::string::npos) << hidden;
    const std::string sink = joined(explain_cell(trace, model, "decoder.layers.0.self_attn.mask", -1, 4, 0));
    EXPECT_NE(sink.find("0: this key is visible"), std::string::npos) << sink;
    EXPECT_NE(sink.find("attention sink: key 0 is one of the first 1 tokens, kept visible beyond the window of 2"),
              std::string::npos) << sink;
    const std::string global = joined(explain_cell(trace, model, "decoder.layers.1.self_attn.mask", -1, 4, 2));
    EXPECT_NE(global.find("0: this key is visible"), std::string::npos) << global;
    EXPECT_NE(global.find("layer 1 is a global layer (one in every 2)"), std::string::npos) << global;
    EXPECT_EQ(global.find("sliding window"), std::string::npos) << global;
}

}  // namespace
}  // namespace attn
