#include "engine/rollout.h"

namespace attn {

Mat rollout_step(const Tensor& weights, const Mat* previous) {
    const int64_t H = weights.dim(0), T = weights.dim(1);
    Mat a = Mat::Zero(T, T);
    for (int64_t h = 0; h < H; ++h) a += weights.slice(h);
    a *= 0.5f / static_cast<float>(H);      // 0.5 · mean_h A
    a.diagonal().array() += 0.5f;           // + 0.5 · I
    for (int64_t i = 0; i < T; ++i) a.row(i) /= a.row(i).sum();  // a fully masked row (sum 0.5) becomes e_i
    return previous ? Mat(a * *previous) : a;
}

}  // namespace attn
