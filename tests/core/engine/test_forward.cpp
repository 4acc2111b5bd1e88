// The forward pass without a trace: the same numbers as the traced run, for
// every architecture, norm placement and positional encoding.
#include "engine/forward.h"
#include "engine/masks.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

struct Case {
    const char* name;
    Architecture architecture;
    bool norm_first;
    PositionalEncoding positions;
    bool final_norms;
};

class UntracedForward : public ::testing::TestWithParam<Case> {};

// A small model of the case's kind, with final norms or without.
Model model_of(const Case& k) {
    Config c;
    c.architecture = k.architecture;
    c.d_model = 12;
    c.nhead = 3;
    c.num_encoder_layers = 2;
    c.num_decoder_layers = 2;
    c.dim_feedforward = 20;
    c.norm_first = k.norm_first;
    c.positional_encoding = k.positions;
    c.activation = k.norm_first ? Activation::Gelu : Activation::Relu;
    c.seed = 5;
    StateDict weights = initial_state_dict(c);
    if (!k.final_norms) {
        for (const char* norm : {"encoder.norm.weight", "encoder.norm.bias", "decoder.norm.weight", "decoder.norm.bias"})
            weights.erase(norm);
    } else if (c.architecture != Architecture::EncoderDecoder) {  // the seed gives final norms to encoder-decoder only
        const std::string stack = c.has_encoder() ? "encoder" : "decoder";
        Tensor gamma({c.d_model}), beta({c.d_model});
        for (int j = 0; j < c.d_model; ++j) gamma.data[j] = 1.0f + 0.1f * j, beta.data[j] = -0.05f * j;
        weights[stack + ".norm.weight"] = gamma;
        weights[stack + ".norm.bias"] = beta;
    }
    return make_model(c, weights);
}

Inputs inputs_of(const Model& model, const std::string& src, const std::string& tgt) {
    Inputs in{sequence_from_text(model, src), {}};
    if (model.config.architecture == Architecture::EncoderDecoder) in.tgt = sequence_from_text(model, tgt);
    return in;
}

TEST_P(UntracedForward, GivesTheTracedOutputBitForBit) {
    const Model model = model_of(GetParam());
    const Config& c = model.config;
    const Case& k = GetParam();
    const Inputs in = inputs_of(model, "the cat sat on [PAD] mat", "le chat");

    const Trace trace = run_forward(model, in);
    const ForwardOutput out = run_forward_untraced(model, in);
    const std::string last = c.has_decoder() ? "decoder.output" : "encoder.output";
    EXPECT_EQ(Tensor::from_matrix(out.output), *trace.tensor(last));
    EXPECT_EQ(trace.find(c.has_decoder() ? "decoder.norm" : "encoder.norm") != nullptr, k.final_norms);
    EXPECT_EQ(out.warnings, trace.warnings);
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, UntracedForward,
    ::testing::Values(Case{"encoder_post_sinusoidal", Architecture::EncoderOnly, false, PositionalEncoding::Sinusoidal, false},
                      Case{"encoder_pre_learned_final_norm", Architecture::EncoderOnly, true, PositionalEncoding::Learned, true},
                      Case{"decoder_pre_rope_final_norm", Architecture::DecoderOnly, true, PositionalEncoding::Rope, true},
                      Case{"decoder_post_alibi", Architecture::DecoderOnly, false, PositionalEncoding::Alibi, false},
                      Case{"translation_post_final_norms", Architecture::EncoderDecoder, false, PositionalEncoding::Sinusoidal, true},
                      Case{"translation_pre_none", Architecture::EncoderDecoder, true, PositionalEncoding::None, false}),
    [](const auto& info) { return std::string(info.param.name); });

