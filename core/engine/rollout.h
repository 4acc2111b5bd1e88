// Attention rollout (Abnar & Zuidema 2020, "Quantifying Attention Flow in Transformers"): how
// much of each input token reaches each position through the layers so far, with the residual
// counted as half of every layer:
//   Ã_l = 0.5 · mean_h A_l + 0.5 · I, each row normalised to sum 1
//   R_0 = Ã_0,  R_l = Ã_l · R_{l−1}
// Only self-attention enters it (cross-attention mixes in the other sequence).
#pragma once

#include "base/tensor.h"

namespace attn {

// weights (H, T, T) of layer l, previous = R_{l−1} (null for the first layer) -> R_l (T, T).
Mat rollout_step(const Tensor& weights, const Mat* previous);

}  // namespace attn
