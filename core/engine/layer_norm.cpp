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

// mean(x²) of row i in double (torch's float mean sums pairwise, closer to this than a float loop).
double row_mean_square(const ConstMatRef& x, Eigen::Index i) {
    double sum = 0.0;
    for (Eigen::Index j = 0; j < x.cols(); ++j) sum += static_cast<double>(x(i, j)) * x(i, j);
    return sum / static_cast<double>(x.cols());
}

}  // namespace

void rms_norm(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, double eps, MatRef out) {
    const Eigen::Index D = x.cols();
#pragma omp parallel for schedule(static) if (x.rows() * D >= (1 << 16))
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const float r = to_float(1.0 / std::sqrt(row_mean_square(x, i) + eps));
        for (Eigen::Index j = 0; j < D; ++j) out(i, j) = weight[j] * (x(i, j) * r);  // self.weight * (x * rsqrt(var + ε))
    }
}

void rms_norm_backward(const ConstMatRef& x, const Eigen::Ref<const RowVec>& weight, double eps, const ConstMatRef& dout,
                       MatRef dx, Eigen::Ref<RowVec> dweight) {
    const Eigen::Index D = x.cols();
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double r = 1.0 / std::sqrt(row_mean_square(x, i) + eps);
        // out = γ ⊙ x · r
        double gx_mean = 0.0;
        for (Eigen::Index j = 0; j < D; ++j) {
            dweight[j] += static_cast<float>(dout(i, j) * x(i, j) * r);
            gx_mean += static_cast<double>(dout(i, j)) * weight[j] * x(i, j);
        }
        gx_mean /= static_cast<double>(D);
        // r = (mean(x²) + ε)^(−1/2): dx = r·g − r³·x·mean(g·x)
        for (Eigen::Index j = 0; j < D; ++j)
            dx(i, j) += static_cast<float>(r * dout(i, j) * weight[j] - r * r * r * x(i, j) * gx_mean);
    }
}

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
