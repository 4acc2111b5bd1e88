// How explanations write numbers, sums and tokens (teach/explain.cpp).
#pragma once

#include "base/tensor.h"
#include "engine/trace.h"

#include <string>
#include <vector>

namespace attn::explain_text {

inline constexpr int kMaxTerms = 4;  // terms of a sum written out before "…"

std::string fmt(double v);  // format_number (teach/explain.h)
// A factor in a product: negative numbers in parentheses.
std::string factor(double v);
// A cell of a rank-2 stage, or of head `head` of a rank-3 one.
float at(const Tensor& t, int64_t head, int64_t i, int64_t j);
// "(a×b + c×d + … 8 terms)" for Σ a_k·b_k.
std::string sum_of_products(const std::vector<float>& a, const std::vector<float>& b);
// Columns [first, first + count) of row i (count −1: to the end).
std::vector<float> row_of(const Tensor& t, int64_t head, int64_t i, int64_t first = 0, int64_t count = -1);
// Row i (of head `head` when the stage has heads) of a stage: a derived rank-2 stage (a big
// trace's logits) computes that row alone instead of the whole stage.
std::vector<float> row_of(const Stage& s, int64_t head, int64_t i);
// Cell (i, j) (of head `head` when the stage has heads), read the same way.
float cell_of(const Stage& s, int64_t head, int64_t i, int64_t j);
// "2 \"cat\"": a row or column of the axis, with its token when it has one.
std::string token(const Trace& trace, Axis axis, int64_t i);

}  // namespace attn::explain_text
