#include "multi_head_attention.h"

#include "i18n.h"

#include "linear.h"
#include "positional_encoding.h"
#include "softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {
namespace {

// (T, H·Dk) -> (H, T, Dk): head h is columns h·Dk .. (h+1)·Dk - 1.
Tensor split_heads(const ConstMatRef& x, int64_t H) {
    const int64_t Dk = x.cols() / H;
    Tensor heads({H, x.rows(), Dk});
    for (int64_t h = 0; h < H; ++h) heads.slice(h) = x.middleCols(h * Dk, Dk);
    return heads;
}

std::string token_label(const Trace& trace, Axis axis, int64_t i) {
    const auto& tokens = axis == Axis::TgtToken ? trace.tgt_tokens : trace.src_tokens;
    return i < static_cast<int64_t>(tokens.size()) ? tokens[static_cast<size_t>(i)] : std::to_string(i);
}

// Absurd inputs (|x| ~ 1e30) overflow q·k in float, and +∞ + (−∞) gives NaN.
// Those dot products are redone in double and clamped to the float range, so
// the softmax still gets numbers; what cannot be saved (∞ or NaN already in q
// or k) becomes 0 with a warning.
// Returns 0 when nothing overflowed, else 1 + the number of scores lost.
int repair_overflow(const ConstMatRef& q, const ConstMatRef& k, MatRef scores) {
    constexpr double kMax = std::numeric_limits<float>::max();
    int lost = 0;
    for (Eigen::Index i = 0; i < scores.rows(); ++i)
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            if (std::isfinite(scores(i, j))) continue;
            double dot = 0;
            for (Eigen::Index d = 0; d < q.cols(); ++d) dot += static_cast<double>(q(i, d)) * static_cast<double>(k(j, d));
            if (std::isnan(dot)) ++lost;
            scores(i, j) = std::isnan(dot) ? 0.0f : static_cast<float>(std::clamp(dot, -kMax, kMax));
        }
    return 1 + lost;
}

}  // namespace

