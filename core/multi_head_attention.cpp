#include "multi_head_attention.h"

#include "i18n.h"

#include "linear.h"
#include "positional_encoding.h"
#include "softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

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

}  // namespace

// What one head turns into: (H, T, S) score-like matrices and the weights.
enum class ScoreStage { Scores, Scaled, Masked, Weights };

// Everything a head's scores depend on, kept by value so derived stages can
// recompute them after the forward pass (q and k shared with the trace).
struct ScoreInputs {
    std::shared_ptr<const Tensor> q, k;  // (T, D), (S, D), after RoPE when used
    int64_t H = 1;
    MaskOptions mask_options;
    bool alibi = false;

    int64_t T() const { return q->dim(0); }
    int64_t S() const { return k->dim(0); }
    int64_t Dk() const { return q->dim(1) / H; }
};

struct HeadResult {
    int overflow = 0;                   // see repair_overflow
    std::vector<int64_t> fully_masked;  // rows with every key hidden
};

// One head, row by row while the row is in cache: 1. QKᵀ, 2. / √d_k,
// 3. (+ ALiBi bias) + mask, 4. softmax over the keys. The one place both the
// forward pass and derived stages compute scores, so their numbers agree.
// scaled and masked may be null: the weights then skip storing them, with the
// same operations in the same order (so the same numbers).
HeadResult attend_head(const ScoreInputs& in, const Mat& mask, const std::vector<double>& slopes, int64_t h, MatRef scores,
                       MatMap* scaled, MatMap* masked, MatRef weights) {
    HeadResult r;
    const int64_t Dk = in.Dk();
    const auto q_h = in.q->matrix().middleCols(h * Dk, Dk);
    const auto k_h = in.k->matrix().middleCols(h * Dk, Dk);
    const float sqrt_dk = std::sqrt(static_cast<float>(Dk));
    scores.noalias() = q_h * k_h.transpose();
    // One vectorised sum finds any ∞ or NaN (allFinite() is a scalar loop: a tenth of a GPT-2
    // layer); a finite sum that overflows only costs a needless look.
    if (!std::isfinite(scores.sum())) r.overflow = repair_overflow(q_h, k_h, scores);
    const Mat bias = in.alibi ? alibi_bias(in.T(), in.S(), slopes[static_cast<size_t>(h)]) : Mat();
    for (int64_t i = 0; i < in.T(); ++i) {
        if (scaled) {
            scaled->row(i) = scores.row(i) / sqrt_dk;
            masked->row(i) = scaled->row(i) + mask.row(i);
            if (in.alibi) masked->row(i) += bias.row(i);
            weights.row(i) = masked->row(i);
        } else {
            weights.row(i) = scores.row(i) / sqrt_dk + mask.row(i);
            if (in.alibi) weights.row(i) += bias.row(i);
        }
        if (!softmax_row(weights.row(i))) r.fully_masked.push_back(i);
    }
    return r;
}

