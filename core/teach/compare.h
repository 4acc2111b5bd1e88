// Compare mode: a stage of the current trace against the same stage of a
// pinned one, element by element.
#pragma once

#include "engine/trace.h"

#include <string>

namespace attn {

struct StageDifference {
    Tensor difference;  // current − pinned, same shape as both
    float max_abs = 0;  // largest |difference| (∞ aside: −∞ − −∞ counts as 0)
};

// Throws attn::Error when either trace lacks the stage or the shapes differ
// ("shapes differ: pinned 6×8, now 7×8").
StageDifference stage_difference(const Trace& current, const Trace& pinned, const std::string& stage);

}  // namespace attn
