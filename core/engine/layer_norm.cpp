#include "engine/layer_norm.h"

#include <cmath>

namespace attn {

void layer_norm(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, const Eigen::Ref<const RowVec>& bias,
                double eps, MatRef out) {
    const Eigen::Index D = x.cols();
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        // Moments in double: PyTorch's float kernel is itself more accurate than a naive float sum.
        double mean = 0.0;
        for (Eigen::Index j = 0; j < D; ++j) mean += x(i, j);
        mean /= static_cast<double>(D);
        double var = 0.0;
        for (Eigen::Index j = 0; j < D; ++j) var += (x(i, j) - mean) * (x(i, j) - mean);
        var /= static_cast<double>(D);
        const float mean_f = to_float(mean);
        const float inv_std = to_float(1.0 / std::sqrt(var + eps));  // a tiny ε with a constant row can exceed float
        for (Eigen::Index j = 0; j < D; ++j) out(i, j) = (x(i, j) - mean_f) * inv_std * weight[j] + bias[j];
    }
}

}  // namespace attn
