// Common mistakes in attention code, each computed on the same input as the
// trace so a lesson can show it beside the correct weights:
//   forgot_scale        softmax(QKᵀ + mask) without dividing by √d_k
//   softmax_wrong_axis  softmax down the columns instead of along the rows
//   mixed_heads         (T, D) reshaped straight to (H, T, d_k), no transpose:
//                       a "head" gets pieces of several tokens and heads
//   mask_after_softmax  softmax first, hidden keys zeroed afterwards
#pragma once

#include "engine/trace.h"

#include <string>
#include <vector>

namespace attn {

enum class Mistake { ForgotScale, SoftmaxWrongAxis, MixedHeads, MaskAfterSoftmax };

inline const std::vector<Mistake> kAllMistakes = {Mistake::ForgotScale, Mistake::SoftmaxWrongAxis, Mistake::MixedHeads,
                                                  Mistake::MaskAfterSoftmax};
const char* to_string(Mistake m);  // "forgot_scale", …

struct MistakeComparison {
    Mat correct;   // (T, S): the trace's weights of that head
    Mat mistaken;  // (T, S): what the buggy code computes
    // Symptoms in numbers: row sums (1 when correct) and the largest weight.
    std::vector<float> correct_row_sums, mistaken_row_sums;
    float correct_max = 0, mistaken_max = 0;
};

// block: an attention block of the trace, e.g. "encoder.layers.0.self_attn".
// Throws attn::Error when the trace has no such block or head.
MistakeComparison compare_with_mistake(const Trace& trace, const std::string& block, int64_t head, Mistake mistake);

// Attention blocks of the trace, in order ("encoder.layers.0.self_attn", …).
std::vector<std::string> attention_blocks(const Trace& trace);

}  // namespace attn
