#include "teach/explain.h"
#include "teach/explain_text.h"

#include "base/i18n.h"
#include "engine/positional_encoding.h"
#include "engine/transformer_layer.h"
#include "base/rng.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace attn {
namespace {

using namespace explain_text;

class Explainer {
public:
    Explainer(const Trace& trace, const Model& model, const Stage& stage, int64_t head, int64_t row, int64_t col)
        : trace_(trace), model_(model), stage_(stage), h_(stage.rank() == 3 ? head : 0), i_(row), j_(col) {
        value_ = at(*stage.tensor(), h_, i_, j_);
        const auto& axes = stage.axes;
        const size_t r = axes.size() == 3 ? 1 : 0;
        out_.title = short_name() + "[" + (axes.size() == 3 ? fill(translate_text("attn", "head %1"), {std::to_string(h_)}) + ", " : "") +
                     token(trace, axes[r], i_) + ", " + token(trace, axes[r + 1], j_) + "] = " + fmt(value_);
    }

    Explanation run() {
        switch (stage_.kind) {
            case StageKind::Query: projection(0); break;
            case StageKind::Key: projection(1); break;
            case StageKind::Value: projection(2); break;
            case StageKind::RotatedQuery:
            case StageKind::RotatedKey: rotation(); break;
            case StageKind::QueryHeads:
            case StageKind::KeyHeads:
            case StageKind::ValueHeads: head_slice(); break;
            case StageKind::Scores: score(); break;
            case StageKind::ScaledScores: scaled(); break;
            case StageKind::AlibiBias: alibi(); break;
            case StageKind::Mask: mask(); break;
            case StageKind::MaskedScores:
            case StageKind::Residual: sum_of_operands(); break;
            case StageKind::StackInput: model_.config.pe_concat > 0 ? concatenated_input() : sum_of_operands(); break;
            case StageKind::AttentionWeights:
            case StageKind::Probabilities: softmax(); break;
            case StageKind::Logits: linear_cell(*weights_.generator); break;
            case StageKind::ContextHeads: weighted_values(); break;
            case StageKind::Context: concat(); break;
            case StageKind::AttentionOutput: linear_cell(attention_weights().out); break;
            case StageKind::FfnHidden: linear_cell(layer_weights().ffn.linear1); break;
            case StageKind::FfnActivation: activation(); break;
            case StageKind::FfnOutput: linear_cell(layer_weights().ffn.linear2); break;
            case StageKind::LayerNorm: layer_norm(); break;
            case StageKind::RmsNorm: rms_norm(norm_weights_at(weights_, stage_.at).weight, model_.config.d_model); break;
            case StageKind::QueryNorm: rms_norm(*attention_weights().q_norm, head_dim()); break;
            case StageKind::KeyNorm: rms_norm(*attention_weights().k_norm, head_dim()); break;
            case StageKind::FfnGate: linear_cell(*layer_weights().ffn.gate); break;
            case StageKind::TokenEmbedding: embedding(); break;
            case StageKind::TokenTypeEmbedding:
                line(fill(translate_text("attn", "row 0 of %1: every token of a single text is of type 0 (segment A)"),
                          {weights_.token_types->name}));
                line(fill(translate_text("attn", "feature %1 = %2"), {std::to_string(j_), fmt(value_)}));
                break;
            case StageKind::HeadTransform: linear_cell(weights_.head_transform->dense); break;
            case StageKind::PositionalEncoding: positional(); break;
            case StageKind::LayerOutput:
            case StageKind::StackOutput:
            case StageKind::Gradient: gradient(); break;
            case StageKind::KvCache:
                if (stage_.rank() == 3 && !stage_.operands.empty()) {
                    head_slice();
                    line(translate_text("attn", "kept in the cache since this token was read: the next token's query meets it without recomputing it"));
                } else {
                    copy_of_operand();
                }
                break;
        }
        return std::move(out_);
    }

private:
    std::string short_name() const {
        const auto dot = stage_.name.rfind('.');
        return dot == std::string::npos ? stage_.name : stage_.name.substr(dot + 1);
    }
    const Stage& operand(size_t k) const {
        const Stage* s = trace_.find(stage_.operands.at(k));
        if (!s) throw Error("the trace has no stage '" + stage_.operands[k] + "'");
        return *s;
    }
    void line(std::string text) { out_.lines.push_back(std::move(text)); }
    void highlight(const std::string& stage, int64_t head, std::vector<int64_t> rows, std::vector<int64_t> cols = {}) {
        out_.operands.push_back({stage, head, std::move(rows), std::move(cols)});
    }
    int64_t head_dim() const { return model_.config.head_dim(); }
    const StackWeights& stack_weights() const {
        return stage_.at.stack == StackKind::Decoder ? weights_.decoder : weights_.encoder;
    }
    const LayerWeights& layer_weights() const { return stack_weights().layers.at(static_cast<size_t>(stage_.at.layer)); }
    const AttentionWeights& attention_weights() const {
        return stage_.at.block == BlockKind::CrossAttention ? *layer_weights().cross_attn : layer_weights().self_attn;
    }

