// The training loss: PyTorch's cross_entropy of logits against labels.
#pragma once

#include "base/tensor.h"

#include <vector>

namespace attn {

inline constexpr int64_t kIgnoreLabel = -100;  // as torch.nn.functional.cross_entropy's ignore_index

struct LossResult {
    double loss = 0;   // mean over the positions whose label is not −100 (0 when there are none)
    Mat dlogits;       // (T, V) dL/dlogits
    int64_t counted = 0;
};

// logits (T, V), labels (T) in [0, V) or −100. Throws attn::Error for a label out of range or
// the wrong count. `scale` multiplies the gradient (a batch mean over several sequences).
LossResult cross_entropy(const ConstMatRef& logits, const std::vector<int64_t>& labels, double scale = 1.0);

}  // namespace attn
