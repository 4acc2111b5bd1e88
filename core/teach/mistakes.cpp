#include "teach/mistakes.h"

#include "engine/softmax.h"
#include "base/tensor.h"

#include <cmath>
#include <limits>

namespace attn {
namespace {

// The coordinates of the attention block whose path is `block` ("encoder.layers.0.self_attn").
StageCoords block_named(const Trace& trace, const std::string& block) {
    for (const Stage& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights && s.at.block_path() == block) return s.at;
    throw Error("the trace has no attention block '" + block + "'");
}

std::shared_ptr<const Tensor> stage_tensor(const Trace& trace, StageKind kind, const StageCoords& at) {
    const Stage* s = trace.find(kind, at);
    if (!s) throw Error("the trace has no " + std::string(to_string(kind)) + " stage in '" + at.block_path() + "'");
    return s->tensor();
}

// One head of an (H, T, S) stage: a big trace derives that head alone (4 MB at 1024 tokens, not 50).
Mat head_of(const Trace& trace, StageKind kind, const StageCoords& at, int64_t head) {
    const Stage* s = trace.find(kind, at);
    if (!s) throw Error("the trace has no " + std::string(to_string(kind)) + " stage in '" + at.block_path() + "'");
    if (s->rank() != 3 || head < 0 || head >= s->dim(0)) throw Error("'" + s->name + "' has no head " + std::to_string(head));
    return s->slice(head).matrix();
}

std::vector<float> row_sums(const Mat& m) {
    std::vector<float> out(static_cast<size_t>(m.rows()));
    for (int64_t i = 0; i < m.rows(); ++i) out[static_cast<size_t>(i)] = m.row(i).sum();
    return out;
}

// Q (T, D) taken in memory order as if it were (H, T, d_k): head h is the
// h-th run of T·d_k floats, which spans several tokens' features.
Mat misreshaped_head(const Tensor& x, int64_t heads, int64_t head) {
    const int64_t T = x.dim(0), D = x.dim(1), Dk = D / heads;
    return ConstMatMap(x.data.data() + head * T * Dk, T, Dk);
}

// Columns [h·d_k, (h+1)·d_k) of a (T, D) stage.
Mat head_columns(const Tensor& x, int64_t heads, int64_t head) {
    const int64_t Dk = x.dim(1) / heads;
    return x.matrix().middleCols(head * Dk, Dk);
}

const AttentionWeights& block_weights(const ModelWeights& w, const StageCoords& at) {
    const StackWeights& stack = at.stack == StackKind::Decoder ? w.decoder : w.encoder;
    const LayerWeights& layer = stack.layers.at(static_cast<size_t>(at.layer));
    return at.block == BlockKind::CrossAttention ? *layer.cross_attn : layer.self_attn;
}

}  // namespace

const char* to_string(Mistake m) {
    switch (m) {
        case Mistake::ForgotScale: return "forgot_scale";
        case Mistake::SoftmaxWrongAxis: return "softmax_wrong_axis";
        case Mistake::MixedHeads: return "mixed_heads";
        case Mistake::MaskAfterSoftmax: return "mask_after_softmax";
        case Mistake::ValueInScore: return "value_in_score";
        case Mistake::ChainedHeads: return "chained_heads";
        case Mistake::NoScores: return "no_scores";
        case Mistake::ElementwiseCross: return "elementwise_cross";
    }
    return "?";
}

int source_article(Mistake m) {
    switch (m) {
        case Mistake::ValueInScore: return 3;
        case Mistake::ChainedHeads: return 1;
        case Mistake::NoScores:
        case Mistake::ElementwiseCross: return 4;
        case Mistake::ForgotScale:
        case Mistake::SoftmaxWrongAxis:
        case Mistake::MixedHeads:
        case Mistake::MaskAfterSoftmax: return 0;
    }
    return 0;
}

std::vector<std::string> attention_blocks(const Trace& trace) {
    std::vector<std::string> out;
    for (const Stage& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) out.push_back(s.at.block_path());
    return out;
}

MistakeComparison compare_with_mistake(const Trace& trace, const Model& model, const std::string& block, int64_t head,
                                       Mistake mistake) {
    MistakeComparison out;
    const StageCoords at = block_named(trace, block);
    out.correct = head_of(trace, StageKind::AttentionWeights, at, head);
    const Mat scores = head_of(trace, StageKind::Scores, at, head);
    const Mat scaled = head_of(trace, StageKind::ScaledScores, at, head);
    const Mat masked = head_of(trace, StageKind::MaskedScores, at, head);
    const Mat bias_and_mask = masked - scaled;  // −∞ where hidden, else the ALiBi bias (or 0)
    const float inf = std::numeric_limits<float>::infinity();
    const int64_t heads = trace.find(StageKind::AttentionWeights, at)->dim(0);
    const float sqrt_dk = std::sqrt(static_cast<float>(model.config.d_model / heads));
    Mat wrong;
    switch (mistake) {
        case Mistake::ForgotScale:
            wrong = scores + bias_and_mask;
            softmax_rows(wrong);
            break;
        case Mistake::SoftmaxWrongAxis: {
            Mat transposed = masked.transpose();
            softmax_rows(transposed);
            wrong = transposed.transpose();
            break;
        }
        case Mistake::MixedHeads: {
            const bool rope = trace.find(StageKind::RotatedQuery, at) != nullptr;
            const auto q = stage_tensor(trace, rope ? StageKind::RotatedQuery : StageKind::Query, at);
            const auto k = stage_tensor(trace, rope ? StageKind::RotatedKey : StageKind::Key, at);
            const Mat qh = misreshaped_head(*q, heads, head), kh = misreshaped_head(*k, heads, head);
            wrong = (qh * kh.transpose()) / std::sqrt(static_cast<float>(qh.cols())) + bias_and_mask;
            softmax_rows(wrong);
            break;
        }
        case Mistake::MaskAfterSoftmax:
            wrong = scaled + bias_and_mask.unaryExpr([inf](float v) { return v == -inf ? 0.0f : v; });
            softmax_rows(wrong);
            wrong = wrong.cwiseProduct(bias_and_mask.unaryExpr([inf](float v) { return v == -inf ? 0.0f : 1.0f; }));
            break;
        case Mistake::ValueInScore: {  // α_ij = softmax_j(q_i·k_j + v_i·k_j / √d_k), as article 003 writes it
            const Mat k = head_columns(*stage_tensor(trace, StageKind::Key, at), heads, head);
            const Mat v = head_columns(*stage_tensor(trace, StageKind::Value, at), heads, head);
            if (v.rows() != scores.rows()) throw Error("value_in_score needs as many values as queries: use a self-attention block");
            wrong = scores + (v * k.transpose()) / sqrt_dk + bias_and_mask;
            softmax_rows(wrong);
            break;
        }
        case Mistake::ChainedHeads: {  // Q⁽²⁾ = W_Q·Q⁽¹⁾, K⁽²⁾ = W_K·K⁽¹⁾ (article 001), then the usual head
            const ModelWeights bound = model.bind();
            const AttentionWeights& w = block_weights(bound, at);
            const Mat q2 = stage_tensor(trace, StageKind::Query, at)->matrix() * w.q.weight.dense().transpose();
            const Mat k2 = stage_tensor(trace, StageKind::Key, at)->matrix() * w.k.weight.dense().transpose();
            const int64_t Dk = q2.cols() / heads;
            wrong = (q2.middleCols(head * Dk, Dk) * k2.middleCols(head * Dk, Dk).transpose()) / sqrt_dk + bias_and_mask;
            softmax_rows(wrong);
            break;
        }
        case Mistake::NoScores:          // K = f(Q), V = g(K): each output comes from its own token only
        case Mistake::ElementwiseCross:  // softmax(q/√d) ⊙ v: target i meets source i and nothing else
            wrong = Mat::Identity(scores.rows(), scores.cols());
            break;
    }
    out.mistaken = std::move(wrong);
    out.correct_row_sums = row_sums(out.correct);
    out.mistaken_row_sums = row_sums(out.mistaken);
    out.correct_max = out.correct.maxCoeff();
    out.mistaken_max = out.mistaken.maxCoeff();
    return out;
}

}  // namespace attn
