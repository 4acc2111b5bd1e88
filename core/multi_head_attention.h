// One multi-head attention block, as torch.nn.MultiheadAttention, recording
// every step in the trace under its prefix (e.g. "encoder.layers.0.self_attn"):
//   1. q, k, v = x_q · W_Qᵀ + b_Q, x_kv · W_Kᵀ + b_K, x_kv · W_Vᵀ + b_V   (W's from in_proj_weight)
//   2. (RoPE) q, k rotated by position
//   3. per head h: scores = Q_h · K_hᵀ, scaled by 1/√Dk, (ALiBi bias), + mask
//   4. weights = softmax over keys; context_h = weights · V_h
//   5. heads concatenated, output = context · W_Oᵀ + b_O
#pragma once

#include "masks.h"
#include "state_dict.h"
#include "trace.h"
#include "types.h"

#include <string>

namespace attn {

struct AttentionBlock {
    std::string prefix;       // both the trace prefix and the state-dict prefix
    std::string query_input;  // trace stage the queries are projected from
    std::string key_input;    // trace stage the keys and values are projected from
    int64_t nhead = 1;
    Axis query_axis = Axis::SrcToken;
    Axis key_axis = Axis::SrcToken;
    bool rope = false;
    bool alibi = false;
    double rope_base = 10000.0;
    MaskOptions mask;
    // Big traces: keep none of the (H, T, S) matrices nor the per-head copies;
    // they are derived when asked for (see StageData in trace.h).
    bool derive = false;
};

// x_q (T, D), x_kv (S, D) -> output (T, D).
Mat multi_head_attention(Trace& trace, const StateDict& weights, const AttentionBlock& block, const ConstMatRef& x_q,
                         const ConstMatRef& x_kv);

}  // namespace attn
