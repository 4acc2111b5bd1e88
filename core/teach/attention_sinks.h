// Attention sinks (Xiao et al. 2023, "Efficient Streaming Language Models with Attention Sinks"):
// heads that park most of their weight on the first token, whatever it is, when they have nothing
// better to attend to. The model overview marks them.
#pragma once

#include "base/tensor.h"

#include <vector>

namespace attn {

// Above this mean weight on the first key a head is marked as a sink.
constexpr double kSinkShare = 0.5;

// weights (H, T, S) -> for each head, the mean over its query rows of the weight on key 0.
std::vector<double> first_key_share(const Tensor& weights);
// One head's weights (T, S) -> the same mean (0 when empty).
double first_key_share(const ConstMatRef& head);

}  // namespace attn
