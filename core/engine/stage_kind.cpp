#include "engine/stage_kind.h"

#include <array>
#include <utility>

namespace attn {
namespace {

constexpr std::array<std::pair<StageKind, const char*>, 38> kKindNames{{
    {StageKind::TokenEmbedding, "token_embedding"},
    {StageKind::PositionalEncoding, "positional_encoding"},
    {StageKind::StackInput, "stack_input"},
    {StageKind::Query, "query"},
    {StageKind::Key, "key"},
    {StageKind::Value, "value"},
    {StageKind::RotatedQuery, "rotated_query"},
    {StageKind::RotatedKey, "rotated_key"},
    {StageKind::QueryHeads, "query_heads"},
    {StageKind::KeyHeads, "key_heads"},
    {StageKind::ValueHeads, "value_heads"},
    {StageKind::Scores, "scores"},
    {StageKind::ScaledScores, "scaled_scores"},
    {StageKind::AlibiBias, "alibi_bias"},
    {StageKind::Mask, "mask"},
    {StageKind::MaskedScores, "masked_scores"},
    {StageKind::AttentionWeights, "attention_weights"},
    {StageKind::ContextHeads, "context_heads"},
    {StageKind::Context, "context"},
    {StageKind::AttentionOutput, "attention_output"},
    {StageKind::Residual, "residual"},
    {StageKind::LayerNorm, "layer_norm"},
    {StageKind::FfnHidden, "ffn_hidden"},
    {StageKind::FfnActivation, "ffn_activation"},
    {StageKind::FfnOutput, "ffn_output"},
    {StageKind::LayerOutput, "layer_output"},
    {StageKind::StackOutput, "stack_output"},
    {StageKind::Logits, "logits"},
    {StageKind::Probabilities, "probabilities"},
    {StageKind::Gradient, "gradient"},
    {StageKind::KvCache, "kv_cache"},
    {StageKind::TokenTypeEmbedding, "token_type_embedding"},
    {StageKind::HeadTransform, "head_transform"},
    {StageKind::RmsNorm, "rms_norm"},
    {StageKind::FfnGate, "ffn_gate"},
    {StageKind::QueryNorm, "query_norm"},
    {StageKind::KeyNorm, "key_norm"},
    {StageKind::AttentionRollout, "attention_rollout"},
}};

}  // namespace

const char* to_string(StageKind kind) {
    for (const auto& [k, name] : kKindNames)
        if (k == kind) return name;
    return "";
}

std::optional<StageKind> parse_stage_kind(std::string_view text) {
    for (const auto& [k, name] : kKindNames)
        if (!text.empty() && text == name) return k;
    return std::nullopt;
}

const char* to_string(StackKind stack) {
    switch (stack) {
        case StackKind::Source: return "src";
        case StackKind::Target: return "tgt";
        case StackKind::Encoder: return "encoder";
        case StackKind::Decoder: return "decoder";
        case StackKind::Output: return "output";
    }
    return "";
}

const char* to_string(BlockKind block) {
    switch (block) {
        case BlockKind::None: return "";
        case BlockKind::SelfAttention: return "self_attn";
        case BlockKind::CrossAttention: return "multihead_attn";
        case BlockKind::FeedForward: return "ffn";
    }
    return "";
}

std::string StageCoords::stack_path() const { return to_string(stack); }

std::string StageCoords::layer_path() const {
    return layer < 0 ? stack_path() : stack_path() + ".layers." + std::to_string(layer);
}

std::string StageCoords::block_path() const {
    return block == BlockKind::None ? layer_path() : layer_path() + "." + to_string(block);
}

bool is_attention(BlockKind block) { return block == BlockKind::SelfAttention || block == BlockKind::CrossAttention; }

bool is_score_kind(StageKind kind) {
    return kind == StageKind::Scores || kind == StageKind::ScaledScores || kind == StageKind::AlibiBias ||
           kind == StageKind::MaskedScores || kind == StageKind::AttentionWeights;
}

bool is_head_split(StageKind kind) {
    return kind == StageKind::QueryHeads || kind == StageKind::KeyHeads || kind == StageKind::ValueHeads;
}

}  // namespace attn
