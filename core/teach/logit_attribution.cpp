#include "teach/logit_attribution.h"

#include "engine/interventions.h"

#include <cmath>

namespace attn {
namespace {

// The final norm read as a linear map at one position: term(c) = Σ_d u_d · (c_d − centre·mean(c)),
// u = W_U[t] ⊙ γ / scale, where the scale (σ or rms) is the real stream's.
struct FrozenNorm {
    RowVec u;
    bool centre = false;  // LayerNorm subtracts the mean; RMSNorm does not
    float term(const Eigen::Ref<const RowVec>& c) const {
        const float dot = u.dot(c);
        return centre ? dot - c.mean() * u.sum() : dot;
    }
};

const StackWeights& stack_of(const ModelWeights& w, StackKind stack) { return stack == StackKind::Decoder ? w.decoder : w.encoder; }

}  // namespace

LogitAttribution attribute_logit(const Model& model, const Trace& trace, int64_t position, int32_t token) {
    const Config& c = model.config;
    if (!c.norm_first)
        throw Error("direct logit attribution needs a pre-norm model (norm_first): in a post-norm model each layer norm rescales "
                    "everything before it, so no part reaches the logit directly");
    const ModelWeights w = model.bind();
    if (!w.generator || w.head_transform) throw Error("direct logit attribution reads the output head, and this model has none it can split");
    const StackKind stack_kind = predicting_stack(c);
    const StackWeights& stack = stack_of(w, stack_kind);
    const std::string stack_name = stack_kind == StackKind::Decoder ? "decoder" : "encoder";
    const int layers = static_cast<int>(stack.layers.size());
    const auto final_held = trace.tensor(stack_name + ".layers." + std::to_string(layers - 1) + ".output");  // alive while mapped
    const ConstMatMap final_stream = final_held->matrix();
    if (position < 0 || position >= final_stream.rows())
        throw Error("position " + std::to_string(position) + " is outside the text's " + std::to_string(final_stream.rows()) + " tokens");
    if (token < 0 || token >= w.generator->weight.rows) throw Error("token id " + std::to_string(token) + " is outside the vocabulary");

    LogitAttribution out;
    out.position = position, out.token = token;
    const RowVec x = final_stream.row(position);
    const RowVec unembed = w.generator->weight.row(token);
    FrozenNorm norm{unembed};
    out.constant = w.generator->bias.map().size() > 0 ? w.generator->bias.map()(token) : 0.0f;
    if (stack.final_norm) {
        const RowVec gamma = stack.final_norm->weight.map();
        norm.centre = c.norm == NormKind::LayerNorm;
        const float scale = norm.centre ? std::sqrt((x.array() - x.mean()).square().mean() + static_cast<float>(c.layer_norm_eps))
                                        : std::sqrt(x.array().square().mean() + static_cast<float>(c.layer_norm_eps));
        norm.u = unembed.cwiseProduct(gamma) / scale;
        if (norm.centre && stack.final_norm->bias.map().size() > 0) out.constant += unembed.dot(stack.final_norm->bias.map());
    }

    const int64_t H = c.nhead, Dk = c.head_dim();
    out.heads = Mat::Zero(layers, H);
    if (stack.layers.front().cross_attn) out.cross_heads = Mat::Zero(layers, H);
    out.attention_bias.assign(static_cast<size_t>(layers), 0.0f);
    out.feed_forward.assign(static_cast<size_t>(layers), 0.0f);
    const std::string first = stack_name + ".layers.0.residual1";
    out.embeddings = norm.term(trace.tensor(trace.find(first)->operands.at(0))->matrix().row(position));
    for (int l = 0; l < layers; ++l) {
        const std::string L = stack_name + ".layers." + std::to_string(l);
        const LayerWeights& lw = stack.layers[static_cast<size_t>(l)];
        // Attention: context_h · W_O[:, h]ᵀ per head, and b_O.
        const auto heads_of = [&](const std::string& block, const AttentionWeights& a, Mat& into) {
            const auto held = trace.tensor(block + ".context");  // alive while mapped (a big trace may derive it)
            const ConstMatMap context = held->matrix();
            const Mat wo = a.out.weight.dense();
            for (int64_t h = 0; h < H; ++h) {
                const RowVec part = context.row(position).segment(h * Dk, Dk) * wo.middleCols(h * Dk, Dk).transpose();
                into(l, h) = norm.term(part);
            }
            if (a.out.bias.map().size() > 0) out.attention_bias[static_cast<size_t>(l)] += norm.term(a.out.bias.map());
        };
        heads_of(L + ".self_attn", lw.self_attn, out.heads);
        if (lw.cross_attn) heads_of(L + ".multihead_attn", *lw.cross_attn, out.cross_heads);
        const int sublayers = lw.cross_attn ? 3 : 2;
        const Stage* last = trace.find(L + ".residual" + std::to_string(sublayers));  // x + FFN(LN(x)): operand 1 is the FFN's output
        out.feed_forward[static_cast<size_t>(l)] = norm.term(trace.tensor(last->operands.at(1))->matrix().row(position));
    }
    out.logit = trace.find("output.logits")->slice(position).data.at(static_cast<size_t>(token));  // one row, not T × V
    return out;
}

}  // namespace attn