// A derived (H, T, S) stage: every head recomputed, the asked-for matrix kept.
Tensor derive_scores(const ScoreInputs& in, ScoreStage which) {
    const int64_t H = in.H, T = in.T(), S = in.S();
    const Mat mask = attention_mask(T, S, in.mask_options);
    const std::vector<double> slopes = in.alibi ? alibi_slopes(H) : std::vector<double>{};
    Tensor out({H, T, S});
#pragma omp parallel for schedule(dynamic)
    for (int64_t h = 0; h < H; ++h) {
        // Scaled and masked scores are stored only when asked for; the weights come out the
        // same either way (attend_head), so the scores and weights stages skip them.
        const bool intermediate = which == ScoreStage::Scaled || which == ScoreStage::Masked;
        Mat scores(T, S), weights(T, S), scaled, masked;
        if (intermediate) scaled.resize(T, S), masked.resize(T, S);
        MatMap scaled_map(scaled.data(), scaled.rows(), scaled.cols()), masked_map(masked.data(), masked.rows(), masked.cols());
        attend_head(in, mask, slopes, h, scores, intermediate ? &scaled_map : nullptr, intermediate ? &masked_map : nullptr,
                    weights);
        const Mat* kept[] = {&scores, &scaled, &masked, &weights};
        out.slice(h) = *kept[static_cast<int>(which)];
    }
    return out;
}

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
    const ScoreInputs in{trace.find(q_name)->tensor(), trace.find(k_name)->tensor(), H, block.mask, block.alibi};
    const auto v_kept = trace.find(p + ".v")->tensor();
    // (T, D) -> (H, T, Dk) copies: kept, or derived from the (T, D) stage.
    auto add_heads = [&](const std::string& name, const char* description, const char* formula, Axis axis,
                         std::shared_ptr<const Tensor> whole, std::vector<std::string> operands) {
        const std::vector<Axis> axes{Axis::Head, axis, Axis::HeadFeature};
        if (block.derive)
            trace.add_derived(name, description, formula, axes, {H, whole->dim(0), Dk},
                              [whole, H] { return split_heads(whole->matrix(), H); }, std::move(operands));
        else
            trace.add(name, description, formula, axes, split_heads(whole->matrix(), H), std::move(operands));
    };
    add_heads(p + ".q_heads", ATTN_TEXT("queries split into heads"), "Q_h = Q[:, h·d_k : (h+1)·d_k]", qa, in.q, {q_name});
    add_heads(p + ".k_heads", ATTN_TEXT("keys split into heads"), "K_h = K[:, h·d_k : (h+1)·d_k]", ka, in.k, {k_name});
    add_heads(p + ".v_heads", ATTN_TEXT("values split into heads"), "V_h = V[:, h·d_k : (h+1)·d_k]", ka, v_kept, {p + ".v"});

    // 3.–4. Per head: scores, scale, (bias,) mask, softmax; then the weighted sum of values.
    // Heads are independent: one per core (Eigen's own threading stays off inside). A big
    // trace keeps none of the (H, T, S) matrices: each head's live in a scratch buffer.
    const Mat mask = attention_mask(T, S, block.mask);
    const std::vector<double> slopes = block.alibi ? alibi_slopes(H) : std::vector<double>{};
    const std::vector<int64_t> hts{H, T, S};
    Tensor scores, scaled, masked, weights_out;
    if (!block.derive) scores = scaled = masked = weights_out = Tensor(hts);
    Mat context(T, D);
    std::vector<HeadResult> results(static_cast<size_t>(H));
