// Heads knocked out or patched: checked against models whose weights do the same thing
// (W_O's columns zeroed) and against the trace's own numbers.
#include "engine/forward.h"
#include "engine/interventions.h"
#include "model/checkpoint_torch.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

Config decoder() {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 8, c.nhead = 2, c.num_decoder_layers = 2, c.dim_feedforward = 16;
    c.vocab = {"the", "cat", "sat", "on", "mat"};
    c.seed = 4;
    return c;
}

// A nonzero W_O bias, so "only the bias is left" is not "nothing is left".
StateDict weights_of(const Config& c) {
    StateDict w = initial_state_dict(c);
    for (int l = 0; l < c.num_decoder_layers; ++l) {
        auto& b = w.at("decoder.layers." + std::to_string(l) + ".self_attn.out_proj.bias").data;
        for (size_t i = 0; i < b.size(); ++i) b[i] = 0.1f * static_cast<float>(i + 1);
    }
    return w;
}

Inputs inputs(const Model& m, const std::string& text = "the cat sat on the mat") { return {sequence_from_text(m, text), {}}; }

HeadIntervention change(int layer, int head, HeadChange kind = HeadChange::Zero) {
    HeadIntervention h;
    h.stack = StackKind::Decoder, h.layer = layer, h.head = head, h.change = kind;
    return h;
}

// Knocking out every head of a layer is that layer without its attention: the same as a model
// whose W_O is zero (its output then is b_O alone), through every later stage to the logits.
TEST(Interventions, AllHeadsOfALayerZeroedEqualAZeroWO) {
    const Config c = decoder();
    const StateDict w = weights_of(c);
    const Model model = make_model(c, w);
    Inputs in = inputs(model);
    in.interventions = {change(0, 0), change(0, 1)};
    const Trace ablated = run_forward(model, in);
    StateDict zero = w;
    for (float& x : zero.at("decoder.layers.0.self_attn.out_proj.weight").data) x = 0;
    const Model without = make_model(c, zero);
    const Trace expected = run_forward(without, inputs(without));
    for (const char* stage : {"decoder.layers.0.self_attn.output", "decoder.layers.0.output", "decoder.layers.1.output", "output.logits"})
        EXPECT_TRUE(ablated.tensor(stage)->matrix().isApprox(expected.tensor(stage)->matrix(), 1e-6f)) << stage;
    const Mat out = ablated.tensor("decoder.layers.0.self_attn.output")->matrix();
    for (Eigen::Index i = 0; i < out.rows(); ++i) EXPECT_FLOAT_EQ(out(i, 2), 0.3f) << "b_O alone";
}

// One head: the same as zeroing W_O's columns that read it; the other head, the weights and the
// layers before are untouched.
TEST(Interventions, OneHeadZeroedEqualsItsColumnsOfWOZeroed) {
    const Config c = decoder();
    const StateDict w = weights_of(c);
    const Model model = make_model(c, w);
    Inputs in = inputs(model);
    in.interventions = {change(1, 1)};
    const Trace ablated = run_forward(model, in), plain = run_forward(model, inputs(model));
    StateDict cut = w;
    auto& wo = cut.at("decoder.layers.1.self_attn.out_proj.weight");  // (D, D): row r reads context columns
    for (int64_t r = 0; r < 8; ++r)
        for (int64_t col = 4; col < 8; ++col) wo.data[static_cast<size_t>(r * 8 + col)] = 0;
    const Model without = make_model(c, cut);
    EXPECT_TRUE(ablated.tensor("output.logits")->matrix().isApprox(run_forward(without, inputs(without)).tensor("output.logits")->matrix(), 1e-6f));
    EXPECT_EQ(*ablated.tensor("decoder.layers.0.output"), *plain.tensor("decoder.layers.0.output"));  // before: untouched
    EXPECT_EQ(*ablated.tensor("decoder.layers.1.self_attn.weights"), *plain.tensor("decoder.layers.1.self_attn.weights"));
    const Mat context = ablated.tensor("decoder.layers.1.self_attn.context")->matrix();
    EXPECT_TRUE(context.rightCols(4).isZero());
    EXPECT_EQ(Mat(context.leftCols(4)), Mat(plain.tensor("decoder.layers.1.self_attn.context")->matrix().leftCols(4)));
    EXPECT_FALSE(ablated.tensor("output.logits")->matrix().isApprox(plain.tensor("output.logits")->matrix(), 1e-4f));
}

