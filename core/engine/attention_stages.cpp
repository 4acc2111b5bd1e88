#include "engine/attention_stages.h"

#include "base/i18n.h"
#include "engine/positional_encoding.h"

namespace attn {
namespace {

std::string token_label(const std::vector<std::string>* tokens, int64_t i) {
    return tokens && i < static_cast<int64_t>(tokens->size()) ? (*tokens)[static_cast<size_t>(i)] : std::to_string(i);
}

void warn_about_heads(Recorder& record, const AttentionPlace& place, const std::vector<HeadIssues>& heads) {
    const std::string p = place.at.block_path();
    for (size_t h = 0; h < heads.size(); ++h) {
        const int lost = heads[h].overflow;
        if (lost)
            record.warn(fill(translate_text("attn", "%1, head %2: some scores overflowed float32 and were clamped"), {p, std::to_string(h)}) +
                        (lost > 1 ? fill(translate_text("attn", "; %1 could not be computed and were set to 0"), {std::to_string(lost - 1)})
                                  : std::string()));
        for (int64_t row : heads[h].fully_masked)
            record.warn(fill(translate_text("attn", "%1, head %2: query %3 (“%4”) can see no key, every key is "
                                                    "masked; its weights are all 0"),
                             {p, std::to_string(h), std::to_string(row), token_label(place.query_tokens, row)}));
    }
}

}  // namespace

void record_attention(Recorder& record, const AttentionSpec& spec, const AttentionPlace& place, int64_t T, int64_t S,
                      int64_t D, AttentionResult&& r) {
    warn_about_heads(record, place, r.heads);
    if (!record.records()) return;
    const std::string p = place.at.block_path();
    const int64_t H = spec.nhead, Dk = D / H;
    const Axis qa = place.query_axis, ka = place.key_axis;
    const bool keep = record.keeps_cheap();
    auto info = [&](const char* what, StageKind kind, const char* description, std::string formula, std::vector<Axis> axes,
                    std::vector<std::string> operands) {
        return StageInfo{p + "." + what, kind, place.at, description, std::move(formula), std::move(axes), std::move(operands)};
    };

    // 1.–2. Projections (and RoPE).
    record.add(info("q", StageKind::Query, ATTN_TEXT("queries: what each token is looking for (all heads side by side)"),
                    "Q = X·W_Qᵀ + b_Q", {qa, Axis::Feature}, {place.query_input}),
               {T, D}, r.q);
    record.add(info("k", StageKind::Key, ATTN_TEXT("keys: what each token offers to be found by"), "K = X·W_Kᵀ + b_K",
                    {ka, Axis::Feature}, {place.key_input}),
               {S, D}, r.k);
    record.add(info("v", StageKind::Value, ATTN_TEXT("values: what each token passes on when attended to"), "V = X·W_Vᵀ + b_V",
                    {ka, Axis::Feature}, {place.key_input}),
               {S, D}, r.v);
    if (spec.rope) {
        record.add(info("q_rotated", StageKind::RotatedQuery,
                        ATTN_TEXT("queries after RoPE: each pair of features rotated by position · θ"), "q'ₚ = R(p·θ)·qₚ",
                        {qa, Axis::Feature}, {p + ".q"}),
                   {T, D}, r.q_used);
        record.add(info("k_rotated", StageKind::RotatedKey,
                        ATTN_TEXT("keys after RoPE: each pair of features rotated by position · θ"), "k'ₚ = R(p·θ)·kₚ",
                        {ka, Axis::Feature}, {p + ".k"}),
                   {S, D}, r.k_used);
    }
    const std::string q_name = spec.rope ? p + ".q_rotated" : p + ".q";
    const std::string k_name = spec.rope ? p + ".k_rotated" : p + ".k";

    // (T, D) -> (H, T, Dk) copies: cheap, so kept only in small traces.
    auto add_heads = [&](StageInfo stage, const std::shared_ptr<const Tensor>& whole, int64_t rows) {
        record.add_cheap(std::move(stage), {H, rows, Dk}, [whole, H] { return split_heads(whole->matrix(), H); },
                         keep ? split_heads(whole->matrix(), H) : Tensor());
    };
    add_heads(info("q_heads", StageKind::QueryHeads, ATTN_TEXT("queries split into heads"), "Q_h = Q[:, h·d_k : (h+1)·d_k]",
                   {Axis::Head, qa, Axis::HeadFeature}, {q_name}),
              r.q_used, T);
    add_heads(info("k_heads", StageKind::KeyHeads, ATTN_TEXT("keys split into heads"), "K_h = K[:, h·d_k : (h+1)·d_k]",
                   {Axis::Head, ka, Axis::HeadFeature}, {k_name}),
              r.k_used, S);
    add_heads(info("v_heads", StageKind::ValueHeads, ATTN_TEXT("values split into heads"), "V_h = V[:, h·d_k : (h+1)·d_k]",
                   {Axis::Head, ka, Axis::HeadFeature}, {p + ".v"}),
              r.v, S);

    // 3.–4. The (H, T, S) stages: the forward pass's own when kept, else recomputed on request.
    const ScoreInputs in{r.q_used, r.k_used, H, spec.mask, spec.alibi};
    const std::vector<int64_t> hts{H, T, S};
    auto add_scores = [&](StageInfo stage, Tensor& kept, ScoreStage which) {
        record.add_cheap(std::move(stage), hts, [in, which] { return derive_scores(in, which); }, std::move(kept));
    };
    const std::vector<Axis> head_axes{Axis::Head, qa, ka};
    add_scores(info("scores", StageKind::Scores, ATTN_TEXT("raw scores: how well each query matches each key"),
                    "scores_h = Q_h·K_hᵀ", head_axes, {q_name, k_name}),
               r.scores, ScoreStage::Scores);
    add_scores(info("scaled_scores", StageKind::ScaledScores,
                    ATTN_TEXT("scores divided by √d_k so their spread does not grow with the head size"),
                    "scores_h / √d_k (d_k = " + std::to_string(Dk) + ")", head_axes, {p + ".scores"}),
               r.scaled, ScoreStage::Scaled);
    if (spec.alibi)
        record.add_cheap(info("alibi_bias", StageKind::AlibiBias,
                              ATTN_TEXT("ALiBi: a penalty growing with the distance between query and key"),
                              "bias_h[i, j] = -m_h·|i - j|", head_axes, {}),
                         hts, [H, T, S] { return alibi_biases(H, T, S); }, keep ? alibi_biases(H, T, S) : Tensor());
    record.add_cheap(info("mask", StageKind::Mask, ATTN_TEXT("mask: 0 where the query may look at the key, -∞ where it may not"),
                          ATTN_TEXT("0 or -∞"), {qa, ka}, {}),
                     {T, S}, [T, S, options = spec.mask] { return Tensor::from_matrix(attention_mask(T, S, options)); },
                     keep ? Tensor::from_matrix(r.mask) : Tensor());
    add_scores(info("masked_scores", StageKind::MaskedScores, ATTN_TEXT("scaled scores with the mask added: hidden keys become -∞"),
                    spec.alibi ? "scores_h / √d_k + bias_h + mask" : "scores_h / √d_k + mask", head_axes,
                    spec.alibi ? std::vector<std::string>{p + ".scaled_scores", p + ".alibi_bias", p + ".mask"}
                               : std::vector<std::string>{p + ".scaled_scores", p + ".mask"}),
               r.masked, ScoreStage::Masked);
    add_scores(info("weights", StageKind::AttentionWeights,
                    ATTN_TEXT("attention weights: each row is a probability distribution over the keys"),
                    ATTN_TEXT("softmax(masked_scores) over each row"), head_axes, {p + ".masked_scores"}),
               r.weights, ScoreStage::Weights);

    // 4.–5. Contexts and the output projection.
    add_heads(info("context_heads", StageKind::ContextHeads, ATTN_TEXT("each head's output: the weighted average of its value vectors"),
                   "context_h = weights_h·V_h", {Axis::Head, qa, Axis::HeadFeature}, {p + ".weights", p + ".v"}),
              r.context, T);
    record.add(info("context", StageKind::Context, ATTN_TEXT("the heads' outputs concatenated side by side"),
                    "concat(context_0, …, context_{H-1})", {qa, Axis::Feature}, {p + ".context_heads"}),
               {T, D}, r.context);
    record.add(info("output", StageKind::AttentionOutput, ATTN_TEXT("the block's output: heads mixed by the output projection"),
                    "context·W_Oᵀ + b_O", {qa, Axis::Feature}, {p + ".context"}),
               {T, D}, r.output);
}

}  // namespace attn
