#include "engine/attention.h"

#include "engine/kernels/kernels.h"
#include "engine/layer_norm.h"
#include "engine/linear.h"
#include "engine/positional_encoding.h"
#include "engine/softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace attn {
namespace {

// Absurd inputs (|x| ~ 1e30) overflow q·k in float, and +∞ + (−∞) gives NaN.
// Those dot products are redone in double and clamped to the float range, so
// the softmax still gets numbers; what cannot be saved (∞ or NaN already in q
// or k) becomes 0 with a warning.
// Returns 0 when nothing overflowed, else 1 + the number of scores lost.
int repair_overflow(const ConstMatRef& q, const ConstMatRef& k, MatRef scores) {
    constexpr double kMax = std::numeric_limits<float>::max();
    int lost = 0;
    bool repaired = false;
    for (Eigen::Index i = 0; i < scores.rows(); ++i)
        for (Eigen::Index j = 0; j < scores.cols(); ++j) {
            if (std::isfinite(scores(i, j))) continue;
            repaired = true;
            double dot = 0;
            for (Eigen::Index d = 0; d < q.cols(); ++d) dot += static_cast<double>(q(i, d)) * static_cast<double>(k(j, d));
            if (std::isnan(dot)) ++lost;
            scores(i, j) = std::isnan(dot) ? 0.0f : static_cast<float>(std::clamp(dot, -kMax, kMax));
        }
    return repaired ? 1 + lost : 0;
}

// One head, row by row while the row is in cache: 1. QKᵀ, 2. / √d_k,
// 3. (+ ALiBi bias) + mask, 4. softmax over the keys. The one place both the
// forward pass and derived stages compute scores, so their numbers agree.
// scaled and masked may be null: the weights then skip storing them, with the
// same operations in the same order (so the same numbers).
HeadIssues attend_head(const ScoreInputs& in, const Mat& mask, const std::vector<double>& slopes, int64_t h, MatRef scores,
                       MatMap* scaled, MatMap* masked, MatRef weights) {
    HeadIssues r;
    const int64_t Dk = in.Dk();
    const auto q_h = in.q->matrix().middleCols(h * Dk, Dk);
    const auto k_h = in.k->matrix().middleCols(in.kv_head_of(h) * Dk, Dk);  // the head's K/V group
    const float divisor = in.score_divisor();
    matmul(q_h, false, k_h, true, scores, false);  // Q_h · K_hᵀ
    // One vectorised sum finds any ∞ or NaN (allFinite() is a scalar loop: a tenth of a GPT-2
    // layer); a finite sum that overflows only costs a needless look.
    if (!std::isfinite(scores.sum())) r.overflow = repair_overflow(q_h, k_h, scores);
    const Mat bias = in.alibi ? alibi_bias(in.T(), in.S(), slopes[static_cast<size_t>(h)], in.mask_options.query_offset) : Mat();
    for (int64_t i = 0; i < in.T(); ++i) {
        const bool some_key_visible =
            attend_row(scores.row(i).data(), divisor, mask.row(i).data(), in.alibi ? bias.row(i).data() : nullptr,
                       scaled ? scaled->row(i).data() : nullptr, masked ? masked->row(i).data() : nullptr, weights.row(i).data(),
                       in.S());
        if (!some_key_visible) r.fully_masked.push_back(i);
    }
    return r;
}

// Head h of the asked-for (H, T, S) stage, recomputed into `out` (T, S).
void derive_head_into(const ScoreInputs& in, ScoreStage which, const Mat& mask, const std::vector<double>& slopes, int64_t h,
                      MatMap out) {
    const int64_t T = in.T(), S = in.S();
    // Scaled and masked scores are stored only when asked for; the weights come out the
    // same either way (attend_head), so the scores and weights stages skip them.
    const bool intermediate = which == ScoreStage::Scaled || which == ScoreStage::Masked;
    Mat scores(T, S), weights(T, S), scaled, masked;
    if (intermediate) scaled.resize(T, S), masked.resize(T, S);
    MatMap scaled_map(scaled.data(), scaled.rows(), scaled.cols()), masked_map(masked.data(), masked.rows(), masked.cols());
    attend_head(in, mask, slopes, h, scores, intermediate ? &scaled_map : nullptr, intermediate ? &masked_map : nullptr, weights);
    const Mat* kept[] = {&scores, &scaled, &masked, &weights};
    out = *kept[static_cast<int>(which)];
}

}  // namespace

