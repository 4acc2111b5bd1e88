// The kernels of one instruction-set level; CMake compiles this file once per level with
// ATTN_KERNEL_TABLE set to attn_kernels_<level>, the level's -m flags, and (above baseline)
// -DEigen=Eigen_<level>.
#include "engine/kernels/kernel_abi.h"

#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>

#include <limits>

namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Row = Eigen::Matrix<float, 1, Eigen::Dynamic>;
using ConstView = Eigen::Map<const RowMajor, Eigen::Unaligned, Eigen::OuterStride<>>;
using View = Eigen::Map<RowMajor, Eigen::Unaligned, Eigen::OuterStride<>>;

ConstView view(const AttnMatrixView& m) { return ConstView(m.data, m.rows, m.cols, Eigen::OuterStride<>(m.stride)); }

template <typename A, typename B>
void product(const A& a, const B& b, View& c, int accumulate) {
    if (accumulate) c.noalias() += a * b;
    else c.noalias() = a * b;
}

void matmul(AttnMatrixView a, int transpose_a, AttnMatrixView b, int transpose_b, float* c_data, int64_t c_rows,
            int64_t c_cols, int64_t c_stride, int accumulate) {
    View c(c_data, c_rows, c_cols, Eigen::OuterStride<>(c_stride));
    const ConstView A = view(a), B = view(b);
    if (transpose_a && transpose_b) product(A.transpose(), B.transpose(), c, accumulate);
    else if (transpose_a) product(A.transpose(), B, c, accumulate);
    else if (transpose_b) product(A, B.transpose(), c, accumulate);
    else product(A, B, c, accumulate);
}

int softmax_row(float* data, int64_t n) {
    Eigen::Map<Row> row(data, n);
    // 1. max, 2. exp(x - max), 3. divide by the sum.
    const float max = row.maxCoeff();
    constexpr float kInfinity = std::numeric_limits<float>::infinity();
    if (max == -kInfinity) {
        row.setZero();
        return 0;
    }
    if (max == kInfinity) {
        // Scores overflowed float (absurd inputs): the limit of softmax shares the weight among the +∞ entries.
        row = (row.array() == max).cast<float>();
        row /= row.sum();
        return 1;
    }
    // Vectorised exp; it gives a denormal instead of 0 for −∞, so masked entries are set to exactly 0.
    // It runs on an aligned copy: Eigen handles an unaligned start with scalar code (another exp,
    // another summation order), so the same row at another address would round differently, and
    // a derived stage (StageData) would not match the kept one bit for bit.
    // (select() is not vectorised in Eigen 3.4: the exp runs alone, then hidden entries are zeroed.)
    thread_local Row aligned;
    aligned = (row.array() - max).exp();
    for (Eigen::Index j = 0; j < n; ++j)
        if (row[j] == -kInfinity) aligned[j] = 0.0f;
    aligned /= aligned.sum();
    row = aligned;
    return 1;
}

int attend_row(const float* scores, float sqrt_dk, const float* mask, const float* bias, float* scaled, float* masked,
               float* weights, int64_t n) {
    using ConstRow = Eigen::Map<const Row>;
    const ConstRow s(scores, n), m(mask, n);
    Eigen::Map<Row> w(weights, n);
    if (scaled) {
        Eigen::Map<Row> scaled_row(scaled, n), masked_row(masked, n);
        scaled_row = s / sqrt_dk;
        masked_row = scaled_row + m;
        if (bias) masked_row += ConstRow(bias, n);
        w = masked_row;
    } else {  // the same operations in the same order, without storing the intermediates
        w = s / sqrt_dk + m;
        if (bias) w += ConstRow(bias, n);
    }
    return softmax_row(weights, n);
}

void gelu(float* data, int64_t rows, int64_t cols, int64_t stride) {
    View x(data, rows, cols, Eigen::OuterStride<>(stride));
    // Eigen's vectorised float erf (accurate to a few ulp), as PyTorch's CPU kernel vectorises it too.
    const float inv_sqrt2 = 0.70710678118654752440f;
    x.array() = 0.5f * x.array() * (1.0f + (x.array() * inv_sqrt2).erf());
}

}  // namespace

extern "C" const AttnKernels ATTN_KERNEL_TABLE = {matmul, softmax_row, attend_row, gelu};
