// A model family's checkpoint layout as data: one row per stored tensor, naming the typed
// slot of ModelWeights it fills (model/weights.h), the shape the file stores and how to read
// it. The expected-tensor list, the checker, the binder and the seed's initial weights are
// all derived from these rows (as llama.cpp's per-architecture tensor tables), so a family
// writes its tensor names once (model/families/*.cpp).
#pragma once

#include "model/config.h"
#include "model/state_dict.h"
#include "model/weights.h"

#include <string>
#include <vector>

namespace attn {

// Where a row's tensor goes.
enum class Slot {
    TokenEmbedding,  // (V, D)
    Positions,       // (P, D) learned positions
    TokenTypes,      // (types, D)
    EmbeddingNorm,   // BERT's LayerNorm of the summed embeddings
    QueryKeyValue,   // W_Q, W_K, W_V stacked by rows (D + 2·H_kv·Dk, D) once read
    Query, Key, Value,
    QueryNorm, KeyNorm,  // QK-norm's γ (Dk)
    AttentionOut,    // W_O
    FeedForwardIn,   // linear1 (F, D)
    FeedForwardOut,  // linear2 (D, F)
    FeedForwardGate, // SwiGLU's gate (F, D)
    Norm,            // a layer's norm<sublayer>
    FinalNorm,       // a stack's norm after its last layer
    HeadTransform,   // BERT's MLM dense layer
    HeadNorm,        // BERT's MLM LayerNorm
    Generator,       // the output head over the vocabulary
    Unbound,         // accepted in a file, read by nothing (BERT's decoder.bias, the same numbers as cls.predictions.bias)
};
enum class Part { Weight, Bias };
enum class Stack { None, Encoder, Decoder };

// How the seed initialises a tensor (as PyTorch does).
enum class Init {
    Normal,  // N(0, 1): nn.Embedding
    Xavier,  // U(±√(6 / (fan_in + fan_out))): nn.Transformer._reset_parameters
    FanIn,   // U(±1/√fan_in): nn.Linear's default for its weight and bias
    Ones,    // LayerNorm γ
    Zeros,   // attention biases, LayerNorm β
};

struct TensorRow {
    std::string name;            // as stored, without the family's prefix ("h.0.attn.c_attn.weight")
    std::vector<int64_t> shape;  // as the file stores it
    Slot slot = Slot::Unbound;
    Part part = Part::Weight;
    Stack stack = Stack::None;
    int layer = -1;              // layer rows: the layer's index
    int sublayer = 0;            // Norm: 1, 2, 3; attention slots: 2 for a decoder's cross-attention
    bool required = true;
    bool transposed = false;     // stored (In, Out) (GPT-2's Conv1D): read as (Out, In)
    std::string group;           // optional rows present all together or not at all ("cls.predictions")
    std::string tied_to;         // bound from this tensor when the file lacks the row's own
    Init init = Init::Zeros;
    int64_t fan_in = 0;          // for FanIn
    int64_t fused_query = 0;     // QueryKeyValue: rows of W_Q (the rest split evenly into W_K, W_V); 0: a third
};

using CheckpointLayout = std::vector<TensorRow>;

// Adds the weight and bias rows of one layer's parts with common fields, so a family's table
// reads as a list of names: layout.linear("h.0.mlp.c_fc", Slot::FeedForwardIn, {D, F}).
class LayoutBuilder {
public:
    explicit LayoutBuilder(CheckpointLayout& rows) : rows_(rows) {}
    // Every row added after this belongs to layer `layer` of `stack` (layer −1: none).
    LayoutBuilder& at(Stack stack, int layer = -1, int sublayer = 0);
    TensorRow& add(std::string name, std::vector<int64_t> shape, Slot slot, Part part = Part::Weight);
    // name.weight with `weight_shape` and name.bias (its first stored dimension, or the last when transposed).
    void linear(const std::string& name, Slot slot, std::vector<int64_t> weight_shape, bool transposed = false,
                Init weight_init = Init::Zeros, Init bias_init = Init::Zeros);
    // name.weight (and name.bias unless an RMSNorm, which has none).
    void norm(const std::string& name, Slot slot, int64_t D, int sublayer = 0, bool required = true, bool with_bias = true);

private:
    CheckpointLayout& rows_;
    Stack stack_ = Stack::None;
    int layer_ = -1, sublayer_ = 0;
};

// Checks a state dict (names already without the family's prefix) against the layout: throws
// attn::Error naming the first missing or misshapen tensor, or one with a non-finite value,
// or part of a group; transposes what is stored (In, Out) unless already_transposed says the
// reader did; drops what the layout does not read and returns a warning for each.
// `model` names the model in messages ("this GPT-2 model").
// Tensors kept in BF16 (compact, when given) are checked the same way, and read from there.
std::vector<std::string> adopt_state_dict(const CheckpointLayout& layout, StateDict& weights, bool already_transposed,
                                          const std::string& model, const std::string& unused_reason,
                                          Bf16Dict* compact = nullptr);

// Typed views of an adopted state dict and its BF16 matrices (weights == nullptr: shapes only,
// with every optional row taken as present when optional_present says so).
ModelWeights bind_layout(const CheckpointLayout& layout, const StateDict* weights, bool optional_present,
                         const Bf16Dict* compact = nullptr);

// Whether a row's tensor may be kept in BF16 when the file stores it so: the matrices the
// engine multiplies (or reads a row of), stored as they are read.
bool keeps_bf16(const TensorRow& row);

// Weights initialised from config.seed as PyTorch does (each row's Init); optional rows only
// when with_optional.
StateDict initialise_layout(const CheckpointLayout& layout, uint64_t seed, bool with_optional);

}  // namespace attn
