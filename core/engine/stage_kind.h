// What a trace stage is, as data: its kind and where it sits in the model.
// Views, exports, explanations, costs and lessons dispatch on these, never on
// the stage's name; the name stays the public label of files and sessions
// ("encoder.layers.0.self_attn.weights"), and is built from these coordinates.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace attn {

enum class StageKind {
    TokenEmbedding,      // (T, D) a row per token, before positions
    PositionalEncoding,  // (T, D) what is added for the position
    StackInput,          // (T, D) embeddings + positions
    Query, Key, Value,   // (T, D) / (S, H_kv·Dk) projections, all heads side by side
    RotatedQuery,        // (T, D) after RoPE
    RotatedKey,          // (S, D) after RoPE
    QueryHeads, KeyHeads, ValueHeads,  // (H, T, Dk) / (H_kv, S, Dk) the projections split into heads
    Scores,              // (H, T, S) Q_h·K_hᵀ
    ScaledScores,        // (H, T, S) / √Dk
    AlibiBias,           // (H, T, S) −m_h·|i − j|
    Mask,                // (T, S) 0 or −∞
    MaskedScores,        // (H, T, S) scaled (+ bias) + mask
    AttentionWeights,    // (H, T, S) softmax over the keys
    ContextHeads,        // (H, T, Dk) weights_h·V_h
    Context,             // (T, D) heads concatenated
    AttentionOutput,     // (T, D) context·W_Oᵀ + b_O
    Residual,            // (T, D) x + sub-layer
    LayerNorm,           // (T, D)
    FfnHidden,           // (T, F) x·W₁ᵀ + b₁
    FfnActivation,       // (T, F)
    FfnOutput,           // (T, D)
    LayerOutput,         // (T, D) alias of the layer's last stage
    StackOutput,         // (T, D) alias of the stack's last stage
    // Kinds of the stages the output head, backward pass and generation add.
    Logits,              // (T, V)
    Probabilities,       // (T, V)
    Gradient,            // dL/d(another stage), same shape
    KvCache,             // (H, S, Dk) keys or values kept across generation steps
    TokenTypeEmbedding,  // (T, D) BERT's segment embedding of each token
    HeadTransform,       // (T, D) BERT's MLM head: x·W_tᵀ + b_t before its activation and norm
    // Kinds of the modern families' operations (Llama, Qwen, Mistral and the app's own model).
    RmsNorm,             // (T, D) x / √(mean(x²) + ε) · γ
    FfnGate,             // (T, F) SwiGLU's gate x·W_gᵀ + b_g
    QueryNorm,           // (T, D) QK-norm: each head's query RMS-normalised
    KeyNorm,             // (S, H_kv·Dk) QK-norm of each key head
    AttentionRollout,    // (T, T) how much of each input token reaches each position through layers 0…l
};

// Which part of the model a stage belongs to.
enum class StackKind {
    Source,   // "src.": embeddings of the source (or only) sequence
    Target,   // "tgt.": embeddings of the target sequence
    Encoder,  // "encoder."
    Decoder,  // "decoder."
    Output,   // "output.": the output head
};

enum class BlockKind {
    None,            // a stage of the layer itself (residuals, norms, output) or of no layer
    SelfAttention,   // "self_attn"
    CrossAttention,  // "multihead_attn"
    FeedForward,     // "ffn"
};

struct StageCoords {
    StackKind stack = StackKind::Source;
    int layer = -1;                  // -1: not inside a layer
    BlockKind block = BlockKind::None;
    int sublayer = 0;                // residual and norm number (1, 2, 3) within a layer; 0 otherwise

    // "encoder", "encoder.layers.0", "encoder.layers.0.self_attn": the name prefix these coordinates spell.
    std::string stack_path() const;
    std::string layer_path() const;
    std::string block_path() const;
    bool same_block(const StageCoords& other) const {
        return stack == other.stack && layer == other.layer && block == other.block;
    }
    bool operator==(const StageCoords&) const = default;
};

bool is_attention(BlockKind block);
// Scores-like kinds with one (T, S) matrix per head: scores through weights.
bool is_score_kind(StageKind kind);
// A projection split into heads (QueryHeads, KeyHeads, ValueHeads).
bool is_head_split(StageKind kind);

// "attention_weights", as written in manifest.json; parse_stage_kind reads it back.
const char* to_string(StageKind kind);
std::optional<StageKind> parse_stage_kind(std::string_view text);
const char* to_string(StackKind stack);  // "src", "tgt", "encoder", "decoder", "output"
const char* to_string(BlockKind block);  // "", "self_attn", "multihead_attn", "ffn"

}  // namespace attn
