// LayerNorm over the features of each token, as torch.nn.LayerNorm:
// (x - mean) / sqrt(var + eps) · weight + bias, with the biased variance.
#pragma once

#include "base/types.h"

namespace attn {

// x (T, D), weight and bias (1, D) -> out (T, D). out may alias x.
void layer_norm(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, const Eigen::Ref<const RowVec>& bias,
                double eps, MatRef out);

}  // namespace attn
