// Row-wise softmax over keys, numerically stable (the row max is subtracted
// before exp, so logits of ±1e4 are fine).
#pragma once

#include "base/tensor.h"

#include <vector>

namespace attn {

// In place on each row of x (T, S). A row whose entries are all -inf (every
// key masked) has no distribution: it becomes all zeros, and its index is
// returned so the caller can record a warning. PyTorch would give NaN here.
// Scores that overflowed to +∞ share the row's weight equally (the limit of
// softmax), so even absurd inputs give finite weights.
std::vector<int64_t> softmax_rows(MatRef x);

// One row; false when the row was fully masked (and is now all zeros).
bool softmax_row(Eigen::Ref<RowVec> row);

}  // namespace attn

namespace attn {

// Backward of a row softmax p = softmax(s) (p (T, S) as the forward pass left it):
//   ds_ij = p_ij · (dp_ij − Σ_k p_ik · dp_ik)
// Masked entries (p = 0) and fully masked rows (all 0) get 0.
Mat softmax_backward(const ConstMatRef& p, const ConstMatRef& dp);

}  // namespace attn
