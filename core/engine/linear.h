// y = x · Wᵀ + b, as torch.nn.Linear (W is stored (Out, In) like PyTorch).
#pragma once

#include "base/types.h"

namespace attn {

// x (T, In), W (Out, In), b (1, Out) -> out (T, Out). out must not alias x.
void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out);

}  // namespace attn
