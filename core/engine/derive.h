// How a big trace (RecordPolicy::DeriveCheap) recomputes a projection when a view asks: from the
// stage that holds its input, with the very linear() of the pass, so the same bits. These read the
// model's weights: such a trace lives no longer than its model (engine/trace.h).
#pragma once

#include "engine/trace.h"
#include "model/weights.h"

#include <functional>
#include <memory>

namespace attn {

// x · Wᵀ + b over every row of the stage `input` holds (T, Out).
std::function<Tensor()> projection_of(std::shared_ptr<const StageData> input, LinearWeights l);
// Row i alone (Out): the predictions read one row of 1024 × 50 257 logits.
std::function<Tensor(int64_t)> projection_row_of(std::shared_ptr<const StageData> input, LinearWeights l);

}  // namespace attn
