#include "feed_forward.h"

#include <cmath>
#include <numbers>

namespace attn {

void apply_activation(Activation activation, MatRef x) {
    if (activation == Activation::Relu) {
        x = x.cwiseMax(0.0f);
        return;
    }
    const float inv_sqrt2 = static_cast<float>(1.0 / std::numbers::sqrt2);
    x = x.unaryExpr([inv_sqrt2](float v) { return 0.5f * v * (1.0f + std::erf(v * inv_sqrt2)); });
}

}  // namespace attn