// Mean ablation puts the head's mean output over the sequence on every row; patching a head with
// its own output changes nothing, bit for bit; patching from another prompt of the same length
// carries that prompt's output into this one.
TEST(Interventions, MeanAblationAndPatching) {
    const Model model = make_model(decoder(), weights_of(decoder()));
    const Trace plain = run_forward(model, inputs(model));
    const Mat own = plain.tensor("decoder.layers.0.self_attn.context")->matrix().leftCols(4);
    Inputs mean = inputs(model);
    mean.interventions = {change(0, 0, HeadChange::Mean)};
    const Mat averaged = run_forward(model, mean).tensor("decoder.layers.0.self_attn.context")->matrix().leftCols(4);
    for (Eigen::Index i = 0; i < averaged.rows(); ++i)
        EXPECT_TRUE(averaged.row(i).isApprox(own.colwise().mean(), 1e-6f)) << "row " << i;

    Inputs same = inputs(model);
    HeadIntervention patch = change(0, 0, HeadChange::Patch);
    patch.values = std::make_shared<const Mat>(own);
    same.interventions = {patch};
    EXPECT_EQ(*run_forward(model, same).tensor("output.logits"), *plain.tensor("output.logits"));

    const Trace other = run_forward(model, inputs(model, "the mat sat on the cat"));
    patch.values = std::make_shared<const Mat>(other.tensor("decoder.layers.0.self_attn.context")->matrix().leftCols(4));
    same.interventions = {patch};
    const Trace patched = run_forward(model, same);
    EXPECT_EQ(Mat(patched.tensor("decoder.layers.0.self_attn.context")->matrix().leftCols(4)), *patch.values);
    EXPECT_FALSE(patched.tensor("output.logits")->matrix().isApprox(plain.tensor("output.logits")->matrix(), 1e-4f));

    Inputs shorter = inputs(model, "the cat");
    shorter.interventions = {patch};
    try {
        run_forward(model, shorter);
        FAIL() << "a 6-row patch into 2 tokens";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "head 0.0: the patched output must be 2 × 4, one row per token of this prompt: the two prompts "
                               "must have as many tokens");
    }
}

TEST(Interventions, HeadListsAreReadAndRefusedInOneSentence) {
    const Config c = decoder();
    const auto heads = parse_head_list(c, "1.0,0.1", HeadChange::Mean);
    ASSERT_EQ(heads.size(), 2u);
    EXPECT_EQ(heads[0].layer, 1);
    EXPECT_EQ(heads[0].head, 0);
    EXPECT_EQ(heads[1].change, HeadChange::Mean);
    EXPECT_EQ(heads[1].stack, StackKind::Decoder);
    const auto message = [&](const std::string& list) {
        try {
            parse_head_list(c, list, HeadChange::Zero);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_EQ(message("3"), "'3' is not a head: write LAYER.HEAD, e.g. 3.5 for layer 3's head 5 (counted from 0)");
    EXPECT_EQ(message("1.x"), "'1.x' is not a head: write LAYER.HEAD, e.g. 3.5 for layer 3's head 5 (counted from 0)");
    EXPECT_EQ(message("0.1,"), "'' is not a head: write LAYER.HEAD, e.g. 3.5 for layer 3's head 5 (counted from 0)");
    EXPECT_EQ(message("2.0"), "head 2.0: the model has 2 layers (0–1)");
    EXPECT_EQ(message("0.2"), "head 0.2: the model has 2 heads a layer (0–1)");
    Config encoder = c;
    encoder.architecture = Architecture::EncoderOnly, encoder.num_encoder_layers = 3;
    EXPECT_EQ(parse_head_list(encoder, "2.1", HeadChange::Zero)[0].stack, StackKind::Encoder);
}

}  // namespace
}  // namespace attn
