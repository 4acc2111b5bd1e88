// The position-wise activations of the feed-forward network.
#pragma once

#include "config.h"
#include "types.h"

namespace attn {

// In place: relu(x) = max(0, x); exact gelu(x) = x · Φ(x) = 0.5 · x · (1 + erf(x / √2)),
// as torch.nn.functional.gelu with approximate='none'.
void apply_activation(Activation activation, MatRef x);

}  // namespace attn
