// The position-wise feed-forward network: linear2(activation(linear1(x))).
#pragma once

#include "base/types.h"
#include "model/config.h"
#include "model/weights.h"

#include <memory>

namespace attn {

// In place: relu(x) = max(0, x); exact gelu(x) = x · Φ(x) = 0.5 · x · (1 + erf(x / √2)),
// as torch.nn.functional.gelu with approximate='none'.
void apply_activation(Activation activation, MatRef x);

struct FeedForwardResult {
    std::shared_ptr<const Tensor> hidden;  // (T, F) x·W₁ᵀ + b₁, before the activation
    Mat activated;                         // (T, F)
    Mat output;                            // (T, D) activated·W₂ᵀ + b₂
};

// x (T, D) -> the network's result.
FeedForwardResult feed_forward(const FeedForwardWeights& w, Activation activation, const ConstMatRef& x);

}  // namespace attn
