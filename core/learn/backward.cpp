#include "learn/backward.h"

#include "base/i18n.h"
#include "engine/attention.h"
#include "engine/feed_forward.h"
#include "engine/kernels/kernels.h"
#include "engine/layer_norm.h"
#include "engine/linear.h"
#include "engine/positional_encoding.h"
#include "engine/transformer_layer.h"
#include "engine/sequence.h"
#include "engine/softmax.h"
#include "learn/loss.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace attn {
namespace {

// Gradient buffers are bound with the same adapter as the weights; the views are
// const because weights are, but these buffers belong to the backward pass.
MatMap writable(const WeightMatrix& w) { return MatMap(const_cast<float*>(w.data), w.rows, w.cols); }
Eigen::Map<RowVec> writable(const WeightVector& v) { return Eigen::Map<RowVec>(const_cast<float*>(v.data), v.size); }

// Every element of a tensor of any rank, for element-wise steps.
Eigen::Map<Eigen::ArrayXf> flat(Tensor& t) { return {t.data.data(), static_cast<Eigen::Index>(t.data.size())}; }
Eigen::Map<const Eigen::ArrayXf> flat(const Tensor& t) { return {t.data.data(), static_cast<Eigen::Index>(t.data.size())}; }

class Backward {
public:
    // Parameter gradients are added into the buffers `param_grads` views.
    Backward(const Model& model, const ModelWeights& bound, const Trace& trace, const ModelWeights& param_grads)
        : trace_(trace), c_(model.config), w_(bound), g_(param_grads) {}

    // Seeds dL/d(from) and applies the chain rule back to the inputs, stage by stage.
    void run(const std::string& from, const Tensor& seed) {
        const Stage* start = trace_.find(from);
        if (!start) throw Error("the trace has no stage named '" + from + "'");
        if (seed.shape != start->shape())
            throw Error("the gradient of " + from + " has shape " + shape_to_string(seed.shape) + " but the stage is " +
                        shape_to_string(start->shape()));
        const auto& stages = trace_.stages();
        grads_.assign(stages.size(), std::nullopt);
        grads_[position(*start)] = seed;
        for (size_t i = stages.size(); i-- > 0;)
            if (grads_[i]) step(stages[i], *grads_[i]);
    }

    // dL/d(stage) by name, for the stages the loss reaches.
    std::map<std::string, Tensor> stage_gradients() {
        const auto& stages = trace_.stages();
        std::map<std::string, Tensor> by_name;
        for (size_t i = 0; i < stages.size(); ++i)
            if (grads_[i]) by_name.emplace(stages[i].name, std::move(*grads_[i]));
        // Per-head copies are on no path to the loss; their gradients are the slices of their source's.
        for (const Stage& s : stages)
            if (is_head_split(s.kind))
                if (auto g = by_name.find(s.operands.at(0)); g != by_name.end())
                    by_name[s.name] = split_heads(g->second.matrix(), s.shape().at(0));  // H, or H_kv for K and V
        return by_name;
    }

private:
    size_t position(const Stage& s) const { return static_cast<size_t>(&s - trace_.stages().data()); }
    Tensor& grad(const Stage& s) {
        std::optional<Tensor>& g = grads_[position(s)];
        if (!g) g = Tensor(s.shape());
        return *g;
    }
    const Stage& operand(const Stage& s, size_t k) const { return *trace_.find(s.operands.at(k)); }
    MatMap grad_of_operand(const Stage& s, size_t k) { return grad(operand(s, k)).matrix(); }

    const StackWeights& stack(const ModelWeights& w, const StageCoords& at) const {
        return at.stack == StackKind::Decoder ? w.decoder : w.encoder;
    }
    const LayerWeights& layer(const ModelWeights& w, const StageCoords& at) const {
        return stack(w, at).layers.at(static_cast<size_t>(at.layer));
    }
    const AttentionWeights& attention(const ModelWeights& w, const StageCoords& at) const {
        return at.block == BlockKind::CrossAttention ? *layer(w, at).cross_attn : layer(w, at).self_attn;
    }
    const NormWeights& norm(const ModelWeights& w, const StageCoords& at) const { return norm_weights_at(w, at); }
    const LinearWeights& projection(const ModelWeights& w, const Stage& s) const {
        const AttentionWeights& a = attention(w, s.at);
        return s.kind == StageKind::Query ? a.q : s.kind == StageKind::Key ? a.k : a.v;
    }

