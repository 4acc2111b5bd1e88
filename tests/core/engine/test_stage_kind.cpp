// Every stage knows its kind and place; the names stay the public scheme.
#include "engine/forward.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <map>

namespace attn {
namespace {

TEST(StageKind, NamesRoundTrip) {
    int named = 0;
    for (int k = 0; k <= static_cast<int>(StageKind::KvCache); ++k) {
        const auto kind = static_cast<StageKind>(k);
        const std::string text = to_string(kind);
        ASSERT_FALSE(text.empty()) << k;
        EXPECT_EQ(parse_stage_kind(text), kind) << text;
        ++named;
    }
    EXPECT_EQ(named, 31);
    EXPECT_EQ(parse_stage_kind("weights"), std::nullopt);
    EXPECT_EQ(parse_stage_kind(""), std::nullopt);
}

TEST(StageKind, CoordinatesSpellTheNamePrefix) {
    EXPECT_EQ((StageCoords{StackKind::Encoder, 0, BlockKind::SelfAttention, 0}).block_path(), "encoder.layers.0.self_attn");
    EXPECT_EQ((StageCoords{StackKind::Decoder, 2, BlockKind::CrossAttention, 0}).block_path(), "decoder.layers.2.multihead_attn");
    EXPECT_EQ((StageCoords{StackKind::Decoder, 1, BlockKind::FeedForward, 0}).block_path(), "decoder.layers.1.ffn");
    EXPECT_EQ((StageCoords{StackKind::Encoder, 1, BlockKind::None, 2}).layer_path(), "encoder.layers.1");
    EXPECT_EQ((StageCoords{StackKind::Target, -1, BlockKind::None, 0}).block_path(), "tgt");
}

// The kind of every stage of one translation layer, written out by hand from the stage list
// (docs/ARCHITECTURE.md), so a stage recorded with the wrong kind or place is caught.
TEST(StageKind, EveryStageOfATranslationModelHasItsKindAndPlace) {
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    c.num_encoder_layers = c.num_decoder_layers = 1;
    c.positional_encoding = PositionalEncoding::Rope;
    const Model model = make_model(c);
    const Trace t = run_forward(model, {sequence_from_text(model, "a b c"), sequence_from_text(model, "x y")});
    const std::map<std::string, std::pair<StageKind, StageCoords>> expected = {
        {"src.embeddings", {StageKind::TokenEmbedding, {StackKind::Source, -1, BlockKind::None, 0}}},
        {"tgt.positional", {StageKind::PositionalEncoding, {StackKind::Target, -1, BlockKind::None, 0}}},
        {"tgt.input", {StageKind::StackInput, {StackKind::Target, -1, BlockKind::None, 0}}},
        {"encoder.layers.0.self_attn.q", {StageKind::Query, {StackKind::Encoder, 0, BlockKind::SelfAttention, 0}}},
        {"encoder.layers.0.self_attn.k_rotated", {StageKind::RotatedKey, {StackKind::Encoder, 0, BlockKind::SelfAttention, 0}}},
        {"encoder.layers.0.self_attn.v_heads", {StageKind::ValueHeads, {StackKind::Encoder, 0, BlockKind::SelfAttention, 0}}},
        {"encoder.layers.0.self_attn.mask", {StageKind::Mask, {StackKind::Encoder, 0, BlockKind::SelfAttention, 0}}},
        {"encoder.layers.0.norm1", {StageKind::LayerNorm, {StackKind::Encoder, 0, BlockKind::None, 1}}},
        {"encoder.layers.0.residual2", {StageKind::Residual, {StackKind::Encoder, 0, BlockKind::None, 2}}},
        {"encoder.layers.0.ffn.activation", {StageKind::FfnActivation, {StackKind::Encoder, 0, BlockKind::FeedForward, 0}}},
        {"encoder.layers.0.output", {StageKind::LayerOutput, {StackKind::Encoder, 0, BlockKind::None, 0}}},
        {"encoder.norm", {StageKind::LayerNorm, {StackKind::Encoder, -1, BlockKind::None, 0}}},
        {"encoder.output", {StageKind::StackOutput, {StackKind::Encoder, -1, BlockKind::None, 0}}},
        {"decoder.layers.0.multihead_attn.weights", {StageKind::AttentionWeights, {StackKind::Decoder, 0, BlockKind::CrossAttention, 0}}},
        {"decoder.layers.0.multihead_attn.context", {StageKind::Context, {StackKind::Decoder, 0, BlockKind::CrossAttention, 0}}},
        {"decoder.layers.0.multihead_attn.output", {StageKind::AttentionOutput, {StackKind::Decoder, 0, BlockKind::CrossAttention, 0}}},
        {"decoder.layers.0.norm3", {StageKind::LayerNorm, {StackKind::Decoder, 0, BlockKind::None, 3}}},
        {"decoder.layers.0.ffn.output", {StageKind::FfnOutput, {StackKind::Decoder, 0, BlockKind::FeedForward, 0}}},
    };
    for (const auto& [name, want] : expected) {
        const Stage* s = t.find(name);
        ASSERT_NE(s, nullptr) << name;
        EXPECT_EQ(to_string(s->kind), std::string(to_string(want.first))) << name;
        EXPECT_EQ(s->at, want.second) << name;
    }
    // RoPE rotates in self-attention only: cross-attention has no rotated stages.
    EXPECT_EQ(t.find(StageKind::RotatedQuery, t.find("decoder.layers.0.multihead_attn.q")->at), nullptr);
    EXPECT_EQ(t.find("encoder.output")->alias_of, "encoder.norm");
    // Every stage has a kind name and its name starts with the path of its place.
    for (const Stage& s : t.stages()) {
        EXPECT_EQ(s.name.rfind(s.at.block_path() + ".", 0) == 0 || s.name == s.at.block_path(), true) << s.name;
    }
}

TEST(Recorder, PoliciesKeepDeriveOrDrop) {
    const Config c = test::small_causal();
    const Model model = make_model(c);
    const Inputs in{sequence_from_text(model, "the cat sat"), {}};
    const Trace kept = run_forward(model, in);
    const Trace derived = run_forward(model, in, {.keep_everything_up_to = 0});
    ASSERT_EQ(kept.stages().size(), derived.stages().size());
    int cheap = 0;
    for (size_t i = 0; i < kept.stages().size(); ++i) {
        const Stage& k = kept.stages()[i];
        const Stage& d = derived.stages()[i];
        EXPECT_FALSE(k.data->derived()) << k.name;
        // Norms and the feed-forward hidden layer too: recomputed from their kept input in one step;
        // the attention output, from the kept context; and a residual sum but the layer's last (the
        // next layer starts from that one).
        const auto number = k.name.rfind(".residual");
        const bool middle_residual = k.kind == StageKind::Residual &&
                                     kept.find(k.name.substr(0, number) + ".residual" + std::to_string(std::stoi(k.name.substr(number + 9)) + 1));
        const bool is_cheap = is_score_kind(k.kind) || is_head_split(k.kind) || k.kind == StageKind::Mask ||
                              k.kind == StageKind::ContextHeads || k.kind == StageKind::FfnActivation ||
                              k.kind == StageKind::LayerNorm || k.kind == StageKind::FfnHidden || middle_residual ||
                              k.kind == StageKind::AttentionOutput || k.kind == StageKind::AttentionRollout;
        // A layer's or stack's output is an alias: derived when the norm it names is.
        const bool alias_of_derived = !d.alias_of.empty() && derived.find(d.alias_of)->data->derived();
        EXPECT_EQ(d.data->derived(), is_cheap || alias_of_derived) << d.name;
        cheap += is_cheap;
    }
    EXPECT_EQ(cheap, 3 + 4 + 1 + 1 + 1 + 2 + 1 + 1 + 1 + 1);  // q/k/v heads, four score stages, mask, contexts, activation, two norms, hidden, residual1, attention output, rollout

    // Without a trace to keep them, a stage's labels are never even built.
    int labelled = 0;
    auto info = [&labelled] {
        ++labelled;
        return StageInfo{"x", StageKind::Residual, {}, "", "", {Axis::SrcToken, Axis::Feature}, {}};
    };
    Recorder nothing(RecordPolicy::Nothing, nullptr), shapes(RecordPolicy::Shapes, nullptr);
    EXPECT_FALSE(nothing.records());
    nothing.add(info, {2, 3}, Mat::Zero(2, 3));
    shapes.add(info, {2, 3}, Mat());
    EXPECT_EQ(nothing.floats(), 0);
    EXPECT_EQ(shapes.floats(), 6);
    EXPECT_EQ(labelled, 0);
    Trace trace;
    Recorder everything(RecordPolicy::Everything, &trace);
    everything.add(info, {2, 3}, Mat::Zero(2, 3));
    EXPECT_EQ(labelled, 1);
    EXPECT_EQ(trace.stages().size(), 1u);
}

}  // namespace
}  // namespace attn
