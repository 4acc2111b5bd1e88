// How big a trace will be, known before computing it, so a caller can refuse
// or move work off the GUI thread with the figure in hand.
#pragma once

#include "config.h"

#include <cstdint>

namespace attn {

// Floats the trace of one forward pass keeps: T source (or only) tokens,
// S target tokens (encoder-decoder only); final_norms when the weights have
// encoder.norm / decoder.norm (the seed's weights do for encoder-decoder).
int64_t estimate_trace_floats(const Config& config, int64_t T, int64_t S, bool final_norms);

// Multiply-adds of one forward pass (projections, QKᵀ, weights·V, FFN).
int64_t estimate_forward_flops(const Config& config, int64_t T, int64_t S = 0);

}  // namespace attn