// The trainer's trace: refilled with other inputs of the same lengths it is the fresh trace of
// those inputs, stage for stage and bit for bit, and it keeps no copy made only for display.
TEST_P(UntracedForward, ATrainingTraceRefilledIsTheFreshTraceOfTheNewInputs) {
    const Model model = model_of(GetParam());
    const ModelWeights bound = model.bind();
    const Inputs first = inputs_of(model, "the cat sat on [PAD] mat", "le chat");
    const Inputs second = inputs_of(model, "a dog ran to [PAD] door", "un chien");
    Trace refilled = run_forward(model, bound, first, {.for_training = true});
    run_forward_again(model, bound, second, refilled);
    const Trace fresh = run_forward(model, bound, second, {.for_training = true});
    ASSERT_EQ(refilled.stages().size(), fresh.stages().size());
    for (size_t i = 0; i < fresh.stages().size(); ++i) {
        const Stage &a = refilled.stages()[i], &b = fresh.stages()[i];
        EXPECT_EQ(a.name, b.name);
        EXPECT_EQ(*a.tensor(), *b.tensor()) << b.name;
        EXPECT_FALSE(is_head_split(b.kind)) << b.name << " is only shown";
        EXPECT_NE(b.kind, StageKind::Mask);
    }
    EXPECT_EQ(refilled.src_tokens, fresh.src_tokens);
    EXPECT_EQ(refilled.tgt_tokens, fresh.tgt_tokens);
    const std::string last = fresh.stages().back().name;
    EXPECT_EQ(*refilled.tensor(last), *run_forward(model, second).tensor(last)) << last;
}

// Gemma's local and global layers: with sliding_window_pattern 2, layers 0 and 2 keep the window,
// layers 1 and 3 see every earlier token; the sinks stay visible in the windowed layers only.
TEST(Forward, EveryNthLayerIsGlobalAndSinksStayInTheWindowedOnes) {
    Config c = test::small_causal();
    c.architecture = Architecture::DecoderOnly;
    c.num_decoder_layers = 4;
    c.sliding_window = 2, c.sliding_window_pattern = 2, c.sink_tokens = 1;
    const Trace t = test::causal_trace(c);
    const Mat causal = attention_mask(6, 6, {true, 0, 0, {}});
    MaskOptions local{true, 2, 0, {}};
    local.sink_tokens = 1;
    for (int layer = 0; layer < 4; ++layer) {
        const Mat mask = t.tensor("decoder.layers." + std::to_string(layer) + ".self_attn.mask")->matrix();
        EXPECT_EQ(mask, layer % 2 == 1 ? causal : attention_mask(6, 6, local)) << "layer " << layer;
    }
    EXPECT_EQ(c.window_of(0), 2);
    EXPECT_EQ(c.window_of(1), 0);
    c.sliding_window_pattern = 0;  // Mistral: every layer windowed
    for (int layer = 0; layer < 4; ++layer) EXPECT_EQ(c.window_of(layer), 2);
}

TEST(UntracedForward, FullyMaskedRowsStillWarn) {
    Config c = test::small_causal();
    c.causal = false;
    c.sliding_window = 1;
    c.block_size = 0;
    const Model model = make_model(c);
    // Every key but the query itself is out of the window, and the query is padding: nothing left to see.
    const Inputs in{sequence_from_text(model, "a [PAD] b"), {}};
    const ForwardOutput out = run_forward_untraced(model, in);
    EXPECT_EQ(out.warnings, run_forward(model, in).warnings);
    ASSERT_FALSE(out.warnings.empty());
    EXPECT_NE(out.warnings.front().find("can see no key"), std::string::npos) << out.warnings.front();
}

TEST(ShapesOnlyPass, CountsWhatTheFullTraceKeepsWithoutComputing) {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 64;
    c.nhead = 4;
    c.num_decoder_layers = 3;
    c.dim_feedforward = 128;
    c.max_len = 4096;
    // 4 heads × 4096² floats per score stage: far more than the test machine could compute quickly, counted in no time.
    const int64_t T = 4096;
    const int64_t per_layer_scores = 4 * 4 * T * T;  // scores, scaled, masked, weights
    EXPECT_GT(count_trace_floats(c, T, 0, false), 3 * per_layer_scores);
    // And for a size that can run, exactly what the trace keeps.
    const Model model = make_model(c);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c d e"), {}});
    EXPECT_EQ(count_trace_floats(c, 5, 0, false), trace.kept_floats());
}

}  // namespace
}  // namespace attn
