// A model's weights as the forward pass reads them: typed views into the
// checkpoint's tensors, bound once per pass by the checkpoint's adapter (for
// nn.Transformer state_dicts, model/checkpoint_torch.h). Stage code takes these
// views and never looks a tensor up by name; the names kept here are for
// explanations only ("W = encoder.layers.0.linear1.weight").
//
// Every matrix is nn.Linear's layout, (Out, In): y = x · Wᵀ + b. An adapter for
// a format that stores (In, Out) (GPT-2's Conv1D) binds transposed copies.
#pragma once

#include "base/tensor.h"

#include <cassert>
#include <optional>
#include <string>
#include <vector>

namespace attn {

// A view of rows × cols numbers, row-major: float32 at data, or BF16 at bf16 (an imported
// model's matrices kept as the checkpoint stores them, model/model.h); both are null in a
// shapes-only binding. engine/linear.h multiplies either; readers of single rows use row().
struct WeightMatrix {
    const float* data = nullptr;
    int64_t rows = 0, cols = 0;
    std::string name;  // the checkpoint's name of the tensor it lies in
    const uint16_t* bf16 = nullptr;

    // The float32 numbers in place; a BF16 matrix has none (widen it with dense() or row()).
    ConstMatMap map() const {
        assert(!bf16 && "a BF16 matrix is read through row(), dense() or linear()");
        return ConstMatMap(data, rows, cols);
    }
    bool is_bf16() const { return bf16 != nullptr; }
    RowVec row(int64_t i) const;
    Mat dense() const;  // a float32 copy (small matrices: W_O, a head's block)
    // Rows [first, first + count) as float32 into out (count × cols).
    void widen_rows(int64_t first, int64_t count, float* out) const;
};

struct WeightVector {
    const float* data = nullptr;
    int64_t size = 0;
    std::string name;
    ConstRowVecMap map() const { return ConstRowVecMap(data, size); }
    float operator[](int64_t i) const { return data[i]; }
};

struct LinearWeights {  // y = x · Wᵀ + b
    WeightMatrix weight;  // (Out, In)
    WeightVector bias;    // (Out)
};

struct AttentionWeights {
    LinearWeights q;        // (D, D)
    LinearWeights k, v;     // (H_kv·Dk, D): fewer rows than q under grouped-query attention
    LinearWeights out;      // W_O (D, D)
    std::optional<WeightVector> q_norm, k_norm;  // (Dk) QK-norm's γ, shared by every head
};

struct NormWeights {  // LayerNorm's γ and β (D); RMSNorm's γ (β empty)
    WeightVector weight, bias;
};

struct FeedForwardWeights {
    LinearWeights linear1;  // (F, D) (SwiGLU's up)
    LinearWeights linear2;  // (D, F) (SwiGLU's down)
    std::optional<LinearWeights> gate;  // (F, D) SwiGLU's gate
};

struct LayerWeights {
    AttentionWeights self_attn;
    std::optional<AttentionWeights> cross_attn;  // decoder of an encoder-decoder model
    FeedForwardWeights ffn;
    std::vector<NormWeights> norms;  // norm1, norm2 (, norm3): one per sub-layer, in order
};

struct StackWeights {
    std::vector<LayerWeights> layers;
    std::optional<NormWeights> final_norm;  // applied after the last layer when present
};

// BERT's MLM head before its decoder: dense, activation, LayerNorm.
struct HeadTransformWeights {
    LinearWeights dense;  // (D, D)
    NormWeights norm;
};

struct ModelWeights {
    std::optional<WeightMatrix> token_embedding;  // (V, D) rows of the vocab, when the model has one
    std::optional<WeightMatrix> positions;        // (max_len, D) learned positional embedding
    std::optional<WeightMatrix> token_types;      // (types, D) BERT's segment embeddings; every token is type 0
    std::optional<NormWeights> embedding_norm;    // BERT's LayerNorm of the summed embeddings
    StackWeights encoder, decoder;
    // The output head over the vocabulary: generator (V, D) and its bias, or with tied
    // embeddings embedding.weight as the matrix.
    std::optional<LinearWeights> generator;
    std::optional<HeadTransformWeights> head_transform;  // BERT's MLM transform, before the generator
};

}  // namespace attn
