// LayerNorm over the features of each token, as torch.nn.LayerNorm:
// (x - mean) / sqrt(var + eps) · weight + bias, with the biased variance;
// and RMSNorm, as Llama's LlamaRMSNorm: x / sqrt(mean(x²) + eps) · weight.
#pragma once

#include "base/tensor.h"

namespace attn {

// x (T, D), weight and bias (1, D) -> out (T, D). out may alias x.
void layer_norm(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, const Eigen::Ref<const RowVec>& bias,
                double eps, MatRef out);
// x (T, D), weight (1, D) -> out (T, D): weight · (x · rsqrt(mean(x²) + eps)). out may alias x.
void rms_norm(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, double eps, MatRef out);

}  // namespace attn

namespace attn {

// Backward of layer_norm for one (T, D) input, with x̂ = (x − mean) / √(var + ε):
//   forward: out = x̂ · γ + β
//   dγ += Σ_t dout ⊙ x̂,   dβ += Σ_t dout
//   dx  = (1/σ) · (g − mean(g) − x̂ · mean(g ⊙ x̂)),  g = dout ⊙ γ   (added to dx)
void layer_norm_backward(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, double eps, const ConstMatRef& dout,
                         MatRef dx, Eigen::Ref<RowVec> dweight, Eigen::Ref<RowVec> dbias);

// Backward of rms_norm, with r = 1/√(mean(x²) + ε):
//   forward: out = γ ⊙ x · r
//   dγ += Σ_t dout ⊙ x · r
//   dx  = r · g − r³ · x · mean(g ⊙ x),  g = dout ⊙ γ   (added to dx)
void rms_norm_backward(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, double eps, const ConstMatRef& dout,
                       MatRef dx, Eigen::Ref<RowVec> dweight);

}  // namespace attn
