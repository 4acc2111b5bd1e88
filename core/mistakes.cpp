#include "mistakes.h"

#include "softmax.h"
#include "types.h"

#include <cmath>
#include <limits>

namespace attn {
namespace {

std::shared_ptr<const Tensor> stage_tensor(const Trace& trace, const std::string& name) {
    const Stage* s = trace.find(name);
    if (!s) throw Error("the trace has no stage '" + name + "'");
    return s->tensor();
}

Mat head_of(const Trace& trace, const std::string& name, int64_t head) {
    const auto t = stage_tensor(trace, name);
    if (t->rank() != 3 || head < 0 || head >= t->dim(0))
        throw Error("'" + name + "' has no head " + std::to_string(head));
    return t->slice(head);
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

}  // namespace

const char* to_string(Mistake m) {
    switch (m) {
        case Mistake::ForgotScale: return "forgot_scale";
        case Mistake::SoftmaxWrongAxis: return "softmax_wrong_axis";
        case Mistake::MixedHeads: return "mixed_heads";
        case Mistake::MaskAfterSoftmax: return "mask_after_softmax";
    }
    return "?";
}

std::vector<std::string> attention_blocks(const Trace& trace) {
    std::vector<std::string> out;
    const std::string suffix = ".weights";
    for (const Stage& s : trace.stages())
        if (s.name.size() > suffix.size() && s.name.ends_with(suffix) && s.name.find("_attn") != std::string::npos)
            out.push_back(s.name.substr(0, s.name.size() - suffix.size()));
    return out;
}

MistakeComparison compare_with_mistake(const Trace& trace, const std::string& block, int64_t head, Mistake mistake) {
    MistakeComparison out;
    out.correct = head_of(trace, block + ".weights", head);
    const Mat scores = head_of(trace, block + ".scores", head);
    const Mat scaled = head_of(trace, block + ".scaled_scores", head);
    const Mat masked = head_of(trace, block + ".masked_scores", head);
    const Mat bias_and_mask = masked - scaled;  // −∞ where hidden, else the ALiBi bias (or 0)
    const float inf = std::numeric_limits<float>::infinity();
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
            const bool rope = trace.find(block + ".q_rotated") != nullptr;
            const auto q = stage_tensor(trace, block + (rope ? ".q_rotated" : ".q"));
            const auto k = stage_tensor(trace, block + (rope ? ".k_rotated" : ".k"));
            const int64_t heads = trace.find(block + ".weights")->dim(0);
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
    }
    out.mistaken = std::move(wrong);
    out.correct_row_sums = row_sums(out.correct);
    out.mistaken_row_sums = row_sums(out.mistaken);
    out.correct_max = out.correct.maxCoeff();
    out.mistaken_max = out.mistaken.maxCoeff();
    return out;
}

}  // namespace attn
