// What the positional-encoding view shows, for any encoding: a matrix per
// position, a few of its features as curves over positions, and how similar
// two positions look to attention.
//   sinusoidal/learned: the PE table (T, D) and PE·PEᵀ;
//   RoPE: the rotation angle p·θ_i of each pair (T, D/2 per head), and the
//         score between the same vector rotated to positions i and j, which
//         depends only on i - j;
//   ALiBi: every head's slope and the bias -m·|i - j| of the first head;
//   none:  zeros, and the plain dot products of the token embeddings.
#pragma once

#include "model/config.h"
#include "model/model.h"
#include "base/tensor.h"

#include <string>
#include <vector>

namespace attn {

struct PositionalView {
    Mat table;                       // (T, C)
    std::string table_title;         // what its columns are
    std::vector<int> curve_columns;  // columns of table drawn as curves
    bool columns_are_heads = false;  // ALiBi: one column per head (else features of the encoding)
    Mat similarity;                  // (T, T)
    std::string similarity_title;
};

PositionalView positional_view(const Model& model, int64_t T);

}  // namespace attn