    // y = x · Wᵀ + b with x the stage's first operand.
    void through_linear(const Stage& s, const Tensor& g, const LinearWeights& w, const LinearWeights& dw) {
        const auto x = operand(s, 0).tensor();
        Mat dx = Mat::Zero(x->dim(0), x->dim(1));
        MatMap dW = writable(dw.weight);
        Eigen::Map<RowVec> db = writable(dw.bias);
        linear_backward(x->matrix(), w.weight.map(), g.matrix(), &dx, dW, db);
        grad_of_operand(s, 0) += dx;
    }

    void step(const Stage& s, const Tensor& g) {
        const int64_t H = c_.nhead, Dk = c_.head_dim(), H_kv = c_.kv_heads();
        auto kv = [&](int64_t h) { return kv_head_of(h, H, H_kv) * Dk; };  // first column of query head h's K/V head
        switch (s.kind) {
            case StageKind::LayerOutput:
            case StageKind::StackOutput: grad(*trace_.find(s.alias_of)).matrix() += g.matrix(); break;
            case StageKind::Residual:  // x + sublayer(x)
                grad_of_operand(s, 0) += g.matrix();
                grad_of_operand(s, 1) += g.matrix();
                break;
            case StageKind::StackInput:  // operands: embeddings, positions (, token types)
                if (c_.pe_concat > 0) {  // x = E[:, :D−k] ⊕ PE: the fixed PE takes no gradient
                    const int64_t token_features = c_.d_model - c_.pe_concat;
                    grad_of_operand(s, 0).leftCols(token_features) += g.matrix().leftCols(token_features);
                } else {  // x = E + PE (+ T, BERT's token types)
                    for (size_t k = 0; k < s.operands.size(); ++k) grad_of_operand(s, k) += g.matrix();
                }
                break;
            case StageKind::LayerNorm: {
                const auto x = operand(s, 0).tensor();
                const NormWeights &w = norm(w_, s.at), &dw = norm(g_, s.at);
                MatMap dx = grad_of_operand(s, 0);
                Eigen::Map<RowVec> dgamma = writable(dw.weight), dbeta = writable(dw.bias);
                layer_norm_backward(x->matrix(), w.weight.map(), c_.layer_norm_eps, g.matrix(), dx, dgamma, dbeta);
                break;
            }
            case StageKind::RmsNorm: {
                const auto x = operand(s, 0).tensor();
                MatMap dx = grad_of_operand(s, 0);
                rms_norm_backward(x->matrix(), norm(w_, s.at).weight.map(), c_.layer_norm_eps, g.matrix(), dx, writable(norm(g_, s.at).weight));
                break;
            }
            case StageKind::QueryNorm:
            case StageKind::KeyNorm: {  // RMSNorm of each head: (T, heads·Dk) read as (T·heads, Dk)
                const AttentionWeights &a = attention(w_, s.at), &da = attention(g_, s.at);
                const bool query = s.kind == StageKind::QueryNorm;
                const auto x = operand(s, 0).tensor();
                const int64_t rows = x->dim(0) * (x->dim(1) / Dk);
                MatMap dx = grad_of_operand(s, 0);
                MatMap dx_heads(dx.data(), rows, Dk);
                rms_norm_backward(ConstMatMap(x->data.data(), rows, Dk), (query ? a.q_norm : a.k_norm)->map(), c_.layer_norm_eps,
                                  ConstMatMap(g.data.data(), rows, Dk), dx_heads, writable(*(query ? da.q_norm : da.k_norm)));
                break;
            }
            case StageKind::FfnGate: through_linear(s, g, *layer(w_, s.at).ffn.gate, *layer(g_, s.at).ffn.gate); break;
            case StageKind::FfnHidden: through_linear(s, g, layer(w_, s.at).ffn.linear1, layer(g_, s.at).ffn.linear1); break;
            case StageKind::FfnOutput: through_linear(s, g, layer(w_, s.at).ffn.linear2, layer(g_, s.at).ffn.linear2); break;
            case StageKind::FfnActivation:
                if (s.operands.size() == 2) {  // SwiGLU: a = silu(g) ⊙ u, operands gate and up
                    swiglu_backward(operand(s, 0).tensor()->matrix(), operand(s, 1).tensor()->matrix(), g.matrix(), grad_of_operand(s, 0),
                                    grad_of_operand(s, 1));
                    break;
                }
                // a = act(h)
                grad_of_operand(s, 0) += activation_backward(c_.activation, operand(s, 0).tensor()->matrix(), g.matrix());
                break;
            case StageKind::AttentionOutput: through_linear(s, g, attention(w_, s.at).out, attention(g_, s.at).out); break;
            case StageKind::Context:  // concat(context_0, …, context_{H-1})
                grad(operand(s, 0)).data = split_heads(g.matrix(), H).data;  // its only consumer
                break;
            case StageKind::ContextHeads: {  // context_h = P_h · V_g, g = h's K/V head
                const auto P = operand(s, 0).tensor();
                const auto V = operand(s, 1).tensor();
                Tensor& dP = grad(operand(s, 0));
                MatMap dV = grad_of_operand(s, 1);
                for (int64_t h = 0; h < H; ++h) {
                    const auto V_g = V->matrix().middleCols(kv(h), Dk);
                    matmul(g.slice(h), false, V_g, true, dP.slice(h), true);                     // dP_h += g_h · V_gᵀ
                    matmul(P->slice(h), true, g.slice(h), false, dV.middleCols(kv(h), Dk), true);  // dV_g += P_hᵀ · g_h
                }
                break;
            }
            case StageKind::AttentionWeights:  // P = softmax(masked) over each row
            case StageKind::Probabilities: {
                const auto P = s.tensor();
                Tensor& d = grad(operand(s, 0));
                if (P->rank() == 3)
                    for (int64_t h = 0; h < P->dim(0); ++h) d.slice(h) += softmax_backward(P->slice(h), g.slice(h));
                else
                    d.matrix() += softmax_backward(P->matrix(), g.matrix());
                break;
            }
            case StageKind::MaskedScores:  // scaled (+ bias) + mask: the bias and the mask are constants
                flat(grad(operand(s, 0))) += flat(g);
                break;
            case StageKind::ScaledScores: {  // scores / √d_k (Config::score_divisor)
                flat(grad(operand(s, 0))) += flat(g) / c_.score_divisor(s.at.layer);
                break;
            }
            case StageKind::Scores: {  // scores_h = Q_h · K_gᵀ, g = h's K/V head
                const auto Q = operand(s, 0).tensor(), K = operand(s, 1).tensor();
                MatMap dQ = grad_of_operand(s, 0), dK = grad_of_operand(s, 1);
                for (int64_t h = 0; h < H; ++h) {
                    matmul(g.slice(h), false, K->matrix().middleCols(kv(h), Dk), false, dQ.middleCols(h * Dk, Dk), true);  // dQ_h += d·K_g
                    matmul(g.slice(h), true, Q->matrix().middleCols(h * Dk, Dk), false, dK.middleCols(kv(h), Dk), true);  // dK_g += dᵀ·Q_h
                }
                break;
            }
            case StageKind::RotatedQuery:
            case StageKind::RotatedKey: {  // x' = R(p·θ)·x, over H query heads or H_kv key heads
                Mat d = g.matrix();
                rope_backward(d, s.kind == StageKind::RotatedKey ? H_kv : H, c_.pe_base, c_.rope_style, c_.rope_scaling);
                grad_of_operand(s, 0) += d;
                break;
            }
            case StageKind::Query:
            case StageKind::Key:
            case StageKind::Value: through_linear(s, g, projection(w_, s), projection(g_, s)); break;
            case StageKind::PositionalEncoding:  // learned: row p of pos_embedding.weight
                if (g_.positions) writable(*g_.positions).topRows(g.dim(0)) += g.matrix();
                break;
            case StageKind::TokenTypeEmbedding:  // row 0 of token_type_embeddings for every token
                if (g_.token_types) writable(*g_.token_types).row(0) += g.matrix().colwise().sum();
                break;
            case StageKind::HeadTransform: through_linear(s, g, w_.head_transform->dense, g_.head_transform->dense); break;
            case StageKind::TokenEmbedding: {  // row of embedding.weight for tokens of the vocab
                if (!g_.token_embedding) break;
                const auto& tokens = s.at.stack == StackKind::Target ? trace_.tgt_tokens : trace_.src_tokens;
                MatMap table = writable(*g_.token_embedding);
                if (!trace_.src_token_ids.empty() && s.at.stack == StackKind::Source) {  // an imported model: rows by id
                    for (size_t i = 0; i < trace_.src_token_ids.size(); ++i)
                        table.row(trace_.src_token_ids[i]) += g.matrix().row(static_cast<Eigen::Index>(i));
                    break;
                }
                const std::vector<std::string> labels = token_labels(c_, c_.vocab);  // as the trace labels its tokens
                for (size_t i = 0; i < tokens.size(); ++i) {
                    const auto row = std::find(labels.begin(), labels.end(), tokens[i]);
                    if (row != labels.end()) table.row(row - labels.begin()) += g.matrix().row(static_cast<Eigen::Index>(i));
                }
                break;
            }
            case StageKind::Logits: through_linear(s, g, *w_.generator, *g_.generator); break;
            case StageKind::QueryHeads:
            case StageKind::KeyHeads:
            case StageKind::ValueHeads:
            case StageKind::AlibiBias:
            case StageKind::Mask:
            case StageKind::Gradient:
            case StageKind::AttentionRollout:
            case StageKind::KvCache: break;  // copies for display, constants, or not part of the forward pass
        }
    }

