#include "feed_forward.h"

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
