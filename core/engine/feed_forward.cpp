#include "engine/feed_forward.h"

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
    const float inv_sqrt2 = static_cast<float>(1.0 / std::numbers::sqrt2);
    // Eigen's vectorised float erf (accurate to a few ulp), as PyTorch's CPU kernel vectorises it too.
    x.array() = 0.5f * x.array() * (1.0f + (x.array() * inv_sqrt2).erf());
}

}  // namespace attn

namespace attn {

FeedForwardResult feed_forward(const FeedForwardWeights& w, Activation activation, const ConstMatRef& x) {
    FeedForwardResult r;
    Mat hidden(x.rows(), w.linear1.weight.rows);
    linear(x, w.linear1.weight.map(), w.linear1.bias.map(), hidden);
    r.hidden = std::make_shared<const Tensor>(Tensor::from_matrix(hidden));
    apply_activation(activation, hidden);
    r.activated = std::move(hidden);
    r.output.resize(x.rows(), w.linear2.weight.rows);
    linear(r.activated, w.linear2.weight.map(), w.linear2.bias.map(), r.output);
    return r;
}

}  // namespace attn