    const Trace& trace_;
    const Config& c_;
    const ModelWeights& w_;
    const ModelWeights& g_;  // views of the parameters' gradient buffers
    std::vector<std::optional<Tensor>> grads_;  // by position in the trace; empty: the loss does not reach it
};

}  // namespace

StateDict zero_gradients(const Model& model) {
    StateDict zeros;
    for (const auto& [name, tensor] : model.weights) zeros.emplace(name, Tensor(tensor.shape));
    return zeros;
}

// Backward reads the weights as float32 matrices (map()); an imported model's BF16 ones are not.
static void require_float_weights(const Model& model) {
    if (model.compact)
        throw Error("gradients are computed for models whose weights are float32; this one keeps its matrices in BF16 as its folder stores them");
}

Gradients backward(const Model& model, const Trace& trace, const std::string& from, const Tensor& seed) {
    require_float_weights(model);
    Gradients g{zero_gradients(model), {}};
    const ModelWeights bound = model.bind(), grad_views = bind_weights(model.config, g.params);
    Backward pass(model, bound, trace, grad_views);
    pass.run(from, seed);
    g.stages = pass.stage_gradients();
    return g;
}

void backward_into(const Model& model, const ModelWeights& bound, const Trace& trace, const std::string& from,
                   const Tensor& seed, const ModelWeights& param_grads) {
    require_float_weights(model);
    Backward(model, bound, trace, param_grads).run(from, seed);
}

void add_gradient_stages(Trace& trace, const Gradients& gradients) {
    const size_t forward_stages = trace.stages().size();
    for (size_t i = forward_stages; i-- > 0;) {
        const Stage s = trace.stages()[i];  // a copy: adding stages may move the list
        auto g = gradients.stages.find(s.name);
        if (g == gradients.stages.end()) continue;
        StageInfo info{"grad." + s.name, StageKind::Gradient, s.at,
                       fill(translate_text("attn", "gradient of the loss with respect to %1: how the loss changes when each of its numbers grows"),
                            {s.name}),
                       "∂L/∂" + s.name, s.axes, {s.name}};
        trace.add(std::move(info), std::make_shared<const Tensor>(g->second), s.kind);
    }
}

void add_loss_and_gradients(Trace& trace, const Model& model, const std::vector<int64_t>& labels) {
    const LossResult loss = cross_entropy(trace.tensor("output.logits")->matrix(), labels);
    add_gradient_stages(trace, backward(model, trace, "output.logits", Tensor::from_matrix(loss.dlogits)));
    trace.loss = loss.loss;
    trace.labels = labels;
}

}  // namespace attn
