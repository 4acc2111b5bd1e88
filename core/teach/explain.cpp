#include "teach/explain.h"
#include "teach/explain_text.h"
#include "teach/explainer.h"

#include "base/i18n.h"
#include "engine/positional_encoding.h"
#include "engine/transformer_layer.h"
#include "base/rng.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace attn {
namespace explain_detail {

using namespace explain_text;

Explainer::Explainer(const Trace& trace, const Model& model, const Stage& stage, int64_t head, int64_t row, int64_t col)
    : trace_(trace), model_(model), stage_(stage), h_(stage.rank() == 3 ? head : 0), i_(row), j_(col) {
    value_ = cell_of(stage, h_, i_, j_);
    const auto& axes = stage.axes;
    const size_t r = axes.size() == 3 ? 1 : 0;
    out_.title = short_name() + "[" +
                 (axes.size() == 3 ? fill(translate_text("attn", "head %1"), {std::to_string(h_)}) + ", " : "") +
                 token(trace, axes[r], i_) + ", " + token(trace, axes[r + 1], j_) + "] = " + fmt(value_);
}

Explanation Explainer::run() {
    switch (stage_.kind) {
        case StageKind::Query:
            projection(0);
            break;
        case StageKind::Key:
            projection(1);
            break;
        case StageKind::Value:
            projection(2);
            break;
        case StageKind::RotatedQuery:
        case StageKind::RotatedKey:
            rotation();
            break;
        case StageKind::QueryHeads:
        case StageKind::KeyHeads:
        case StageKind::ValueHeads:
            head_slice();
            break;
        case StageKind::Scores:
            score();
            break;
        case StageKind::ScaledScores:
            scaled();
            break;
        case StageKind::AlibiBias:
            alibi();
            break;
        case StageKind::Mask:
            mask();
            break;
        case StageKind::MaskedScores:
        case StageKind::Residual:
            sum_of_operands();
            break;
        case StageKind::StackInput:
            model_.config.pe_concat > 0 ? concatenated_input() : sum_of_operands();
            break;
        case StageKind::AttentionWeights:
            softmax();
            head_scores();
            break;
        case StageKind::Probabilities:
            softmax();
            break;
        case StageKind::Logits:
            linear_cell(*weights_.generator);
            break;
        case StageKind::ContextHeads:
            weighted_values();
            break;
        case StageKind::AttentionRollout:
            rollout();
            break;
        case StageKind::Context:
            concat();
            break;
        case StageKind::AttentionOutput:
            linear_cell(attention_weights().out);
            break;
        case StageKind::FfnHidden:
            linear_cell(layer_weights().ffn.linear1);
            break;
        case StageKind::FfnActivation:
            activation();
            break;
        case StageKind::FfnOutput:
            linear_cell(layer_weights().ffn.linear2);
            break;
        case StageKind::LayerNorm:
            layer_norm();
            break;
        case StageKind::RmsNorm:
            rms_norm(norm_weights_at(weights_, stage_.at).weight, model_.config.d_model);
            break;
        case StageKind::QueryNorm:
            rms_norm(*attention_weights().q_norm, head_dim());
            break;
        case StageKind::KeyNorm:
            rms_norm(*attention_weights().k_norm, head_dim());
            break;
        case StageKind::FfnGate:
            linear_cell(*layer_weights().ffn.gate);
            break;
        case StageKind::TokenEmbedding:
            embedding();
            break;
        case StageKind::TokenTypeEmbedding:
            line(fill(translate_text("attn", "row 0 of %1: every token of a single text is of type 0 (segment A)"),
                      {weights_.token_types->name}));
            line(fill(translate_text("attn", "feature %1 = %2"), {std::to_string(j_), fmt(value_)}));
            break;
        case StageKind::HeadTransform:
            linear_cell(weights_.head_transform->dense);
            break;
        case StageKind::PositionalEncoding:
            positional();
            break;
        case StageKind::LayerOutput:
        case StageKind::StackOutput:
        case StageKind::Gradient:
            gradient();
            break;
        case StageKind::KvCache:
            if (stage_.rank() == 3 && !stage_.operands.empty()) {
                head_slice();
                line(translate_text("attn",
                                    "kept in the cache since this token was read: the next token's query meets it "
                                    "without recomputing it"));
            } else {
                copy_of_operand();
            }
            break;
    }
    return std::move(out_);
}

// x_i · W[c] + b[c] with W the block's W_Q, W_K or W_V (rows which·D .. of in_proj_weight).
void Explainer::projection(int which) {
    const Stage& x = operand(0);
    const AttentionWeights& a = attention_weights();
    const LinearWeights& l = which == 0 ? a.q : which == 1 ? a.k : a.v;
    const RowVec w_row = l.weight.row(j_);
    const std::vector<float> w(w_row.data(), w_row.data() + w_row.size());
    const char* letter = which == 0 ? "Q" : which == 1 ? "K" : "V";
    line(std::string(letter) + "[i, c] = x_i · W_" + letter + "[c] + b_" + letter + "[c]   (x = " + x.name + ")");
    line("= " + sum_of_products(row_of(*x.tensor(), 0, i_), w) + " + " + factor(l.bias[j_]));
    line("= " + fmt(value_));
    const int64_t head = j_ / head_dim();
    line(fill(translate_text("attn", "feature %1 belongs to head %2"), {std::to_string(j_), std::to_string(head)}));
    if (which > 0 && grouped()) {
        const int64_t group = model_.config.nhead / model_.config.kv_heads();
        line(fill(translate_text("attn", "grouped-query attention: this K/V head serves query heads %1–%2"),
                  {std::to_string(head * group), std::to_string((head + 1) * group - 1)}));
    }
    highlight(x.name, -1, {i_});
}

void Explainer::linear_cell(const LinearWeights& l) {
    const Stage& x = operand(0);
    const RowVec w_row = l.weight.row(j_);
    const std::vector<float> w(w_row.data(), w_row.data() + w_row.size());
    if (l.bias.data) {
        line("= x_i · W[c] + b[c]   (x = " + x.name + ", W = " + l.weight.name + ")");
        line("= " + sum_of_products(row_of(*x.tensor(), 0, i_), w) + " + " + factor(l.bias[j_]));
    } else {  // GPT-2's LM head has no bias
        line("= x_i · W[c]   (x = " + x.name + ", W = " + l.weight.name + ")");
        line("= " + sum_of_products(row_of(*x.tensor(), 0, i_), w));
    }
    line("= " + fmt(value_));
    highlight(x.name, -1, {i_});
}

void Explainer::rotation() {
    const Stage& x = operand(0);
    const int64_t Dk = head_dim(), within = j_ % Dk;
    // Interleaved: features (2i, 2i+1) form pair i; in halves (Llama's rotate_half): (i, i + Dk/2).
    const bool halves = model_.config.rope_style == RopeStyle::Half;
    const int64_t pair = halves ? within % (Dk / 2) : within / 2;
    const bool second = halves ? within >= Dk / 2 : within % 2 == 1;
    const double theta = rope_frequency(pair, Dk, model_.config.pe_base, model_.config.rope_scaling);
    const double angle = static_cast<double>(i_) * theta;
    const int64_t first = j_ - within + (halves ? pair : 2 * pair), partner = first + (halves ? Dk / 2 : 1);
    const float a = x.tensor()->matrix()(i_, first), b = x.tensor()->matrix()(i_, partner);
    line(fill(translate_text("attn", "RoPE turns the pair (%1, %2) by position × θ"),
              {std::to_string(first), std::to_string(partner)}));
    const double unscaled = rope_frequency(pair, Dk, model_.config.pe_base);
    line("θ = base^(-2·" + std::to_string(pair) + "/" + std::to_string(Dk) + ") = " + fmt(unscaled) +
         (theta != unscaled ? fill(translate_text("attn", ", slowed by rope_scaling to %1"), {fmt(theta)}) : std::string()) +
         ", angle = " + std::to_string(i_) + " × " + fmt(theta) + " = " + fmt(angle) + " rad");
    if (!second)
        line("= x₀·cos − x₁·sin = " + factor(a) + "×" + fmt(std::cos(angle)) + " − " + factor(b) + "×" +
             fmt(std::sin(angle)));
    else
        line("= x₀·sin + x₁·cos = " + factor(a) + "×" + fmt(std::sin(angle)) + " + " + factor(b) + "×" +
             fmt(std::cos(angle)));
    line("= " + fmt(value_));
    highlight(x.name, -1, {i_}, {first, partner});
}

void Explainer::head_slice() {
    const Stage& x = operand(0);
    const int64_t c = h_ * head_dim() + j_;
    line(
        fill(translate_text("attn", "head %1 takes features %2…%3 of %4"),
             {std::to_string(h_), std::to_string(h_ * head_dim()), std::to_string((h_ + 1) * head_dim() - 1), x.name}));
    line("= " + x.name + "[" + std::to_string(i_) + ", " + std::to_string(c) + "] = " + fmt(value_));
    highlight(x.name, -1, {i_}, {c});
}

void Explainer::score() {
    const Stage& q = operand(0);
    const Stage& k = operand(1);
    const int64_t Dk = head_dim(), first = h_ * Dk, key_first = kv_head(h_) * Dk;
    line(fill(translate_text("attn", "score = q_i · k_j over the %2 features of head %1"),
              {std::to_string(h_), std::to_string(Dk)}));
    if (grouped()) {
        const int64_t group = model_.config.nhead / model_.config.kv_heads(), first_query = kv_head(h_) * group;
        line(fill(translate_text(
                      "attn", "grouped-query attention: query head %1 reads key head %2, shared by query heads %3–%4"),
                  {std::to_string(h_), std::to_string(kv_head(h_)), std::to_string(first_query),
                   std::to_string(first_query + group - 1)}));
    }
    line("= " + sum_of_products(row_of(*q.tensor(), 0, i_, first, Dk), row_of(*k.tensor(), 0, j_, key_first, Dk)));
    line("= " + fmt(value_));
    line(translate_text("attn", "large when the query and the key point the same way"));
    std::vector<int64_t> cols, key_cols;
    for (int64_t c = 0; c < Dk; ++c) cols.push_back(first + c), key_cols.push_back(key_first + c);
    highlight(q.name, -1, {i_}, cols);
    highlight(k.name, -1, {j_}, key_cols);
}

void Explainer::scaled() {
    const Stage& s = operand(0);
    const double dk = static_cast<double>(head_dim());
    const float raw = cell_of(s, h_, i_, j_);
    const float divisor = model_.config.score_divisor(stage_.at.layer);
    if (divisor == std::sqrt(static_cast<float>(dk)))
        line("= score / √d_k = " + factor(raw) + " / √" + std::to_string(head_dim()) + " = " + fmt(raw) + " / " +
             fmt(std::sqrt(dk)) + " = " + fmt(value_));
    else  // GPT-2's scale_attn_weights / scale_attn_by_inverse_layer_idx
        line(fill(translate_text("attn",
                                 "= score / %1 (this model's scale: √d_k when scale_attn_weights, × the layer's number "
                                 "+ 1 when scale_attn_by_inverse_layer_idx)"),
                  {fmt(divisor)}) +
             " = " + factor(raw) + " / " + fmt(divisor) + " = " + fmt(value_));
    line(translate_text("attn", "without it, scores grow like √d_k and the softmax saturates"));
    highlight(s.name, h_, {i_}, {j_});
}

void Explainer::alibi() {
    const auto slopes = alibi_slopes(model_.config.nhead);
    const int64_t dist = std::llabs(i_ - j_);
    line("= −m_h · |i − j| = −" + fmt(slopes[static_cast<size_t>(h_)]) + " × " + std::to_string(dist) + " = " +
         fmt(value_));
    line(fill(translate_text("attn", "slope of head %1: m = 2^(−8·%2/%3); farther keys are penalised more"),
              {std::to_string(h_), std::to_string(h_ + 1), std::to_string(model_.config.nhead)}));
}

void Explainer::mask() {
    const Config& c = model_.config;
    const bool hidden = std::isinf(value_);
    line(hidden ? translate_text("attn", "−∞: this key is hidden from this query, so its weight will be exactly 0")
                : translate_text("attn", "0: this key is visible"));
    const bool self = stage_.at.block == BlockKind::SelfAttention;
    const bool causal = self && (stage_.at.stack == StackKind::Decoder || c.causal);
    if (causal && j_ > i_)
        line(fill(translate_text("attn", "causal: key %1 comes after query %2"),
                  {std::to_string(j_), std::to_string(i_)}));
    const int window = self ? c.window_of(stage_.at.layer) : 0;
    if (self && c.sliding_window > 0 && window == 0)
        line(fill(translate_text("attn", "layer %1 is a global layer (one in every %2): it sees the whole sequence, the "
                                         "others only a window of %3"),
                  {std::to_string(stage_.at.layer), std::to_string(c.sliding_window_pattern), std::to_string(c.sliding_window)}));
    if (window > 0 && std::llabs(i_ - j_) >= window) {
        if (j_ < c.sink_tokens)
            line(fill(translate_text("attn", "attention sink: key %1 is one of the first %2 tokens, kept visible beyond the "
                                             "window of %3"),
                      {std::to_string(j_), std::to_string(c.sink_tokens), std::to_string(window)}));
        else
            line(fill(translate_text("attn", "sliding window: |i − j| = %1 ≥ w = %2"),
                      {std::to_string(std::llabs(i_ - j_)), std::to_string(window)}));
    }
    if (self && c.block_size > 0 && i_ / c.block_size != j_ / c.block_size)
        line(fill(translate_text("attn", "block-sparse: query %1 is in block %2, key %3 in block %4 (blocks of %5)"),
                  {std::to_string(i_), std::to_string(i_ / c.block_size), std::to_string(j_),
                   std::to_string(j_ / c.block_size), std::to_string(c.block_size)}));
    const auto& tokens = stage_.axes[1] == Axis::TgtToken ? trace_.tgt_tokens : trace_.src_tokens;
    if (j_ < static_cast<int64_t>(tokens.size()) && tokens[static_cast<size_t>(j_)] == c.pad_token)
        line(fill(translate_text("attn", "padding: key %1 is the pad token %2"), {std::to_string(j_), c.pad_token}));
}

void Explainer::sum_of_operands() {
    std::string terms, values;
    for (size_t k = 0; k < stage_.operands.size(); ++k) {
        const Stage& s = operand(k);
        const float v = cell_of(s, h_, i_, j_);
        terms += (k ? " + " : "") + s.name;
        values += (k ? " + " : "") + factor(v);
        highlight(s.name, s.rank() == 3 ? h_ : -1, {i_}, {j_});
    }
    line("= " + terms);
    line("= " + values + " = " + fmt(value_));
}

// x = E[:, :d−k] ⊕ PE: a cell is copied from one side, nothing is added.
void Explainer::concatenated_input() {
    const int64_t token_features = model_.config.d_model - model_.config.pe_concat;
    const bool token_side = j_ < token_features;
    const Stage& from = operand(token_side ? 0 : 1);
    const int64_t column = token_side ? j_ : j_ - token_features;
    line(fill(translate_text("attn",
                             "concatenated, not added: features 0–%1 come from the token embedding, the last %2 from "
                             "the positional encoding"),
              {std::to_string(token_features - 1), std::to_string(model_.config.pe_concat)}));
    line("= " + from.name + "[" + std::to_string(i_) + ", " + std::to_string(column) + "] = " + fmt(value_));
    highlight(from.name, -1, {i_}, {column});
}

void Explainer::softmax() {
    const Stage& s = operand(0);
    const std::vector<float> logits = row_of(s, h_, i_);
    float max = -INFINITY;
    for (float l : logits) max = std::max(max, l);
    if (std::isinf(max)) {
        line(translate_text("attn", "every key of this row is masked: the row has no distribution, all weights are 0"));
        return;
    }
    double sum = 0;
    for (float l : logits) sum += std::exp(static_cast<double>(l) - max);
    const double e = std::exp(static_cast<double>(logits[static_cast<size_t>(j_)]) - max);
    line(fill(translate_text("attn", "softmax over row %1: subtract the row's max, exponentiate, divide by the sum"),
              {std::to_string(i_)}));
    line("max = " + fmt(max) + ";  e^(s_j − max) = e^(" + fmt(logits[static_cast<size_t>(j_)]) + " − " + fmt(max) +
         ") = " + fmt(e));
    std::string sum_terms;
    for (size_t k = 0; k < logits.size() && k < kMaxTerms + 2; ++k)
        sum_terms += (k ? " + " : "") + (std::isinf(logits[k]) ? std::string("0") : fmt(std::exp(logits[k] - max)));
    if (logits.size() > kMaxTerms + 2) sum_terms += " + …";
    line("Σ = " + sum_terms + " = " + fmt(sum));
    line(std::string(stage_.kind == StageKind::Probabilities ? "probability" : "weight") + " = " + fmt(e) + " / " +
         fmt(sum) + " = " + fmt(value_));
    highlight(s.name, h_, {i_});
}

void Explainer::weighted_values() {
    const Stage& w = operand(0);
    const Stage& v = operand(1);
    const int64_t c = kv_head(h_) * head_dim() + j_;  // the head's (shared) value columns
    const std::vector<float> weights = row_of(w, h_, i_);
    std::vector<float> values;
    std::vector<int64_t> rows;
    for (int64_t k = 0; k < v.dim(0); ++k) {
        values.push_back(v.tensor()->matrix()(k, c));
        rows.push_back(k);
    }
    line(fill(translate_text("attn", "= Σ_j weight[i, j] · v_j[%1]: the values averaged with the attention weights"),
              {std::to_string(c)}));
    line("= " + sum_of_products(weights, values));
    line("= " + fmt(value_));
    highlight(w.name, h_, {i_});
    highlight(v.name, -1, rows, {c});
}

void Explainer::rollout() {
    const Stage& weights = operand(0);
    const auto w = weights.tensor();  // (H, T, T)
    const int64_t H = w->dim(0), T = w->dim(1);
    std::vector<float> mixed(static_cast<size_t>(T));  // row i of Ã = 0.5·mean_h A + 0.5·I, normalised
    float sum = 0;
    for (int64_t k = 0; k < T; ++k) {
        float mean = 0;
        for (int64_t h = 0; h < H; ++h) mean += w->slice(h)(i_, k);
        mixed[static_cast<size_t>(k)] = 0.5f * mean / static_cast<float>(H) + (k == i_ ? 0.5f : 0.0f);
        sum += mixed[static_cast<size_t>(k)];
    }
    for (float& m : mixed) m /= sum;
    line(translate_text("attn", "Ã = 0.5·mean_h A + 0.5·I, rows normalised: the heads averaged, the residual counted as half of "
                                "the layer (Abnar & Zuidema 2020)"));
    if (stage_.operands.size() == 1) {
        line(fill(translate_text("attn", "layer %1 is the first: rollout[i, j] = Ã[i, j]"), {std::to_string(stage_.at.layer)}));
        line("= " + fmt(mixed[static_cast<size_t>(j_)]));
    } else {
        const Stage& previous = operand(1);
        const auto r = previous.tensor();
        std::vector<float> column(static_cast<size_t>(T));
        std::vector<int64_t> rows;
        for (int64_t k = 0; k < T; ++k) column[static_cast<size_t>(k)] = r->matrix()(k, j_), rows.push_back(k);
        line(translate_text("attn", "= Σ_k Ã[i, k] · rollout_{l−1}[k, j]: how much of token k this layer passes to i, times how "
                                    "much of token j had reached k"));
        line("= " + sum_of_products(mixed, column));
        line("= " + fmt(value_));
        highlight(previous.name, -1, rows, {j_});
    }
    highlight(weights.name, h_, {i_});
}

void Explainer::concat() {
    const Stage& heads = operand(0);
    const int64_t head = j_ / head_dim(), within = j_ % head_dim();
    line(fill(translate_text("attn", "feature %1 comes from head %2, its feature %3"),
              {std::to_string(j_), std::to_string(head), std::to_string(within)}));
    line("= context_heads[head " + std::to_string(head) + ", " + std::to_string(i_) + ", " + std::to_string(within) +
         "] = " + fmt(value_));
    highlight(heads.name, head, {i_}, {within});
}

}  // namespace explain_detail

Explanation explain_cell(const Trace& trace, const Model& model, const std::string& name, int64_t head, int64_t row,
                         int64_t col) {
    const Stage* stage = trace.find(name);
    if (!stage) throw Error("the trace has no stage named '" + name + "'");
    const auto t_held = stage->tensor();  // keeps a derived stage alive
    const Tensor& t = *t_held;
    const int64_t rows = t.rank() == 3 ? t.dim(1) : t.dim(0), cols = t.shape.back();
    if (t.rank() == 3 && (head < 0 || head >= t.dim(0)))
        throw Error("head " + std::to_string(head) + " is outside " + name + " (" + std::to_string(t.dim(0)) +
                    " heads)");
    if (row < 0 || row >= rows || col < 0 || col >= cols)
        throw Error("cell [" + std::to_string(row) + ", " + std::to_string(col) + "] is outside " + name + " " +
                    shape_to_string(t.shape));
    return explain_detail::Explainer(trace, model, *stage, head, row, col).run();
}

}  // namespace attn
