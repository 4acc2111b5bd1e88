#include "teach/explain.h"
#include "teach/explain_text.h"
#include "teach/explainer.h"
#include "teach/attention_sinks.h"
#include "teach/head_detector.h"

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

void Explainer::activation() {
    const Stage& h = operand(0);
    const float x = h.tensor()->matrix()(i_, j_);
    if (stage_.operands.size() == 2) {  // SwiGLU: operands gate and up
        const Stage& up = operand(1);
        const float u = up.tensor()->matrix()(i_, j_);
        const double sigma = 1.0 / (1.0 + std::exp(-static_cast<double>(x)));
        line("= silu(g) · u = g · σ(g) · u = " + factor(x) + " × " + fmt(sigma) + " × " + factor(u) + " = " +
             fmt(value_));
        line(translate_text("attn",
                            "the gate's SiLU decides how much of the up projection passes: near 0 for a negative gate, "
                            "near u·g for a large one"));
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
        line("= h · Φ(h) = " + factor(x) + " × " + fmt(0.5 * (1 + std::erf(x / std::numbers::sqrt2))) + " = " +
             fmt(value_));
    highlight(h.name, -1, {i_}, {j_});
}

void Explainer::layer_norm() {
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
void Explainer::rms_norm(const WeightVector& gamma, int64_t width) {
    const Stage& x = operand(0);
    const int64_t first = j_ - j_ % width, within = j_ % width;
    const std::vector<float> part = row_of(*x.tensor(), 0, i_, first, width);
    double mean_square = 0;
    for (float v : part) mean_square += static_cast<double>(v) * v;
    mean_square /= static_cast<double>(width);
    const double rms = std::sqrt(mean_square + model_.config.layer_norm_eps);
    if (width == model_.config.d_model)
        line(fill(translate_text("attn", "over the %2 features of token %1 in %3:"),
                  {std::to_string(i_), std::to_string(width), x.name}));
    else
        line(fill(translate_text("attn", "over the %2 features of head %3 of token %1 in %4 (QK-norm):"),
                  {std::to_string(i_), std::to_string(width), std::to_string(first / width), x.name}));
    line("mean(x²) = " + fmt(mean_square) + ", ε = " + fmt(model_.config.layer_norm_eps) +
         ", √(mean(x²) + ε) = " + fmt(rms));
    line("= x / √(mean(x²) + ε) · γ = " + fmt(part[static_cast<size_t>(within)]) + " / " + fmt(rms) + " × " +
         factor(gamma[within]));
    line("= " + fmt(value_));
    line(translate_text("attn", "RMSNorm rescales without subtracting the mean, and has no β"));
    std::vector<int64_t> cols;
    for (int64_t c = first; c < first + width; ++c) cols.push_back(c);
    highlight(x.name, -1, {i_}, cols);
}

void Explainer::embedding() {
    const Config& c = model_.config;
    const auto& tokens = stage_.axes[0] == Axis::TgtToken ? trace_.tgt_tokens : trace_.src_tokens;
    const std::string tok = tokens.at(static_cast<size_t>(i_));
    if (!trace_.src_token_ids.empty() && stage_.axes[0] == Axis::SrcToken) {  // an imported model: its tokenizer's id
        line(fill(
            translate_text("attn", "the tokenizer gives “%1” the id %2: row %2 of %3"),
            {tok, std::to_string(trace_.src_token_ids.at(static_cast<size_t>(i_))), weights_.token_embedding->name}));
        line(fill(translate_text("attn", "feature %1 = %2"), {std::to_string(j_), fmt(value_)}));
        return;
    }
    const bool trained = std::find(c.vocab.begin(), c.vocab.end(), tok) != c.vocab.end();
    if (trained)
        line(fill(translate_text("attn", "row of embedding.weight for the token “%1”"), {tok}));
    else
        line(fill(
            translate_text("attn",
                           "the token “%1” has no trained row: its vector is drawn from N(0, 1), seeded by "
                           "the config seed (%2) and the token itself, so the same word always gets the same vector"),
            {tok, std::to_string(c.seed)}));
    line(fill(translate_text("attn", "feature %1 = %2"), {std::to_string(j_), fmt(value_)}));
}

void Explainer::positional() {
    const Config& c = model_.config;
    switch (c.positional_encoding) {
        case PositionalEncoding::Sinusoidal: {
            const int64_t two_i = j_ - j_ % 2;
            const double div = std::pow(c.pe_base, static_cast<double>(two_i) / c.d_model);
            line(std::string("PE[p, ") + (j_ % 2 ? "2i+1] = cos" : "2i] = sin") + "(p / base^(2i/d)) with p = " +
                 std::to_string(i_) + ", 2i = " + std::to_string(two_i) + ", d = " + std::to_string(c.d_model));
            line("= " + std::string(j_ % 2 ? "cos" : "sin") + "(" + std::to_string(i_) + " / " + fmt(div) + ") = " +
                 std::string(j_ % 2 ? "cos" : "sin") + "(" + fmt(static_cast<double>(i_) / div) + ") = " + fmt(value_));
            line(translate_text("attn",
                                "each feature pair is a clock at its own speed: fast on the left, slow on the right"));
            break;
        }
        case PositionalEncoding::Binary: {
            const int64_t pair = j_ / 2;
            const double div = std::ldexp(1.0, static_cast<int>(pair));
            const char* fn = j_ % 2 ? "cos" : "sin";
            line(std::string("P[p, ") + (j_ % 2 ? "2j+1] = cos" : "2j] = sin") +
                 "(p / 2^j) with p = " + std::to_string(i_) + ", j = " + std::to_string(pair));
            line(std::string("= ") + fn + "(" + std::to_string(i_) + " / " + fmt(div) + ") = " + fn + "(" +
                 fmt(static_cast<double>(i_) / div) + ") = " + fmt(value_));
            line(translate_text(
                "attn", "each pair turns half as fast as the pair before it, like the bits of a binary counter"));
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
void Explainer::gradient() {
    const Stage& forward = operand(0);
    line(fill(translate_text("attn", "∂L/∂%1: how much the loss grows when this number grows a little"),
              {forward.name}));
    const StageKind of = stage_.gradient_of.value_or(forward.kind);
    if (of == StageKind::MaskedScores) return gradient_through_softmax(forward);
    if (of == StageKind::Logits) return gradient_of_logit();
    gradient_from_consumers(forward);
}

// s → P = softmax(s): ∂L/∂s_ij = p_ij (g_ij − Σ_k p_ik g_ik), g = ∂L/∂P.
void Explainer::gradient_through_softmax(const Stage& scores) {
    const Stage* P = trace_.find(StageKind::AttentionWeights, scores.at);
    const Stage* gP = P ? trace_.find("grad." + P->name) : nullptr;
    if (!gP) return;
    const std::vector<float> p = row_of(*P->tensor(), h_, i_), g = row_of(*gP->tensor(), h_, i_);
    double dot = 0;
    for (size_t k = 0; k < p.size(); ++k) dot += static_cast<double>(p[k]) * g[k];
    line(translate_text("attn",
                        "through the softmax: ∂L/∂s_ij = p_ij · (g_ij − Σ_k p_ik · g_ik), with g = ∂L/∂weights"));
    line("Σ_k p_ik · g_ik = " + sum_of_products(p, g) + " = " + fmt(dot));
    line("= " + fmt(p[static_cast<size_t>(j_)]) + " × (" + fmt(g[static_cast<size_t>(j_)]) + " − " + factor(dot) +
         ") = " + fmt(value_));
    line(translate_text("attn", "a masked key has p = 0, so no gradient reaches its score"));
    highlight(P->name, h_, {i_}, {j_});
    highlight(gP->name, h_, {i_}, {j_});
}

// Cross-entropy over the softmax of the logits: ∂L/∂logit_tv = (p_tv − 1[v = label_t]) / N.
void Explainer::gradient_of_logit() {
    const Stage* probs = trace_.find("output.probs");
    if (!probs || i_ >= static_cast<int64_t>(trace_.labels.size())) return;
    const int64_t label = trace_.labels[static_cast<size_t>(i_)];
    if (label == -100) {
        line(fill(translate_text("attn", "position %1 is not scored (its label is −100): no gradient"),
                  {std::to_string(i_)}));
        return;
    }
    int64_t n = 0;
    for (int64_t y : trace_.labels) n += y != -100;
    const float p = row_of(*probs, 0, i_).at(static_cast<size_t>(j_));
    line(translate_text("attn",
                        "cross-entropy through the softmax: ∂L/∂logit = (p − 1 if this is the label, else p) / N"));
    line(fill(translate_text("attn", "the label of position %1 is %2; N = %3 scored positions"),
              {std::to_string(i_), token(trace_, Axis::Vocab, label), std::to_string(n)}));
    line("= (" + fmt(p) + " − " + (j_ == label ? "1" : "0") + ") / " + std::to_string(n) + " = " + fmt(value_));
    highlight(probs->name, -1, {i_}, {j_});
}

// Anything else: the gradient is the sum of what the stages computed from it send back.
void Explainer::gradient_from_consumers(const Stage& forward) {
    std::vector<std::string> from;
    std::string sum;
    for (const Stage& s : trace_.stages()) {
        if (s.kind == StageKind::Gradient ||
            std::find(s.operands.begin(), s.operands.end(), forward.name) == s.operands.end())
            continue;
        from.push_back(s.name);
        const Stage* g = trace_.find("grad." + s.name);
        const bool additive = s.kind == StageKind::Residual || s.kind == StageKind::StackInput ||
                              s.kind == StageKind::MaskedScores || !s.alias_of.empty();
        if (g && additive && g->shape() == stage_.shape())
            sum += (sum.empty() ? "" : " + ") + factor(at(*g->tensor(), h_, i_, j_));
    }
    std::string names;
    for (const auto& n : from) names += (names.empty() ? "" : ", ") + n;
    line(fill(translate_text("attn", "chain rule: the sum of what each stage computed from %1 sends back: %2"),
              {forward.name, names}));
    if (!sum.empty() && from.size() == 1)
        line("= " + sum + " = " + fmt(value_));
    else if (!sum.empty())
        line(fill(translate_text("attn", "the sums pass their gradient on unchanged: %1 of the %2 total"),
                  {sum, fmt(value_)}));
    else
        line("= " + fmt(value_));
}

void Explainer::copy_of_operand() {
    if (!stage_.operands.empty()) {
        line("= " + stage_.operands[0] + "[" + std::to_string(i_) + ", " + std::to_string(j_) + "] = " + fmt(value_));
        highlight(stage_.operands[0], -1, {i_}, {j_});
    } else {
        line(translate_text("attn", stage_.description.c_str()));
    }
}

// The head detector's scores of this head: previous-token and first-token on this text; induction
// (four forward passes of a repeated random sequence) for the self-attention of a model small enough
// to measure it at every hover — a larger model's is in the Heads view.
void Explainer::head_scores() {
    if (stage_.rank() != 3 || stage_.dim(1) != stage_.dim(2) || stage_.at.block != BlockKind::SelfAttention) return;
    if (h_ >= stage_.dim(0)) return;
    const Tensor head = stage_.slice(h_);  // this head alone: a big trace derives 4 MB, not its layer's 50
    line(fill(translate_text("attn", "this head on this text: %1 of each row's weight on the token before (previous-token score), %2 on the first token"),
              {fmt(static_cast<float>(previous_token_score(head.matrix()))), fmt(static_cast<float>(first_key_share(head.matrix())))}));
    const Config& c = model_.config;
    const bool small = static_cast<int64_t>(c.d_model) * c.d_model * (c.encoder_layers() + c.decoder_layers()) <= 4'000'000;
    const bool text_stack = (c.architecture == Architecture::DecoderOnly) == (stage_.at.stack == StackKind::Decoder);
    if (!small || !text_stack) return;
    try {
        const auto induction = induction_scores_of(model_);
        const auto layer = static_cast<size_t>(stage_.at.layer), h = static_cast<size_t>(h_);
        if (layer < induction.size() && h < induction[layer].size())
            line(fill(translate_text("attn", "induction score %1: on a random sequence repeated twice, the weight from each token of the "
                                             "repeat to the token after its earlier occurrence"),
                      {fmt(static_cast<float>(induction[layer][h]))}));
    } catch (const std::exception&) {  // no vocab to draw a sequence from: the other scores stand
    }
}

}  // namespace explain_detail
}  // namespace attn
