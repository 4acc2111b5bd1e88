#include "engine/layer_norm.h"

#include <cmath>

namespace attn {
namespace {

struct Moments {
    double mean, var;
};

// Moments in double: PyTorch's float kernel is itself more accurate than a naive float sum.
Moments row_moments(const ConstMatRef& x, Eigen::Index i) {
    const Eigen::Index D = x.cols();
    double mean = 0.0;
    for (Eigen::Index j = 0; j < D; ++j) mean += x(i, j);
    mean /= static_cast<double>(D);
    double var = 0.0;
    for (Eigen::Index j = 0; j < D; ++j) var += (x(i, j) - mean) * (x(i, j) - mean);
    var /= static_cast<double>(D);
    return {mean, var};
}

}  // namespace

void layer_norm(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, const Eigen::Ref<const RowVec>& bias,
                double eps, MatRef out) {
    const Eigen::Index D = x.cols();
    // Rows are independent: shared among the cores when there are enough to be worth it.
#pragma omp parallel for schedule(static) if (x.rows() * D >= (1 << 16))
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const auto [mean, var] = row_moments(x, i);
        const float mean_f = to_float(mean);
        const float inv_std = to_float(1.0 / std::sqrt(var + eps));  // a tiny ε with a constant row can exceed float
        for (Eigen::Index j = 0; j < D; ++j) out(i, j) = (x(i, j) - mean_f) * inv_std * weight[j] + bias[j];
    }
}

void layer_norm_backward(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, double eps, const ConstMatRef& dout,
                         MatRef dx, Eigen::Ref<RowVec> dweight, Eigen::Ref<RowVec> dbias) {
    const Eigen::Index D = x.cols();
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const auto [mean, var] = row_moments(x, i);  // the same moments as the forward pass
        const double inv_std = 1.0 / std::sqrt(var + eps);
        // out = x̂ · γ + β
        double g_mean = 0.0, gx_mean = 0.0;
        for (Eigen::Index j = 0; j < D; ++j) {
            const double xhat = (x(i, j) - mean) * inv_std;
            const double g = static_cast<double>(dout(i, j)) * weight[j];
            dweight[j] += static_cast<float>(dout(i, j) * xhat);
            dbias[j] += dout(i, j);
            g_mean += g;
            gx_mean += g * xhat;
        }
        g_mean /= static_cast<double>(D);
        gx_mean /= static_cast<double>(D);
        // x̂ = (x − mean)/σ: dx = (g − mean(g) − x̂·mean(g·x̂)) / σ
        for (Eigen::Index j = 0; j < D; ++j) {
            const double xhat = (x(i, j) - mean) * inv_std;
            const double g = static_cast<double>(dout(i, j)) * weight[j];
            dx(i, j) += static_cast<float>((g - g_mean - xhat * gx_mean) * inv_std);
        }
    }
}

}  // namespace attn
