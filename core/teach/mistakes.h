// Common mistakes in attention code, each computed on the same input as the
// trace so a lesson can show it beside the correct weights:
//   forgot_scale        softmax(QKᵀ + mask) without dividing by √d_k
//   softmax_wrong_axis  softmax down the columns instead of along the rows
//   mixed_heads         (T, D) reshaped straight to (H, T, d_k), no transpose:
//                       a "head" gets pieces of several tokens and heads
//   mask_after_softmax  softmax first, hidden keys zeroed afterwards
// and the source articles' mistakes (see lesson "Common mistakes"; source_article says where each is):
//   value_in_score      α_ij = softmax_j(q_i·k_j + v_i·k_j / √d_k): a value term in the score, half scaled (003 §3.1)
//   chained_heads       Q⁽²⁾ = W_Q·Q⁽¹⁾: the next "head" projects the previous head's queries
//                       and keys again instead of the layer input (001 §4.1)
//   no_scores           Q → K → V chained linears with no QKᵀ: no token looks at another (004 §4.1's code)
//   elementwise_cross   "cross-attention" as softmax(q/√d) ⊙ v, the key unused: target i meets only
//                       source i (004 §4.2's code)
#pragma once

#include "engine/trace.h"
#include "model/model.h"

#include <string>
#include <vector>

namespace attn {

enum class Mistake { ForgotScale, SoftmaxWrongAxis, MixedHeads, MaskAfterSoftmax, ValueInScore, ChainedHeads, NoScores, ElementwiseCross };

inline const std::vector<Mistake> kAllMistakes = {Mistake::ForgotScale,  Mistake::SoftmaxWrongAxis, Mistake::MixedHeads,
                                                  Mistake::MaskAfterSoftmax, Mistake::ValueInScore,   Mistake::ChainedHeads,
                                                  Mistake::NoScores,     Mistake::ElementwiseCross};
const char* to_string(Mistake m);  // "forgot_scale", …
// The source article (../shared/seeds/00N_*.txt) a mistake is quoted from: 3, 1, 4 or 4 for the
// four articles' mistakes, 0 for the textbook ones. Lesson 12 and the Mistakes view name it.
int source_article(Mistake m);

struct MistakeComparison {
    Mat correct;   // (T, S): the trace's weights of that head
    Mat mistaken;  // (T, S): what the buggy code computes
    // Symptoms in numbers: row sums (1 when correct) and the largest weight.
    std::vector<float> correct_row_sums, mistaken_row_sums;
    float correct_max = 0, mistaken_max = 0;
};

// block: an attention block of the trace, e.g. "encoder.layers.0.self_attn"; model: the one
// that made the trace (chained_heads projects with its weights). Throws attn::Error when the
// trace has no such block or head.
MistakeComparison compare_with_mistake(const Trace& trace, const Model& model, const std::string& block, int64_t head,
                                       Mistake mistake);

// Attention blocks of the trace, in order ("encoder.layers.0.self_attn", …).
std::vector<std::string> attention_blocks(const Trace& trace);

}  // namespace attn