#pragma omp parallel for schedule(dynamic)
    for (int64_t h = 0; h < H; ++h) {
        // A derived trace reuses one scratch pair per thread: no fresh pages for every head.
        thread_local Mat scratch_scores, scratch_weights;
        if (block.derive) {
            scratch_scores.resize(T, S);
            scratch_weights.resize(T, S);
        }
        MatMap scores_h = block.derive ? MatMap(scratch_scores.data(), T, S) : scores.slice(h);
        MatMap weights_h = block.derive ? MatMap(scratch_weights.data(), T, S) : weights_out.slice(h);
        std::optional<MatMap> scaled_h, masked_h;
        if (!block.derive) scaled_h.emplace(scaled.slice(h)), masked_h.emplace(masked.slice(h));
        results[static_cast<size_t>(h)] = attend_head(in, mask, slopes, h, scores_h, scaled_h ? &*scaled_h : nullptr,
                                                      masked_h ? &*masked_h : nullptr, weights_h);
        Mat context_h(T, Dk);
        context_h.noalias() = weights_h * v.middleCols(h * Dk, Dk);
        context.middleCols(h * Dk, Dk) = context_h;
    }
    for (int64_t h = 0; h < H; ++h) {
        const int lost = results[static_cast<size_t>(h)].overflow;
        if (lost)
            trace.warnings.push_back(
                fill(translate_text("attn", "%1, head %2: some scores overflowed float32 and were clamped"), {p, std::to_string(h)}) +
                (lost > 1 ? fill(translate_text("attn", "; %1 could not be computed and were set to 0"), {std::to_string(lost - 1)})
                          : std::string()));
        for (int64_t row : results[static_cast<size_t>(h)].fully_masked)
            trace.warnings.push_back(fill(translate_text("attn", "%1, head %2: query %3 (“%4”) can see no key, every key is "
                                                                "masked; its weights are all 0"),
                                          {p, std::to_string(h), std::to_string(row), token_label(trace, qa, row)}));
    }
    auto add_scores = [&](const std::string& name, const char* description, const std::string& formula, Tensor& kept,
                          ScoreStage which, std::vector<std::string> operands) {
        if (block.derive) trace.add_derived(name, description, formula, {Axis::Head, qa, ka}, hts,
                                            [in, which] { return derive_scores(in, which); }, std::move(operands));
        else trace.add(name, description, formula, {Axis::Head, qa, ka}, std::move(kept), std::move(operands));
    };
    add_scores(p + ".scores", ATTN_TEXT("raw scores: how well each query matches each key"), "scores_h = Q_h·K_hᵀ", scores,
               ScoreStage::Scores, {q_name, k_name});
    add_scores(p + ".scaled_scores", ATTN_TEXT("scores divided by √d_k so their spread does not grow with the head size"),
               "scores_h / √d_k (d_k = " + std::to_string(Dk) + ")", scaled, ScoreStage::Scaled, {p + ".scores"});
    if (block.alibi) {
        auto alibi = [H, T, S, slopes] {
            Tensor bias({H, T, S});
            for (int64_t h = 0; h < H; ++h) bias.slice(h) = alibi_bias(T, S, slopes[static_cast<size_t>(h)]);
            return bias;
        };
        const char* description = ATTN_TEXT("ALiBi: a penalty growing with the distance between query and key");
        if (block.derive) trace.add_derived(p + ".alibi_bias", description, "bias_h[i, j] = -m_h·|i - j|", {Axis::Head, qa, ka}, hts, alibi);
        else trace.add(p + ".alibi_bias", description, "bias_h[i, j] = -m_h·|i - j|", {Axis::Head, qa, ka}, alibi());
    }
    const char* mask_description = ATTN_TEXT("mask: 0 where the query may look at the key, -∞ where it may not");
    if (block.derive)
        trace.add_derived(p + ".mask", mask_description, ATTN_TEXT("0 or -∞"), {qa, ka}, {T, S},
                          [T, S, options = block.mask] { return Tensor::from_matrix(attention_mask(T, S, options)); });
    else
        trace.add(p + ".mask", mask_description, ATTN_TEXT("0 or -∞"), {qa, ka}, mask);
    add_scores(p + ".masked_scores", ATTN_TEXT("scaled scores with the mask added: hidden keys become -∞"),
               block.alibi ? "scores_h / √d_k + bias_h + mask" : "scores_h / √d_k + mask", masked, ScoreStage::Masked,
               block.alibi ? std::vector<std::string>{p + ".scaled_scores", p + ".alibi_bias", p + ".mask"}
                           : std::vector<std::string>{p + ".scaled_scores", p + ".mask"});
    add_scores(p + ".weights", ATTN_TEXT("attention weights: each row is a probability distribution over the keys"),
               ATTN_TEXT("softmax(masked_scores) over each row"), weights_out, ScoreStage::Weights, {p + ".masked_scores"});
    const auto context_kept = std::make_shared<const Tensor>(Tensor::from_matrix(context));
    add_heads(p + ".context_heads", ATTN_TEXT("each head's output: the weighted average of its value vectors"),
              "context_h = weights_h·V_h", qa, context_kept, {p + ".weights", p + ".v"});
    trace.add(p + ".context", ATTN_TEXT("the heads' outputs concatenated side by side"), "concat(context_0, …, context_{H-1})",
              {qa, Axis::Feature}, context_kept, {p + ".context_heads"});

    // 5. Output projection mixes the heads.
    Mat out(T, D);
    linear(context, weight_matrix(weights, p + ".out_proj.weight"), weight_vector(weights, p + ".out_proj.bias"), out);
    trace.add(p + ".output", ATTN_TEXT("the block's output: heads mixed by the output projection"), "context·W_Oᵀ + b_O",
              {qa, Axis::Feature}, out, {p + ".context"});
    return out;
}

}  // namespace attn
