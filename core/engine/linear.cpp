#include "engine/linear.h"

#include "engine/kernels/kernels.h"

#include <algorithm>

namespace attn {

void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out) {
    matmul(x, false, W, true, out, false);  // x · Wᵀ
    if (b.size() != 0) out.rowwise() += b;  // no bias: GPT-2's tied LM head
}

namespace {

// x · Wᵀ for W in BF16. A few rows of x (a generated token) read every weight once: each thread
// widens blocks small enough to stay in its cache and multiplies them. Many rows: blocks of
// about 16 MB, each multiplied on every core.
void multiply_bf16(const ConstMatRef& x, const WeightMatrix& W, MatRef out) {
    const int64_t in = W.cols, out_rows = W.rows;
    if (x.rows() < 16) {
        const int64_t block = std::max<int64_t>(1, 32768 / std::max<int64_t>(in, 1));
        const int64_t blocks = (out_rows + block - 1) / block;
#pragma omp parallel for schedule(static) if (blocks > 1 && x.rows() * out_rows * in >= (1 << 18))
        for (int64_t b = 0; b < blocks; ++b) {
            thread_local FloatBuffer wide;
            const int64_t first = b * block, count = std::min(block, out_rows - first);
            wide.resize(static_cast<size_t>(count * in));
            W.widen_rows(first, count, wide.data());
            matmul(x, false, ConstMatMap(wide.data(), count, in), true, out.middleCols(first, count), false);
        }
        return;
    }
    const int64_t block = std::max<int64_t>(1, (int64_t{4} << 20) / std::max<int64_t>(in, 1));
    thread_local FloatBuffer wide;
    for (int64_t first = 0; first < out_rows; first += block) {
        const int64_t count = std::min(block, out_rows - first);
        wide.resize(static_cast<size_t>(count * in));
        float* const into = wide.data();  // (the threads below have thread_locals of their own)
        const int64_t slices = std::max<int64_t>(1, count / 64);
#pragma omp parallel for schedule(static) if (slices > 1)
        for (int64_t s = 0; s < slices; ++s) {
            const int64_t r0 = count * s / slices, r1 = count * (s + 1) / slices;
            W.widen_rows(first + r0, r1 - r0, into + r0 * in);
        }
        matmul(x, false, ConstMatMap(wide.data(), count, in), true, out.middleCols(first, count), false);
    }
}

}  // namespace

void linear(const ConstMatRef& x, const WeightMatrix& W, const WeightVector& b, MatRef out) {
    if (!W.is_bf16()) return linear(x, W.map(), b.map(), out);
    multiply_bf16(x, W, out);
    if (b.size != 0) out.rowwise() += b.map();
}

}  // namespace attn

namespace attn {

void linear_backward(const ConstMatRef& x, const ConstMatRef& W, const ConstMatRef& dout, Mat* dx, MatRef dW,
                     Eigen::Ref<RowVec> db) {
    // out = x · Wᵀ + b
    if (dx) matmul(dout, false, W, false, *dx, true);  // dx += dout · W
    matmul(dout, true, x, false, dW, true);            // dW += doutᵀ · x
    if (db.size() != 0) db += dout.colwise().sum();  // GPT-2's LM head has no bias
}

}  // namespace attn