    // x_i · W[c] + b[c] with W the block's W_Q, W_K or W_V (rows which·D .. of in_proj_weight).
    void projection(int which) {
        const Stage& x = operand(0);
        const AttentionWeights& a = attention_weights();
        const LinearWeights& l = which == 0 ? a.q : which == 1 ? a.k : a.v;
        const auto w_row = l.weight.map().row(j_);
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

    bool grouped() const { return model_.config.kv_heads() != model_.config.nhead; }
    // Query head h's K/V head.
    int64_t kv_head(int64_t h) const { return kv_head_of(h, model_.config.nhead, model_.config.kv_heads()); }

    void linear_cell(const LinearWeights& l) {
        const Stage& x = operand(0);
        const auto w_row = l.weight.map().row(j_);
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

    void rotation() {
        const Stage& x = operand(0);
        const int64_t Dk = head_dim(), within = j_ % Dk;
        // Interleaved: features (2i, 2i+1) form pair i; in halves (Llama's rotate_half): (i, i + Dk/2).
        const bool halves = model_.config.rope_style == RopeStyle::Half;
        const int64_t pair = halves ? within % (Dk / 2) : within / 2;
        const bool second = halves ? within >= Dk / 2 : within % 2 == 1;
        const double theta = std::pow(model_.config.pe_base, -2.0 * static_cast<double>(pair) / static_cast<double>(Dk));
        const double angle = static_cast<double>(i_) * theta;
        const int64_t first = j_ - within + (halves ? pair : 2 * pair), partner = first + (halves ? Dk / 2 : 1);
        const float a = x.tensor()->matrix()(i_, first), b = x.tensor()->matrix()(i_, partner);
        line(fill(translate_text("attn", "RoPE turns the pair (%1, %2) by position × θ"),
                  {std::to_string(first), std::to_string(partner)}));
        line("θ = base^(-2·" + std::to_string(pair) + "/" + std::to_string(Dk) + ") = " + fmt(theta) + ", angle = " +
             std::to_string(i_) + " × " + fmt(theta) + " = " + fmt(angle) + " rad");
        if (!second)
            line("= x₀·cos − x₁·sin = " + factor(a) + "×" + fmt(std::cos(angle)) + " − " + factor(b) + "×" + fmt(std::sin(angle)));
        else
            line("= x₀·sin + x₁·cos = " + factor(a) + "×" + fmt(std::sin(angle)) + " + " + factor(b) + "×" + fmt(std::cos(angle)));
        line("= " + fmt(value_));
        highlight(x.name, -1, {i_}, {first, partner});
    }

    void head_slice() {
        const Stage& x = operand(0);
        const int64_t c = h_ * head_dim() + j_;
        line(fill(translate_text("attn", "head %1 takes features %2…%3 of %4"),
                  {std::to_string(h_), std::to_string(h_ * head_dim()), std::to_string((h_ + 1) * head_dim() - 1), x.name}));
        line("= " + x.name + "[" + std::to_string(i_) + ", " + std::to_string(c) + "] = " + fmt(value_));
        highlight(x.name, -1, {i_}, {c});
    }

    void score() {
        const Stage& q = operand(0);
        const Stage& k = operand(1);
        const int64_t Dk = head_dim(), first = h_ * Dk, key_first = kv_head(h_) * Dk;
        line(fill(translate_text("attn", "score = q_i · k_j over the %2 features of head %1"), {std::to_string(h_), std::to_string(Dk)}));
        if (grouped()) {
            const int64_t group = model_.config.nhead / model_.config.kv_heads(), first_query = kv_head(h_) * group;
            line(fill(translate_text("attn", "grouped-query attention: query head %1 reads key head %2, shared by query heads %3–%4"),
                      {std::to_string(h_), std::to_string(kv_head(h_)), std::to_string(first_query), std::to_string(first_query + group - 1)}));
        }
        line("= " + sum_of_products(row_of(*q.tensor(), 0, i_, first, Dk), row_of(*k.tensor(), 0, j_, key_first, Dk)));
        line("= " + fmt(value_));
        line(translate_text("attn", "large when the query and the key point the same way"));
        std::vector<int64_t> cols, key_cols;
        for (int64_t c = 0; c < Dk; ++c) cols.push_back(first + c), key_cols.push_back(key_first + c);
        highlight(q.name, -1, {i_}, cols);
        highlight(k.name, -1, {j_}, key_cols);
    }

    void scaled() {
        const Stage& s = operand(0);
        const double dk = static_cast<double>(head_dim());
        const float raw = at(*s.tensor(), h_, i_, j_);
        const float divisor = model_.config.score_divisor(stage_.at.layer);
        if (divisor == std::sqrt(static_cast<float>(dk)))
            line("= score / √d_k = " + factor(raw) + " / √" + std::to_string(head_dim()) + " = " + fmt(raw) + " / " +
                 fmt(std::sqrt(dk)) + " = " + fmt(value_));
        else  // GPT-2's scale_attn_weights / scale_attn_by_inverse_layer_idx
            line(fill(translate_text("attn", "= score / %1 (this model's scale: √d_k when scale_attn_weights, × the layer's number + 1 when scale_attn_by_inverse_layer_idx)"),
                      {fmt(divisor)}) + " = " + factor(raw) + " / " + fmt(divisor) + " = " + fmt(value_));
        line(translate_text("attn", "without it, scores grow like √d_k and the softmax saturates"));
        highlight(s.name, h_, {i_}, {j_});
    }

    void alibi() {
        const auto slopes = alibi_slopes(model_.config.nhead);
        const int64_t dist = std::llabs(i_ - j_);
        line("= −m_h · |i − j| = −" + fmt(slopes[static_cast<size_t>(h_)]) + " × " + std::to_string(dist) + " = " + fmt(value_));
        line(fill(translate_text("attn", "slope of head %1: m = 2^(−8·%2/%3); farther keys are penalised more"),
                  {std::to_string(h_), std::to_string(h_ + 1), std::to_string(model_.config.nhead)}));
    }

    void mask() {
        const Config& c = model_.config;
        const bool hidden = std::isinf(value_);
        line(hidden ? translate_text("attn", "−∞: this key is hidden from this query, so its weight will be exactly 0")
                    : translate_text("attn", "0: this key is visible"));
        const bool self = stage_.at.block == BlockKind::SelfAttention;
        const bool causal = self && (stage_.at.stack == StackKind::Decoder || c.causal);
        if (causal && j_ > i_)
            line(fill(translate_text("attn", "causal: key %1 comes after query %2"), {std::to_string(j_), std::to_string(i_)}));
        if (self && c.sliding_window > 0 && std::llabs(i_ - j_) >= c.sliding_window)
            line(fill(translate_text("attn", "sliding window: |i − j| = %1 ≥ w = %2"),
                      {std::to_string(std::llabs(i_ - j_)), std::to_string(c.sliding_window)}));
        if (self && c.block_size > 0 && i_ / c.block_size != j_ / c.block_size)
            line(fill(translate_text("attn", "block-sparse: query %1 is in block %2, key %3 in block %4 (blocks of %5)"),
                      {std::to_string(i_), std::to_string(i_ / c.block_size), std::to_string(j_),
                       std::to_string(j_ / c.block_size), std::to_string(c.block_size)}));
        const auto& tokens = stage_.axes[1] == Axis::TgtToken ? trace_.tgt_tokens : trace_.src_tokens;
        if (j_ < static_cast<int64_t>(tokens.size()) && tokens[static_cast<size_t>(j_)] == c.pad_token)
            line(fill(translate_text("attn", "padding: key %1 is the pad token %2"), {std::to_string(j_), c.pad_token}));
    }

    void sum_of_operands() {
        std::string terms, values;
        for (size_t k = 0; k < stage_.operands.size(); ++k) {
            const Stage& s = operand(k);
            const float v = s.rank() == 3 ? at(*s.tensor(), h_, i_, j_) : s.tensor()->matrix()(i_, j_);
            terms += (k ? " + " : "") + s.name;
            values += (k ? " + " : "") + factor(v);
            highlight(s.name, s.rank() == 3 ? h_ : -1, {i_}, {j_});
        }
        line("= " + terms);
        line("= " + values + " = " + fmt(value_));
    }

    // x = E[:, :d−k] ⊕ PE: a cell is copied from one side, nothing is added.
    void concatenated_input() {
        const int64_t token_features = model_.config.d_model - model_.config.pe_concat;
        const bool token_side = j_ < token_features;
        const Stage& from = operand(token_side ? 0 : 1);
        const int64_t column = token_side ? j_ : j_ - token_features;
        line(fill(translate_text("attn", "concatenated, not added: features 0–%1 come from the token embedding, the last %2 from the positional encoding"),
                  {std::to_string(token_features - 1), std::to_string(model_.config.pe_concat)}));
        line("= " + from.name + "[" + std::to_string(i_) + ", " + std::to_string(column) + "] = " + fmt(value_));
        highlight(from.name, -1, {i_}, {column});
    }

    void softmax() {
        const Stage& s = operand(0);
        const std::vector<float> logits = row_of(*s.tensor(), h_, i_);
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
        line(std::string(stage_.kind == StageKind::Probabilities ? "probability" : "weight") + " = " + fmt(e) + " / " + fmt(sum) + " = " + fmt(value_));
        highlight(s.name, h_, {i_});
    }

    void weighted_values() {
        const Stage& w = operand(0);
        const Stage& v = operand(1);
        const int64_t c = kv_head(h_) * head_dim() + j_;  // the head's (shared) value columns
        const std::vector<float> weights = row_of(*w.tensor(), h_, i_);
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

    void concat() {
        const Stage& heads = operand(0);
        const int64_t head = j_ / head_dim(), within = j_ % head_dim();
        line(fill(translate_text("attn", "feature %1 comes from head %2, its feature %3"),
                  {std::to_string(j_), std::to_string(head), std::to_string(within)}));
        line("= context_heads[head " + std::to_string(head) + ", " + std::to_string(i_) + ", " + std::to_string(within) +
             "] = " + fmt(value_));
        highlight(heads.name, head, {i_}, {within});
    }

    void activation() {
        const Stage& h = operand(0);
        const float x = h.tensor()->matrix()(i_, j_);
        if (stage_.operands.size() == 2) {  // SwiGLU: operands gate and up
            const Stage& up = operand(1);
            const float u = up.tensor()->matrix()(i_, j_);
            const double sigma = 1.0 / (1.0 + std::exp(-static_cast<double>(x)));
            line("= silu(g) · u = g · σ(g) · u = " + factor(x) + " × " + fmt(sigma) + " × " + factor(u) + " = " + fmt(value_));
            line(translate_text("attn", "the gate's SiLU decides how much of the up projection passes: near 0 for a negative gate, near u·g for a large one"));
            highlight(h.name, -1, {i_}, {j_});
            highlight(up.name, -1, {i_}, {j_});
            return;
        }
        if (model_.config.activation == Activation::Relu)
            line("= max(0, h) = max(0, " + fmt(x) + ") = " + fmt(value_));
        else if (model_.config.activation == Activation::GeluTanh)
            line("= 0.5 · h · (1 + tanh(√(2/π) · (h + 0.044715 · h³))) = 0.5 × " + factor(x) + " × " +
                 fmt(1 + std::tanh(std::sqrt(2 / std::numbers::pi) * (x + 0.044715 * x * x * x))) + " = " + fmt(value_));
        else
            line("= h · Φ(h) = " + factor(x) + " × " + fmt(0.5 * (1 + std::erf(x / std::numbers::sqrt2))) + " = " + fmt(value_));
        highlight(h.name, -1, {i_}, {j_});
    }

    void layer_norm() {
        const Stage& x = operand(0);
        const std::vector<float> row = row_of(*x.tensor(), 0, i_);
        double mean = 0, var = 0;
        for (float v : row) mean += v;
        mean /= static_cast<double>(row.size());
        for (float v : row) var += (v - mean) * (v - mean);
        var /= static_cast<double>(row.size());
        const NormWeights& norm = norm_weights_at(weights_, stage_.at);
        const float gamma = norm.weight[j_], beta = norm.bias[j_];
        line(fill(translate_text("attn", "over the %2 features of token %1 in %3:"),
                  {std::to_string(i_), std::to_string(row.size()), x.name}));
        line("mean = " + fmt(mean) + ", variance = " + fmt(var) + ", ε = " + fmt(model_.config.layer_norm_eps));
        line("= (x − mean) / √(var + ε) · γ + β = (" + fmt(row[static_cast<size_t>(j_)]) + " − " + factor(mean) + ") / " +
             fmt(std::sqrt(var + model_.config.layer_norm_eps)) + " × " + factor(gamma) + " + " + factor(beta));
        line("= " + fmt(value_));
        highlight(x.name, -1, {i_});
    }

    // RMSNorm over `width` features: the token's (or, for QK-norm, the head's) features, with γ of that width.
    void rms_norm(const WeightVector& gamma, int64_t width) {
        const Stage& x = operand(0);
        const int64_t first = j_ - j_ % width, within = j_ % width;
        const std::vector<float> part = row_of(*x.tensor(), 0, i_, first, width);
        double mean_square = 0;
        for (float v : part) mean_square += static_cast<double>(v) * v;
        mean_square /= static_cast<double>(width);
        const double rms = std::sqrt(mean_square + model_.config.layer_norm_eps);
        if (width == model_.config.d_model)
            line(fill(translate_text("attn", "over the %2 features of token %1 in %3:"), {std::to_string(i_), std::to_string(width), x.name}));
        else
            line(fill(translate_text("attn", "over the %2 features of head %3 of token %1 in %4 (QK-norm):"),
                      {std::to_string(i_), std::to_string(width), std::to_string(first / width), x.name}));
        line("mean(x²) = " + fmt(mean_square) + ", ε = " + fmt(model_.config.layer_norm_eps) + ", √(mean(x²) + ε) = " + fmt(rms));
        line("= x / √(mean(x²) + ε) · γ = " + fmt(part[static_cast<size_t>(within)]) + " / " + fmt(rms) + " × " + factor(gamma[within]));
        line("= " + fmt(value_));
        line(translate_text("attn", "RMSNorm rescales without subtracting the mean, and has no β"));
        std::vector<int64_t> cols;
        for (int64_t c = first; c < first + width; ++c) cols.push_back(c);
        highlight(x.name, -1, {i_}, cols);
    }

    void embedding() {
        const Config& c = model_.config;
        const auto& tokens = stage_.axes[0] == Axis::TgtToken ? trace_.tgt_tokens : trace_.src_tokens;
        const std::string tok = tokens.at(static_cast<size_t>(i_));
        if (!trace_.src_token_ids.empty() && stage_.axes[0] == Axis::SrcToken) {  // an imported model: its tokenizer's id
            line(fill(translate_text("attn", "the tokenizer gives “%1” the id %2: row %2 of %3"),
                      {tok, std::to_string(trace_.src_token_ids.at(static_cast<size_t>(i_))), weights_.token_embedding->name}));
            line(fill(translate_text("attn", "feature %1 = %2"), {std::to_string(j_), fmt(value_)}));
            return;
        }
        const bool trained = std::find(c.vocab.begin(), c.vocab.end(), tok) != c.vocab.end();
        if (trained)
            line(fill(translate_text("attn", "row of embedding.weight for the token “%1”"), {tok}));
        else
            line(fill(translate_text("attn", "the token “%1” has no trained row: its vector is drawn from N(0, 1), seeded by "
                                             "the config seed (%2) and the token itself, so the same word always gets the same vector"),
                      {tok, std::to_string(c.seed)}));
        line(fill(translate_text("attn", "feature %1 = %2"), {std::to_string(j_), fmt(value_)}));
    }

    void positional() {
        const Config& c = model_.config;
        switch (c.positional_encoding) {
            case PositionalEncoding::Sinusoidal: {
                const int64_t two_i = j_ - j_ % 2;
                const double div = std::pow(c.pe_base, static_cast<double>(two_i) / c.d_model);
                line(std::string("PE[p, ") + (j_ % 2 ? "2i+1] = cos" : "2i] = sin") + "(p / base^(2i/d)) with p = " +
                     std::to_string(i_) + ", 2i = " + std::to_string(two_i) + ", d = " + std::to_string(c.d_model));
                line("= " + std::string(j_ % 2 ? "cos" : "sin") + "(" + std::to_string(i_) + " / " + fmt(div) + ") = " +
                     std::string(j_ % 2 ? "cos" : "sin") + "(" + fmt(static_cast<double>(i_) / div) + ") = " + fmt(value_));
                line(translate_text("attn", "each feature pair is a clock at its own speed: fast on the left, slow on the right"));
                break;
            }
            case PositionalEncoding::Binary: {
                const int64_t pair = j_ / 2;
                const double div = std::ldexp(1.0, static_cast<int>(pair));
                const char* fn = j_ % 2 ? "cos" : "sin";
                line(std::string("P[p, ") + (j_ % 2 ? "2j+1] = cos" : "2j] = sin") + "(p / 2^j) with p = " + std::to_string(i_) +
                     ", j = " + std::to_string(pair));
                line(std::string("= ") + fn + "(" + std::to_string(i_) + " / " + fmt(div) + ") = " + fn + "(" +
                     fmt(static_cast<double>(i_) / div) + ") = " + fmt(value_));
                line(translate_text("attn", "each pair turns half as fast as the pair before it, like the bits of a binary counter"));
                break;
            }
            case PositionalEncoding::Learned:
                line(fill(translate_text("attn", "row %1 of %2 (learned in training) = %3"),
                              {std::to_string(i_), weights_.positions->name, fmt(value_)}));
                break;
            case PositionalEncoding::None:
            case PositionalEncoding::Rope:
            case PositionalEncoding::Alibi:
                line(translate_text("attn", stage_.description.c_str()));
        }
    }

    // A gradient cell: the chain rule, with the numbers of the stage the gradient arrives from.
    void gradient() {
        const Stage& forward = operand(0);
        line(fill(translate_text("attn", "∂L/∂%1: how much the loss grows when this number grows a little"), {forward.name}));
        const StageKind of = stage_.gradient_of.value_or(forward.kind);
        if (of == StageKind::MaskedScores) return gradient_through_softmax(forward);
        if (of == StageKind::Logits) return gradient_of_logit();
        gradient_from_consumers(forward);
    }

    // s → P = softmax(s): ∂L/∂s_ij = p_ij (g_ij − Σ_k p_ik g_ik), g = ∂L/∂P.
    void gradient_through_softmax(const Stage& scores) {
        const Stage* P = trace_.find(StageKind::AttentionWeights, scores.at);
        const Stage* gP = P ? trace_.find("grad." + P->name) : nullptr;
        if (!gP) return;
        const std::vector<float> p = row_of(*P->tensor(), h_, i_), g = row_of(*gP->tensor(), h_, i_);
        double dot = 0;
        for (size_t k = 0; k < p.size(); ++k) dot += static_cast<double>(p[k]) * g[k];
        line(translate_text("attn", "through the softmax: ∂L/∂s_ij = p_ij · (g_ij − Σ_k p_ik · g_ik), with g = ∂L/∂weights"));
        line("Σ_k p_ik · g_ik = " + sum_of_products(p, g) + " = " + fmt(dot));
        line("= " + fmt(p[static_cast<size_t>(j_)]) + " × (" + fmt(g[static_cast<size_t>(j_)]) + " − " + factor(dot) + ") = " + fmt(value_));
        line(translate_text("attn", "a masked key has p = 0, so no gradient reaches its score"));
        highlight(P->name, h_, {i_}, {j_});
        highlight(gP->name, h_, {i_}, {j_});
    }

    // Cross-entropy over the softmax of the logits: ∂L/∂logit_tv = (p_tv − 1[v = label_t]) / N.
    void gradient_of_logit() {
        const Stage* probs = trace_.find("output.probs");
        if (!probs || i_ >= static_cast<int64_t>(trace_.labels.size())) return;
        const int64_t label = trace_.labels[static_cast<size_t>(i_)];
        if (label == -100) {
            line(fill(translate_text("attn", "position %1 is not scored (its label is −100): no gradient"), {std::to_string(i_)}));
            return;
        }
        int64_t n = 0;
        for (int64_t y : trace_.labels) n += y != -100;
        const float p = at(*probs->tensor(), 0, i_, j_);
        line(translate_text("attn", "cross-entropy through the softmax: ∂L/∂logit = (p − 1 if this is the label, else p) / N"));
        line(fill(translate_text("attn", "the label of position %1 is %2; N = %3 scored positions"),
                  {std::to_string(i_), token(trace_, Axis::Vocab, label), std::to_string(n)}));
        line("= (" + fmt(p) + " − " + (j_ == label ? "1" : "0") + ") / " + std::to_string(n) + " = " + fmt(value_));
        highlight(probs->name, -1, {i_}, {j_});
    }

    // Anything else: the gradient is the sum of what the stages computed from it send back.
    void gradient_from_consumers(const Stage& forward) {
        std::vector<std::string> from;
        std::string sum;
        for (const Stage& s : trace_.stages()) {
            if (s.kind == StageKind::Gradient || std::find(s.operands.begin(), s.operands.end(), forward.name) == s.operands.end())
                continue;
            from.push_back(s.name);
            const Stage* g = trace_.find("grad." + s.name);
            const bool additive = s.kind == StageKind::Residual || s.kind == StageKind::StackInput ||
                                  s.kind == StageKind::MaskedScores || !s.alias_of.empty();
            if (g && additive && g->shape() == stage_.shape()) sum += (sum.empty() ? "" : " + ") + factor(at(*g->tensor(), h_, i_, j_));
        }
        std::string names;
        for (const auto& n : from) names += (names.empty() ? "" : ", ") + n;
        line(fill(translate_text("attn", "chain rule: the sum of what each stage computed from %1 sends back: %2"), {forward.name, names}));
        if (!sum.empty() && from.size() == 1) line("= " + sum + " = " + fmt(value_));
        else if (!sum.empty()) line(fill(translate_text("attn", "the sums pass their gradient on unchanged: %1 of the %2 total"), {sum, fmt(value_)}));
        else line("= " + fmt(value_));
    }

    void copy_of_operand() {
        if (!stage_.operands.empty()) {
            line("= " + stage_.operands[0] + "[" + std::to_string(i_) + ", " + std::to_string(j_) + "] = " + fmt(value_));
            highlight(stage_.operands[0], -1, {i_}, {j_});
        } else {
            line(translate_text("attn", stage_.description.c_str()));
        }
    }

    const Trace& trace_;
    const Model& model_;
    const ModelWeights weights_ = model_.bind();
    const Stage& stage_;
    int64_t h_, i_, j_;
    float value_;
    Explanation out_;
};

}  // namespace

Explanation explain_cell(const Trace& trace, const Model& model, const std::string& name, int64_t head, int64_t row,
                         int64_t col) {
    const Stage* stage = trace.find(name);
    if (!stage) throw Error("the trace has no stage named '" + name + "'");
    const auto t_held = stage->tensor();  // keeps a derived stage alive
    const Tensor& t = *t_held;
    const int64_t rows = t.rank() == 3 ? t.dim(1) : t.dim(0), cols = t.shape.back();
    if (t.rank() == 3 && (head < 0 || head >= t.dim(0)))
        throw Error("head " + std::to_string(head) + " is outside " + name + " (" + std::to_string(t.dim(0)) + " heads)");
    if (row < 0 || row >= rows || col < 0 || col >= cols)
        throw Error("cell [" + std::to_string(row) + ", " + std::to_string(col) + "] is outside " + name + " " +
                    shape_to_string(t.shape));
    return Explainer(trace, model, *stage, head, row, col).run();
}

}  // namespace attn
