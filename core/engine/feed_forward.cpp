#include "engine/feed_forward.h"

#include "engine/kernels/kernels.h"
#include "base/i18n.h"
#include "engine/linear.h"

#include <unsupported/Eigen/SpecialFunctions>

#include <cmath>
#include <numbers>

namespace attn {

void apply_activation(Activation activation, MatRef x) {
    if (activation == Activation::Relu) {
        x = x.cwiseMax(0.0f);
        return;
    }
    if (activation == Activation::GeluTanh) {  // GPT-2's gelu_new, as transformers' NewGELUActivation
        const float c = static_cast<float>(std::sqrt(2.0 / std::numbers::pi));
        constexpr Eigen::Index kRows = 64;
        const Eigen::Index blocks = (x.rows() + kRows - 1) / kRows;
#pragma omp parallel for schedule(static) if (blocks > 1)
        for (Eigen::Index b = 0; b < blocks; ++b) {
            auto h = x.middleRows(b * kRows, std::min(kRows, x.rows() - b * kRows)).array();
            h = 0.5f * h * (1.0f + (c * (h + 0.044715f * h.cube())).tanh());
        }
        return;
    }
    // The GELU kernel of the CPU's level (engine/kernels/kernels.h) on blocks of a fixed number of
    // rows shared among the cores: the blocks, and so the numbers, do not depend on the core count.
    constexpr Eigen::Index kRows = 64;
    const Eigen::Index blocks = (x.rows() + kRows - 1) / kRows;
#pragma omp parallel for schedule(static) if (blocks > 1)
    for (Eigen::Index b = 0; b < blocks; ++b) gelu(x.middleRows(b * kRows, std::min(kRows, x.rows() - b * kRows)));
}

const char* activation_formula(Activation activation) {
    switch (activation) {
        case Activation::Relu: return "max(0, h)";
        case Activation::Gelu: return ATTN_TEXT("h·Φ(h) (exact GELU)");
        case Activation::GeluTanh: return ATTN_TEXT("0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³))) (GELU, tanh approximation)");
    }
    return "";
}

}  // namespace attn

namespace attn {

void swiglu(const ConstMatRef& gate, const ConstMatRef& up, MatRef out) {
    out = (gate.array() / (1.0f + (-gate.array()).exp()) * up.array()).matrix();  // act_fn(gate_proj(x)) * up_proj(x)
}

FeedForwardResult feed_forward(const FeedForwardWeights& w, FeedForwardKind kind, Activation activation, const ConstMatRef& x) {
    FeedForwardResult r;
    Mat hidden(x.rows(), w.linear1.weight.rows);
    linear(x, w.linear1.weight, w.linear1.bias, hidden);
    r.hidden = std::make_shared<const Tensor>(Tensor::from_matrix(hidden));
    switch (kind) {
        case FeedForwardKind::Standard: apply_activation(activation, hidden); break;
        case FeedForwardKind::SwiGlu: {
            Mat gate(x.rows(), w.gate->weight.rows);
            linear(x, w.gate->weight, w.gate->bias, gate);
            swiglu(gate, r.hidden->matrix(), hidden);
            r.gate = std::make_shared<const Tensor>(Tensor::from_matrix(gate));
            break;
        }
    }
    r.activated = std::move(hidden);
    r.output.resize(x.rows(), w.linear2.weight.rows);
    linear(r.activated, w.linear2.weight, w.linear2.bias, r.output);
    return r;
}

}  // namespace attn

namespace attn {

Mat activation_backward(Activation activation, const ConstMatRef& h, const ConstMatRef& da) {
    if (activation == Activation::Relu) return (h.array() > 0.0f).select(da, 0.0f);  // max(0, h)
    if (activation == Activation::GeluTanh) {
        // 0.5 · h · (1 + tanh(u)), u = c · (h + 0.044715 · h³)
        const float c = static_cast<float>(std::sqrt(2.0 / std::numbers::pi));
        const auto t = (c * (h.array() + 0.044715f * h.array().cube())).tanh();
        const auto du = c * (1.0f + 3.0f * 0.044715f * h.array().square());
        return (da.array() * (0.5f * (1.0f + t) + 0.5f * h.array() * (1.0f - t.square()) * du)).matrix();
    }
    // 0.5 · h · (1 + erf(h / √2))
    const float inv_sqrt2 = static_cast<float>(1.0 / std::numbers::sqrt2);
    const float inv_sqrt_2pi = static_cast<float>(1.0 / std::sqrt(2.0 * std::numbers::pi));
    const auto cdf = 0.5f * (1.0f + (h.array() * inv_sqrt2).erf());
    const auto pdf = inv_sqrt_2pi * (-0.5f * h.array().square()).exp();
    return (da.array() * (cdf + h.array() * pdf)).matrix();
}

void swiglu_backward(const ConstMatRef& gate, const ConstMatRef& up, const ConstMatRef& da, MatRef dgate, MatRef dup) {
    using Array = Eigen::Array<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Array sigma = 1.0f / (1.0f + (-gate.array()).exp());
    const Array silu = gate.array() * sigma;
    dup.array() += da.array() * silu;                                                      // a = silu(g) ⊙ u
    dgate.array() += da.array() * up.array() * sigma * (1.0f + gate.array() * (1.0f - sigma));
}

}  // namespace attn
