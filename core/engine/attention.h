// One multi-head attention block, as torch.nn.MultiheadAttention:
//   1. q, k, v = x_q · W_Qᵀ + b_Q, x_kv · W_Kᵀ + b_K, x_kv · W_Vᵀ + b_V
//   2. (QK-norm) each head of q, k RMS-normalised; (RoPE) q, k rotated by position
//   3. per head h: scores = Q_h · K_gᵀ, scaled by 1/√Dk, (+ ALiBi bias), + mask
//   4. weights = softmax over keys; context_h = weights · V_g
// where g = h / (H / H_kv) is the K/V head query head h reads (g = h without grouped-query attention).
//   5. heads concatenated, output = context · W_Oᵀ + b_O
// Pure arithmetic: what is kept of it is the recorder's business
// (engine/attention_stages.h).
#pragma once

#include "base/tensor.h"
#include "engine/interventions.h"
#include "engine/masks.h"
#include "model/config.h"
#include "model/weights.h"

#include <cmath>
#include <memory>
#include <vector>

namespace attn {

struct AttentionSpec {
    int64_t nhead = 1;
    int64_t kv_heads = 0;  // 0: nhead
    int64_t head_dim = 0;  // d_k; 0: d_model / nhead
    bool qk_norm = false;  // RMSNorm of each q and k head (the weights' q_norm, k_norm) before RoPE
    double norm_eps = 1e-5;
    bool rope = false;
    bool alibi = false;
    double rope_base = 10000.0;
    RopeStyle rope_style = RopeStyle::Interleaved;
    RopeScaling rope_scaling;
    float divisor = 0;  // scores are divided by this (Config::score_divisor); 0: √Dk
    MaskOptions mask;
    std::vector<HeadIntervention> changes;  // this block's heads knocked out or patched, applied before W_O
};

// What went wrong in one head, for the user: see repair_overflow in attention.cpp.
struct HeadIssues {
    int overflow = 0;                   // 0: none; else 1 + the number of scores that could not be saved
    std::vector<int64_t> fully_masked;  // query rows with every key hidden
};

struct AttentionResult {
    std::shared_ptr<const Tensor> q, k, v;          // (T, D), (S, H_kv·Dk), (S, H_kv·Dk): the projections
    std::shared_ptr<const Tensor> q_normed, k_normed;  // after QK-norm (== q, k without)
    std::shared_ptr<const Tensor> q_used, k_used;   // what the scores read: after QK-norm and RoPE (== q, k without)
    Mat mask;                                       // (T, S) 0 or −∞
    // (H, T, S): filled only when the caller asked to keep them; otherwise each head's
    // live in a scratch buffer and are derived again on request (derive_scores).
    Tensor scores, scaled, masked, weights;
    std::shared_ptr<const Tensor> context;          // (T, D) the heads' outputs side by side
    Mat output;                                     // (T, D)
    std::vector<HeadIssues> heads;
};

// A KV cache of one self-attention: the keys (after RoPE) and values of every token so far.
struct KvLayerCache {
    std::shared_ptr<const Tensor> k, v;  // (S, H_kv·Dk)
    std::vector<bool> padding;           // (S) keys that are padding
    int64_t length() const { return k ? k->dim(0) : 0; }
};

// x_q (T, D), x_kv (S, D) -> the block's result. With a cache (self-attention only), x_q = x_kv
// are the tokens after the cached ones: their keys and values join the cache, and the result's
// k_used, v, scores and weights span every key so far (the mask, RoPE and ALiBi at the rows'
// positions).
AttentionResult attention_forward(const AttentionWeights& w, const AttentionSpec& spec, const ConstMatRef& x_q,
                                  const ConstMatRef& x_kv, bool keep_scores, KvLayerCache* cache = nullptr);

// One (H, T, S) stage recomputed from q and k (after RoPE), with the very code
// the forward pass ran, so derived stages are bit-identical to kept ones.
enum class ScoreStage { Scores, Scaled, Masked, Weights };
struct ScoreInputs {
    std::shared_ptr<const Tensor> q, k;  // (T, D), (S, H_kv·Dk), after RoPE when used
    int64_t H = 1;
    int64_t H_kv = 0;  // 0: H
    MaskOptions mask_options;
    bool alibi = false;
    float divisor = 0;  // 0: √Dk

    int64_t T() const { return q->dim(0); }
    int64_t S() const { return k->dim(0); }
    int64_t Dk() const { return q->dim(1) / H; }
    int64_t kv_heads() const { return H_kv > 0 ? H_kv : H; }
    int64_t kv_head_of(int64_t h) const { return h / (H / kv_heads()); }
    float score_divisor() const { return divisor > 0 ? divisor : std::sqrt(static_cast<float>(Dk())); }
};
Tensor derive_scores(const ScoreInputs& in, ScoreStage which);
// Head h of it alone, (T, S): the same numbers as derive_scores(in, which).slice(h).
Tensor derive_score_head(const ScoreInputs& in, ScoreStage which, int64_t h);

// Query head h's K/V head under grouped-query attention: h / (H / H_kv).
inline int64_t kv_head_of(int64_t h, int64_t H, int64_t H_kv) { return H_kv > 0 ? h / (H / H_kv) : h; }

// QK-norm: RMSNorm over each Dk-wide head of x (T, heads·Dk), with one γ (Dk) for all heads.
Tensor head_rms_norm(const ConstMatRef& x, int64_t Dk, const ConstRowVecMap& gamma, double eps);

// (T, H·Dk) -> (H, T, Dk): head h is columns h·Dk .. (h+1)·Dk - 1.
Tensor split_heads(const ConstMatRef& x, int64_t H);
// (H, T, S) ALiBi biases of every head.
Tensor alibi_biases(int64_t H, int64_t T, int64_t S);

}  // namespace attn