// A derived (H, T, S) stage: every head recomputed, the asked-for matrix kept.
Tensor derive_scores(const ScoreInputs& in, ScoreStage which) {
    const int64_t H = in.H, T = in.T(), S = in.S();
    const Mat mask = attention_mask(T, S, in.mask_options);
    const std::vector<double> slopes = in.alibi ? alibi_slopes(H) : std::vector<double>{};
    Tensor out = Tensor::uninitialized({H, T, S});  // every head's slice is written below
#pragma omp parallel for schedule(dynamic)
    for (int64_t h = 0; h < H; ++h) derive_head_into(in, which, mask, slopes, h, out.slice(h));
    return out;
}

Tensor derive_score_head(const ScoreInputs& in, ScoreStage which, int64_t h) {
    const Mat mask = attention_mask(in.T(), in.S(), in.mask_options);
    const std::vector<double> slopes = in.alibi ? alibi_slopes(in.H) : std::vector<double>{};
    Tensor out = Tensor::uninitialized({in.T(), in.S()});
    derive_head_into(in, which, mask, slopes, h, out.matrix());
    return out;
}

Tensor head_rms_norm(const ConstMatRef& x, int64_t Dk, const ConstRowVecMap& gamma, double eps) {
    // Row-major (T, heads·Dk) is (T·heads, Dk) in the same memory: one RMSNorm row per head and token.
    Tensor out = Tensor::uninitialized({x.rows(), x.cols()});
    const ConstMatMap per_head(x.data(), x.rows() * (x.cols() / Dk), Dk);
    MatMap out_per_head(out.data.data(), per_head.rows(), Dk);
    rms_norm(per_head, gamma, eps, out_per_head);
    return out;
}

Tensor split_heads(const ConstMatRef& x, int64_t H) {
    const int64_t Dk = x.cols() / H;
    Tensor heads = Tensor::uninitialized({H, x.rows(), Dk});
    for (int64_t h = 0; h < H; ++h) heads.slice(h) = x.middleCols(h * Dk, Dk);
    return heads;
}

Tensor alibi_biases(int64_t H, int64_t T, int64_t S) {
    const std::vector<double> slopes = alibi_slopes(H);
    Tensor bias({H, T, S});
    for (int64_t h = 0; h < H; ++h) bias.slice(h) = alibi_bias(T, S, slopes[static_cast<size_t>(h)]);
    return bias;
}

namespace {

// x (T, In) -> x · Wᵀ + b (T, Out), as a tensor the trace can share.
std::shared_ptr<Tensor> project(const ConstMatRef& x, const LinearWeights& l) {
    auto out = std::make_shared<Tensor>(Tensor::uninitialized({x.rows(), l.weight.rows}));
    MatMap m = out->matrix();
    linear(x, l.weight, l.bias, m);
    return out;
}

// RoPE rotates q and k by position, so q·k depends on the positions only through i - j.
std::shared_ptr<const Tensor> rotated(const std::shared_ptr<const Tensor>& x, int64_t heads, const AttentionSpec& spec,
                                      int64_t first_position) {
    auto out = std::make_shared<Tensor>(*x);
    MatMap m = out->matrix();
    apply_rope(m, heads, spec.rope_base, first_position, spec.rope_style, spec.rope_scaling);
    return out;
}

std::shared_ptr<const Tensor> normed(const std::shared_ptr<const Tensor>& x, int64_t Dk, const std::optional<WeightVector>& gamma,
                                     double eps) {
    return std::make_shared<const Tensor>(head_rms_norm(x->matrix(), Dk, gamma->map(), eps));
}

// The cached rows, then the new ones: (S + n, D).
std::shared_ptr<const Tensor> appended(const std::shared_ptr<const Tensor>& cached, const Tensor& rows) {
    if (!cached) return std::make_shared<const Tensor>(rows);
    auto out = std::make_shared<Tensor>(Tensor::uninitialized({cached->dim(0) + rows.dim(0), rows.dim(1)}));
    out->matrix().topRows(cached->dim(0)) = cached->matrix();
    out->matrix().bottomRows(rows.dim(0)) = rows.matrix();
    return out;
}

}  // namespace

