// y = x · Wᵀ + b, as torch.nn.Linear (W is stored (Out, In) like PyTorch).
#pragma once

#include "base/tensor.h"
#include "model/weights.h"

namespace attn {

// x (T, In), W (Out, In), b (1, Out) -> out (T, Out). out must not alias x.
void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out);
// The same with a model's weights, float32 or BF16 (widened a block of rows at a time, exactly,
// and multiplied as float32: the numbers of the float32 copy, without keeping one).
void linear(const ConstMatRef& x, const WeightMatrix& W, const WeightVector& b, MatRef out);

}  // namespace attn

namespace attn {

// Backward of linear. forward: out = x · Wᵀ + b
//   dx  += dout · W          (x (T, In) gets (T, Out)·(Out, In))
//   dW  += doutᵀ · x         (Out, In)
//   db  += Σ_t dout[t]       (1, Out)
// dx may be empty (a leaf that needs no gradient); every output accumulates.
void linear_backward(const ConstMatRef& x, const ConstMatRef& W, const ConstMatRef& dout, Mat* dx, MatRef dW,
                     Eigen::Ref<RowVec> db);

}  // namespace attn
