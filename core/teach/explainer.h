// The explanation of one cell, split over two files by subject (explain.cpp: attention;
// explain_layers.cpp: norms, feed-forward, embeddings, positions, gradients). Internal to teach/.
#pragma once

#include "engine/attention.h"
#include "engine/trace.h"
#include "model/model.h"
#include "teach/explain.h"

#include <string>
#include <vector>

namespace attn::explain_detail {

class Explainer {
public:
    Explainer(const Trace& trace, const Model& model, const Stage& stage, int64_t head, int64_t row, int64_t col);
    Explanation run();

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
    const LayerWeights& layer_weights() const {
        return stack_weights().layers.at(static_cast<size_t>(stage_.at.layer));
    }
    const AttentionWeights& attention_weights() const {
        return stage_.at.block == BlockKind::CrossAttention ? *layer_weights().cross_attn : layer_weights().self_attn;
    }
    bool grouped() const { return model_.config.kv_heads() != model_.config.nhead; }
    // Query head h's K/V head.
    int64_t kv_head(int64_t h) const { return kv_head_of(h, model_.config.nhead, model_.config.kv_heads()); }

    const Trace& trace_;
    const Model& model_;
    const ModelWeights weights_ = model_.bind();
    const Stage& stage_;
    int64_t h_, i_, j_;
    float value_;
    Explanation out_;

    // One explanation per kind of stage (run() picks); attention's in explain.cpp, the rest in explain_layers.cpp.
    // x_i · W[c] + b[c] with W the block's W_Q, W_K or W_V (rows which·D .. of in_proj_weight).
    void projection(int which);
    void linear_cell(const LinearWeights& l);
    void rotation();
    void head_slice();
    void score();
    void scaled();
    void alibi();
    void mask();
    void sum_of_operands();
    // x = E[:, :d−k] ⊕ PE: a cell is copied from one side, nothing is added.
    void concatenated_input();
    void softmax();
    void head_scores();  // what the head detector says of this head (teach/head_detector.h)
    void weighted_values();
    void rollout();
    void concat();
    void activation();
    void layer_norm();
    // RMSNorm over `width` features: the token's (or, for QK-norm, the head's) features, with γ of that width.
    void rms_norm(const WeightVector& gamma, int64_t width);
    void embedding();
    void positional();
    // A gradient cell: the chain rule, with the numbers of the stage the gradient arrives from.
    void gradient();
    // s → P = softmax(s): ∂L/∂s_ij = p_ij (g_ij − Σ_k p_ik g_ik), g = ∂L/∂P.
    void gradient_through_softmax(const Stage& scores);
    // Cross-entropy over the softmax of the logits: ∂L/∂logit_tv = (p_tv − 1[v = label_t]) / N.
    void gradient_of_logit();
    // Anything else: the gradient is the sum of what the stages computed from it send back.
    void gradient_from_consumers(const Stage& forward);
    void copy_of_operand();
};

}  // namespace attn::explain_detail