AttentionResult attention_forward(const AttentionWeights& w, const AttentionSpec& spec, const ConstMatRef& x_q,
                                  const ConstMatRef& x_kv, bool keep_scores, KvLayerCache* cache) {
    const int64_t offset = cache ? cache->length() : 0;  // the new rows' first position
    // Q is as wide as W_Q's rows: H · d_k, which Qwen3's d_k makes wider than the model.
    const int64_t T = x_q.rows(), H = spec.nhead, Dk = w.q.weight.rows / H;
    const int64_t H_kv = spec.kv_heads > 0 ? spec.kv_heads : H;
    AttentionResult r;

    // 1. Projections. 2. QK-norm per head, then RoPE, each row at its position.
    r.q = project(x_q, w.q);
    r.k = project(x_kv, w.k);
    r.v = project(x_kv, w.v);
    r.q_normed = spec.qk_norm ? normed(r.q, Dk, w.q_norm, spec.norm_eps) : r.q;
    r.k_normed = spec.qk_norm ? normed(r.k, Dk, w.k_norm, spec.norm_eps) : r.k;
    r.q_used = spec.rope ? rotated(r.q_normed, H, spec, offset) : r.q_normed;
    r.k_used = spec.rope ? rotated(r.k_normed, H_kv, spec, offset) : r.k_normed;
    MaskOptions mask = spec.mask;
    if (cache) {  // the new keys and values join the cached ones; the queries attend to all of them
        cache->k = appended(cache->k, *r.k_used);
        cache->v = appended(cache->v, *r.v);
        cache->padding.insert(cache->padding.end(), mask.key_padding.begin(), mask.key_padding.end());
        if (mask.key_padding.empty()) cache->padding.resize(static_cast<size_t>(cache->length()), false);
        r.k_used = cache->k;
        r.v = cache->v;
        mask.key_padding = cache->padding;
        mask.query_offset = offset;
    }
    const int64_t S = r.k_used->dim(0);

    // 3.–4. Per head: scores, scale, (bias,) mask, softmax; then the weighted sum of values.
    // Heads are independent: one per core (Eigen's own threading stays off inside). Unless the
    // caller keeps them, the (H, T, S) matrices live in a per-thread scratch buffer.
    const ScoreInputs in{r.q_used, r.k_used, H, H_kv, mask, spec.alibi, spec.divisor};
    r.mask = attention_mask(T, S, mask);
    const std::vector<double> slopes = spec.alibi ? alibi_slopes(H) : std::vector<double>{};
    // Four allocations, not one copied three times, left unwritten: attend_head fills every row
    // (zeroing and copying them was 200 MB of memory traffic per layer at GPT-2's n = 1024).
    if (keep_scores)
        for (Tensor* t : {&r.scores, &r.scaled, &r.masked, &r.weights}) *t = Tensor::uninitialized({H, T, S});
    const ConstMatMap v = r.v->matrix();
    Mat context(T, H * Dk);
    r.heads.resize(static_cast<size_t>(H));
#pragma omp parallel for schedule(dynamic)
    for (int64_t h = 0; h < H; ++h) {
        // Without keeping, one scratch pair per thread: no fresh pages for every head.
        thread_local Mat scratch_scores, scratch_weights;
        if (!keep_scores) {
            scratch_scores.resize(T, S);
            scratch_weights.resize(T, S);
        }
        MatMap scores_h = keep_scores ? r.scores.slice(h) : MatMap(scratch_scores.data(), T, S);
        MatMap weights_h = keep_scores ? r.weights.slice(h) : MatMap(scratch_weights.data(), T, S);
        std::optional<MatMap> scaled_h, masked_h;
        if (keep_scores) scaled_h.emplace(r.scaled.slice(h)), masked_h.emplace(r.masked.slice(h));
        r.heads[static_cast<size_t>(h)] = attend_head(in, r.mask, slopes, h, scores_h, scaled_h ? &*scaled_h : nullptr,
                                                      masked_h ? &*masked_h : nullptr, weights_h);
        Mat context_h(T, Dk);
        matmul(weights_h, false, v.middleCols(in.kv_head_of(h) * Dk, Dk), false, context_h, false);  // weights_h · V_g
        context.middleCols(h * Dk, Dk) = context_h;
    }

    // What a head passes on, changed to see what it does (engine/interventions.h).
    if (!spec.changes.empty()) apply_head_changes(spec.changes, context, Dk);

    // 5. Output projection mixes the heads.
    r.output.resize(T, w.out.weight.rows);
    linear(context, w.out.weight, w.out.bias, r.output);
    r.context = std::make_shared<const Tensor>(Tensor::from_matrix(context));
    return r;
}

}  // namespace attn
