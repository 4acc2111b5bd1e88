// A stage (or one head of it) as data files: CSV with token labels as the
// header row and column, JSON with labels and values. Numbers are written
// with the shortest text that reads back to the same float32, so the files
// hold exactly the trace's values; the same input gives the same bytes.
#pragma once

#include "engine/trace.h"

#include <string>
#include <vector>

namespace attn {

// Labels of a stage axis: tokens for token axes, indices otherwise.
std::vector<std::string> axis_labels(const Trace& trace, Axis axis, int64_t n);

// head: slice of a rank-3 stage (ignored for rank 2). The top-left cell names
// both axes ("query \ key").
std::string stage_csv(const Trace& trace, const Stage& stage, int64_t head);

// head < 0: the whole stage (all heads, nested lists); else that head's slice.
std::string stage_json(const Trace& trace, const Stage& stage, int64_t head);

// The slice as its own tensor (rank 2), or the whole stage when head < 0.
Tensor stage_tensor(const Stage& stage, int64_t head);

// Shortest decimal text that reads back to exactly this float ("0.1", "-1.5e-07").
std::string float_text(float value);

}  // namespace attn
