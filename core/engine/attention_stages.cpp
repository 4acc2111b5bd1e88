#include "engine/attention_stages.h"

#include "base/i18n.h"
#include "engine/derive.h"
#include "engine/positional_encoding.h"

namespace attn {
namespace {

std::string token_label(const std::vector<std::string>* tokens, int64_t i) {
    return tokens && i < static_cast<int64_t>(tokens->size()) ? (*tokens)[static_cast<size_t>(i)] : std::to_string(i);
}

void warn_about_heads(Recorder& record, const AttentionPlace& place, const std::vector<HeadIssues>& heads) {
    for (size_t h = 0; h < heads.size(); ++h) {
        const int lost = heads[h].overflow;
        if (lost)
            record.warn(fill(translate_text("attn", "%1, head %2: some scores overflowed float32 and were clamped"),
                             {place.at.block_path(), std::to_string(h)}) +
                        (lost > 1 ? fill(translate_text("attn", "; %1 could not be computed and were set to 0"), {std::to_string(lost - 1)})
                                  : std::string()));
        for (int64_t row : heads[h].fully_masked)
            record.warn(fill(translate_text("attn", "%1, head %2: query %3 (“%4”) can see no key, every key is "
                                                    "masked; its weights are all 0"),
                             {place.at.block_path(), std::to_string(h), std::to_string(row), token_label(place.query_tokens, row)}));
    }
}

}  // namespace

void record_attention(Recorder& record, const AttentionSpec& spec, const AttentionPlace& place, int64_t T, int64_t S,
                      int64_t D, AttentionResult&& r, const LinearWeights& out) {
    warn_about_heads(record, place, r.heads);
    if (!record.records()) return;
    const int64_t H = spec.nhead, Dk = spec.head_dim > 0 ? spec.head_dim : D / H, H_kv = spec.kv_heads > 0 ? spec.kv_heads : H;
    const int64_t KV = H_kv * Dk, QD = H * Dk;  // K and V; Q and the concatenated heads (D unless head_dim says otherwise)
    const Axis qa = place.query_axis, ka = place.key_axis;
    const bool keep = record.keeps_cheap(), copies = record.keeps_display_copies();
    // A stage's labels, built only when a trace keeps it (see Recorder).
    auto stage = [&place](const char* what, StageKind kind, const char* description, auto formula, std::vector<Axis> axes,
                          std::vector<std::string> operands) {
        return [&place, what, kind, description, formula, axes = std::move(axes), operands = std::move(operands)] {
            const std::string p = place.at.block_path();
            std::vector<std::string> names;
            for (const std::string& o : operands) names.push_back(o.front() == '.' ? p + o : o);  // ".q" is this block's
            return StageInfo{p + "." + what, kind, place.at, description, formula(), axes, std::move(names)};
        };
    };
    auto text = [](const char* s) { return [s] { return std::string(s); }; };

    // 1.–2. Projections (and RoPE).
    record.add(stage("q", StageKind::Query, ATTN_TEXT("queries: what each token is looking for (all heads side by side)"),
                     text("Q = X·W_Qᵀ + b_Q"), {qa, Axis::Feature}, {place.query_input}),
               {T, QD}, r.q);
    const bool grouped = H_kv != H;
    record.add(stage("k", StageKind::Key,
                     grouped ? ATTN_TEXT("keys: what each token offers to be found by (H_kv heads, each shared by a group of query heads)")
                             : ATTN_TEXT("keys: what each token offers to be found by"),
                     text("K = X·W_Kᵀ + b_K"), {ka, Axis::Feature}, {place.key_input}),
               {S, KV}, r.k);
    record.add(stage("v", StageKind::Value,
                     grouped ? ATTN_TEXT("values: what each token passes on when attended to (H_kv heads, shared like the keys)")
                             : ATTN_TEXT("values: what each token passes on when attended to"),
                     text("V = X·W_Vᵀ + b_V"), {ka, Axis::Feature}, {place.key_input}),
               {S, KV}, r.v);
    if (spec.qk_norm) {
        record.add(stage("q_norm", StageKind::QueryNorm,
                         ATTN_TEXT("QK-norm of the queries: each head's d_k features divided by their root mean square, then γ"),
                         text("q̂ = q_h / √(mean(q_h²) + ε) · γ_q"), {qa, Axis::Feature}, {".q"}),
                   {T, QD}, r.q_normed);
        record.add(stage("k_norm", StageKind::KeyNorm,
                         ATTN_TEXT("QK-norm of the keys: each head's d_k features divided by their root mean square, then γ"),
                         text("k̂ = k_h / √(mean(k_h²) + ε) · γ_k"), {ka, Axis::Feature}, {".k"}),
                   {S, KV}, r.k_normed);
    }
    const std::string q_in = spec.qk_norm ? ".q_norm" : ".q", k_in = spec.qk_norm ? ".k_norm" : ".k";
    if (spec.rope) {
        record.add(stage("q_rotated", StageKind::RotatedQuery,
                         ATTN_TEXT("queries after RoPE: each pair of features rotated by position · θ"), text("q'ₚ = R(p·θ)·qₚ"),
                         {qa, Axis::Feature}, {q_in}),
                   {T, QD}, r.q_used);
        record.add(stage("k_rotated", StageKind::RotatedKey,
                         ATTN_TEXT("keys after RoPE: each pair of features rotated by position · θ"), text("k'ₚ = R(p·θ)·kₚ"),
                         {ka, Axis::Feature}, {k_in}),
                   {S, KV}, r.k_used);
    }
    const std::string q_used = spec.rope ? ".q_rotated" : q_in;
    const std::string k_used = spec.rope ? ".k_rotated" : k_in;

    // (T, heads·Dk) -> (heads, T, Dk) copies: cheap, so kept only in small traces; Q's, K's and V's
    // are only shown (the backward pass reads context_heads).
    auto add_heads = [&](auto info, const std::shared_ptr<const Tensor>& whole, int64_t heads, int64_t rows, bool display_only = true) {
        auto derive = [whole, heads] { return split_heads(whole->matrix(), heads); };
        if (display_only) record.add_display_copy(info, {heads, rows, Dk}, derive, copies ? derive() : Tensor());
        else record.add_cheap(info, {heads, rows, Dk}, derive, keep ? derive() : Tensor());
    };
    add_heads(stage("q_heads", StageKind::QueryHeads, ATTN_TEXT("queries split into heads"), text("Q_h = Q[:, h·d_k : (h+1)·d_k]"),
                    {Axis::Head, qa, Axis::HeadFeature}, {q_used}),
              r.q_used, H, T);
    add_heads(stage("k_heads", StageKind::KeyHeads,
                    grouped ? ATTN_TEXT("keys split into H_kv heads: query head h reads key head h / (H / H_kv)")
                            : ATTN_TEXT("keys split into heads"),
                    text("K_h = K[:, h·d_k : (h+1)·d_k]"), {Axis::Head, ka, Axis::HeadFeature}, {k_used}),
              r.k_used, H_kv, S);
    add_heads(stage("v_heads", StageKind::ValueHeads,
                    grouped ? ATTN_TEXT("values split into H_kv heads: query head h reads value head h / (H / H_kv)")
                            : ATTN_TEXT("values split into heads"),
                    text("V_h = V[:, h·d_k : (h+1)·d_k]"), {Axis::Head, ka, Axis::HeadFeature}, {".v"}),
              r.v, H_kv, S);

    // 3.–4. The (H, T, S) stages: the forward pass's own when kept, else recomputed on request.
    const auto in = std::make_shared<const ScoreInputs>(ScoreInputs{r.q_used, r.k_used, H, H_kv, spec.mask, spec.alibi, spec.divisor});
    const std::vector<int64_t> hts{H, T, S};
    auto add_scores = [&](auto info, Tensor& kept, ScoreStage which) {
        record.add_cheap(info, hts, [in, which] { return derive_scores(*in, which); }, std::move(kept),
                         [in, which](int64_t h) { return derive_score_head(*in, which, h); });
    };
    const std::vector<Axis> head_axes{Axis::Head, qa, ka};
    add_scores(stage("scores", StageKind::Scores, ATTN_TEXT("raw scores: how well each query matches each key"),
                     text(grouped ? "scores_h = Q_h·K_{h / (H / H_kv)}ᵀ" : "scores_h = Q_h·K_hᵀ"), head_axes, {q_used, k_used}),
               r.scores, ScoreStage::Scores);
    add_scores(stage("scaled_scores", StageKind::ScaledScores,
                     ATTN_TEXT("scores divided by √d_k so their spread does not grow with the head size"),
                     [Dk] { return "scores_h / √d_k (d_k = " + std::to_string(Dk) + ")"; }, head_axes, {".scores"}),
               r.scaled, ScoreStage::Scaled);
    if (spec.alibi)
        record.add_display_copy(stage("alibi_bias", StageKind::AlibiBias, ATTN_TEXT("ALiBi: a penalty growing with the distance between query and key"),
                               text("bias_h[i, j] = -m_h·|i - j|"), head_axes, {}),
                         hts, [H, T, S] { return alibi_biases(H, T, S); }, copies ? alibi_biases(H, T, S) : Tensor());
    record.add_display_copy(stage("mask", StageKind::Mask, ATTN_TEXT("mask: 0 where the query may look at the key, -∞ where it may not"),
                           text(ATTN_TEXT("0 or -∞")), {qa, ka}, {}),
                     {T, S}, [T, S, in] { return Tensor::from_matrix(attention_mask(T, S, in->mask_options)); },
                     copies ? Tensor::from_matrix(r.mask) : Tensor());
    add_scores(stage("masked_scores", StageKind::MaskedScores, ATTN_TEXT("scaled scores with the mask added: hidden keys become -∞"),
                     text(spec.alibi ? "scores_h / √d_k + bias_h + mask" : "scores_h / √d_k + mask"), head_axes,
                     spec.alibi ? std::vector<std::string>{".scaled_scores", ".alibi_bias", ".mask"}
                                : std::vector<std::string>{".scaled_scores", ".mask"}),
               r.masked, ScoreStage::Masked);
    add_scores(stage("weights", StageKind::AttentionWeights,
                     ATTN_TEXT("attention weights: each row is a probability distribution over the keys"),
                     text(ATTN_TEXT("softmax(masked_scores) over each row")), head_axes, {".masked_scores"}),
               r.weights, ScoreStage::Weights);

    // 4.–5. Contexts and the output projection.
    add_heads(stage("context_heads", StageKind::ContextHeads, ATTN_TEXT("each head's output: the weighted average of its value vectors"),
                    text(grouped ? "context_h = weights_h·V_{h / (H / H_kv)}" : "context_h = weights_h·V_h"),
                    {Axis::Head, qa, Axis::HeadFeature}, {".weights", ".v"}),
              r.context, H, T, false);
    record.add(stage("context", StageKind::Context, ATTN_TEXT("the heads' outputs concatenated side by side"),
                     text("concat(context_0, …, context_{H-1})"), {qa, Axis::Feature}, {".context_heads"}),
               {T, QD}, r.context);
    auto output = stage("output", StageKind::AttentionOutput, ATTN_TEXT("the block's output: heads mixed by the output projection"),
                        text("context·W_Oᵀ + b_O"), {qa, Axis::Feature}, {".context"});
    if (record.derives_cheap()) {  // a big trace projects the kept context again when asked, with the pass's linear()
        record.add_cheap(output, {T, D}, projection_of(record.stage_data(place.at.block_path() + ".context"), out), Tensor());
    } else {
        record.add(output, {T, D}, r.output);
    }
}

}  // namespace attn