Mat multi_head_attention(Trace& trace, const StateDict& weights, const AttentionBlock& block, const ConstMatRef& x_q,
                         const ConstMatRef& x_kv) {
    const std::string& p = block.prefix;
    const int64_t T = x_q.rows(), S = x_kv.rows(), D = x_q.cols(), H = block.nhead, Dk = D / H;
    const Axis qa = block.query_axis, ka = block.key_axis;

    // 1. Projections: in_proj_weight stacks W_Q, W_K, W_V (3D, D).
    const auto W_in = weight_matrix(weights, p + ".in_proj_weight");
    const auto b_in = weight_vector(weights, p + ".in_proj_bias");
    Mat q(T, D), k(S, D), v(S, D);
    linear(x_q, W_in.topRows(D), b_in.head(D), q);
    linear(x_kv, W_in.middleRows(D, D), b_in.segment(D, D), k);
    linear(x_kv, W_in.bottomRows(D), b_in.tail(D), v);
    trace.add(p + ".q", ATTN_TEXT("queries: what each token is looking for (all heads side by side)"), "Q = X·W_Qᵀ + b_Q",
              {qa, Axis::Feature}, q, {block.query_input});
    trace.add(p + ".k", ATTN_TEXT("keys: what each token offers to be found by"), "K = X·W_Kᵀ + b_K", {ka, Axis::Feature}, k,
              {block.key_input});
    trace.add(p + ".v", ATTN_TEXT("values: what each token passes on when attended to"), "V = X·W_Vᵀ + b_V",
              {ka, Axis::Feature}, v, {block.key_input});

    // 2. RoPE rotates q and k by position, so q·k depends on the distance i - j.
    if (block.rope) {
        apply_rope(q, H, block.rope_base);
        apply_rope(k, H, block.rope_base);
        trace.add(p + ".q_rotated", ATTN_TEXT("queries after RoPE: each pair of features rotated by position · θ"),
                  "q'ₚ = R(p·θ)·qₚ", {qa, Axis::Feature}, q, {p + ".q"});
        trace.add(p + ".k_rotated", ATTN_TEXT("keys after RoPE: each pair of features rotated by position · θ"),
                  "k'ₚ = R(p·θ)·kₚ", {ka, Axis::Feature}, k, {p + ".k"});
    }
    const std::string q_name = block.rope ? p + ".q_rotated" : p + ".q";
    const std::string k_name = block.rope ? p + ".k_rotated" : p + ".k";
    trace.add(p + ".q_heads", ATTN_TEXT("queries split into heads"), "Q_h = Q[:, h·d_k : (h+1)·d_k]",
              {Axis::Head, qa, Axis::HeadFeature}, split_heads(q, H), {q_name});
    trace.add(p + ".k_heads", ATTN_TEXT("keys split into heads"), "K_h = K[:, h·d_k : (h+1)·d_k]",
              {Axis::Head, ka, Axis::HeadFeature}, split_heads(k, H), {k_name});
    trace.add(p + ".v_heads", ATTN_TEXT("values split into heads"), "V_h = V[:, h·d_k : (h+1)·d_k]",
              {Axis::Head, ka, Axis::HeadFeature}, split_heads(v, H), {p + ".v"});

    // 3. Scores per head, then scale, position bias and mask.
    const Mat mask = attention_mask(T, S, block.mask);
    const float sqrt_dk = std::sqrt(static_cast<float>(Dk));
    const std::vector<double> slopes = block.alibi ? alibi_slopes(H) : std::vector<double>{};
    Tensor scores({H, T, S}), scaled({H, T, S}), masked({H, T, S}), weights_out({H, T, S});
    Tensor bias = block.alibi ? Tensor({H, T, S}) : Tensor();
    Tensor context_heads({H, T, Dk});
    Mat context(T, D);
    // Heads are independent: one per core (Eigen's own threading stays off inside).
    std::vector<std::vector<int64_t>> fully_masked(static_cast<size_t>(H));
    std::vector<int> overflowed(static_cast<size_t>(H), 0);
#pragma omp parallel for schedule(dynamic)
    for (int64_t h = 0; h < H; ++h) {
        const auto q_h = q.middleCols(h * Dk, Dk);
        const auto k_h = k.middleCols(h * Dk, Dk);
        scores.slice(h).noalias() = q_h * k_h.transpose();
        if (!scores.slice(h).allFinite()) overflowed[static_cast<size_t>(h)] = repair_overflow(q_h, k_h, scores.slice(h));
        if (block.alibi) bias.slice(h) = alibi_bias(T, S, slopes[static_cast<size_t>(h)]);
        // Row by row while the row is in cache: scale, (bias,) mask, then 4. softmax over keys.
        MatMap scores_h = scores.slice(h), scaled_h = scaled.slice(h), masked_h = masked.slice(h),
                     weights_h = weights_out.slice(h);
        for (int64_t i = 0; i < T; ++i) {
            scaled_h.row(i) = scores_h.row(i) / sqrt_dk;
            masked_h.row(i) = scaled_h.row(i) + mask.row(i);
            if (block.alibi) masked_h.row(i) += bias.slice(h).row(i);
            weights_h.row(i) = masked_h.row(i);
            if (!softmax_row(weights_h.row(i))) fully_masked[static_cast<size_t>(h)].push_back(i);
        }
        // The weighted sum of values.
        context_heads.slice(h).noalias() = weights_out.slice(h) * v.middleCols(h * Dk, Dk);
        context.middleCols(h * Dk, Dk) = context_heads.slice(h);
    }
    for (int64_t h = 0; h < H; ++h) {
        const int lost = overflowed[static_cast<size_t>(h)];
        if (lost)
            trace.warnings.push_back(
                fill(translate_text("attn", "%1, head %2: some scores overflowed float32 and were clamped"), {p, std::to_string(h)}) +
                (lost > 1 ? fill(translate_text("attn", "; %1 could not be computed and were set to 0"), {std::to_string(lost - 1)})
                          : std::string()));
        for (int64_t row : fully_masked[static_cast<size_t>(h)])
            trace.warnings.push_back(fill(translate_text("attn", "%1, head %2: query %3 (“%4”) can see no key, every key is "
                                                                "masked; its weights are all 0"),
                                          {p, std::to_string(h), std::to_string(row), token_label(trace, qa, row)}));
    }
    trace.add(p + ".scores", ATTN_TEXT("raw scores: how well each query matches each key"), "scores_h = Q_h·K_hᵀ",
              {Axis::Head, qa, ka}, std::move(scores), {q_name, k_name});
    trace.add(p + ".scaled_scores", ATTN_TEXT("scores divided by √d_k so their spread does not grow with the head size"),
              "scores_h / √d_k (d_k = " + std::to_string(Dk) + ")", {Axis::Head, qa, ka}, std::move(scaled),
              {p + ".scores"});
    if (block.alibi)
        trace.add(p + ".alibi_bias", ATTN_TEXT("ALiBi: a penalty growing with the distance between query and key"),
                  "bias_h[i, j] = -m_h·|i - j|", {Axis::Head, qa, ka}, std::move(bias));
    trace.add(p + ".mask", ATTN_TEXT("mask: 0 where the query may look at the key, -∞ where it may not"),
              ATTN_TEXT("0 or -∞"), {qa, ka}, mask);
    trace.add(p + ".masked_scores", ATTN_TEXT("scaled scores with the mask added: hidden keys become -∞"),
              block.alibi ? "scores_h / √d_k + bias_h + mask" : "scores_h / √d_k + mask", {Axis::Head, qa, ka},
              std::move(masked),
              block.alibi ? std::vector<std::string>{p + ".scaled_scores", p + ".alibi_bias", p + ".mask"}
                          : std::vector<std::string>{p + ".scaled_scores", p + ".mask"});
    trace.add(p + ".weights", ATTN_TEXT("attention weights: each row is a probability distribution over the keys"),
              ATTN_TEXT("softmax(masked_scores) over each row"), {Axis::Head, qa, ka}, std::move(weights_out),
              {p + ".masked_scores"});
    trace.add(p + ".context_heads", ATTN_TEXT("each head's output: the weighted average of its value vectors"),
              "context_h = weights_h·V_h", {Axis::Head, qa, Axis::HeadFeature}, std::move(context_heads),
              {p + ".weights", p + ".v"});
    trace.add(p + ".context", ATTN_TEXT("the heads' outputs concatenated side by side"), "concat(context_0, …, context_{H-1})",
              {qa, Axis::Feature}, context, {p + ".context_heads"});

    // 5. Output projection mixes the heads.
    Mat out(T, D);
    linear(context, weight_matrix(weights, p + ".out_proj.weight"), weight_vector(weights, p + ".out_proj.bias"), out);
    trace.add(p + ".output", ATTN_TEXT("the block's output: heads mixed by the output projection"), "context·W_Oᵀ + b_O",
              {qa, Axis::Feature}, out, {p + ".context"});
    return out;
}

}  // namespace attn
