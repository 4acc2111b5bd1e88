#include "learn/loss.h"

#include <cmath>
#include <string>

namespace attn {

LossResult cross_entropy(const ConstMatRef& logits, const std::vector<int64_t>& labels, double scale) {
    const int64_t T = logits.rows(), V = logits.cols();
    if (static_cast<int64_t>(labels.size()) != T)
        throw Error("there are " + std::to_string(labels.size()) + " labels for " + std::to_string(T) +
                    " positions: give one label per position (−100 to ignore one)");
    LossResult r;
    r.dlogits = Mat::Zero(T, V);
    for (int64_t t = 0; t < T; ++t) {
        const int64_t y = labels[static_cast<size_t>(t)];
        if (y == kIgnoreLabel) continue;
        if (y < 0 || y >= V)
            throw Error("label " + std::to_string(y) + " at position " + std::to_string(t) + " is outside the vocabulary 0…" +
                        std::to_string(V - 1) + " (−100 ignores a position)");
        ++r.counted;
    }
    if (r.counted == 0) return r;
    const double per_position = scale / static_cast<double>(r.counted);
    for (int64_t t = 0; t < T; ++t) {
        const int64_t y = labels[static_cast<size_t>(t)];
        if (y == kIgnoreLabel) continue;
        // log softmax in double: loss_t = logsumexp(l) − l_y;  dloss_t/dl = softmax(l) − onehot(y)
        double max = -INFINITY;
        for (int64_t v = 0; v < V; ++v) max = std::max(max, static_cast<double>(logits(t, v)));
        double sum = 0;
        for (int64_t v = 0; v < V; ++v) sum += std::exp(logits(t, v) - max);
        r.loss += (std::log(sum) + max - logits(t, y)) / static_cast<double>(r.counted);
        for (int64_t v = 0; v < V; ++v)
            r.dlogits(t, v) = static_cast<float>((std::exp(logits(t, v) - max) / sum - (v == y ? 1.0 : 0.0)) * per_position);
    }
    return r;
}

}  // namespace attn
