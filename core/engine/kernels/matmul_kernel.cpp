// One matmul kernel; CMake compiles this file once per level with ATTN_KERNEL_NAME set to
// attn_matmul_<level>, the level's -m flags, and (above baseline) -DEigen=Eigen_<level>.
#include "engine/kernels/matmul_kernel.h"

#include <Eigen/Core>

namespace {

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstView = Eigen::Map<const RowMajor, Eigen::Unaligned, Eigen::OuterStride<>>;
using View = Eigen::Map<RowMajor, Eigen::Unaligned, Eigen::OuterStride<>>;

ConstView view(const AttnMatrixView& m) { return ConstView(m.data, m.rows, m.cols, Eigen::OuterStride<>(m.stride)); }

template <typename A, typename B>
void product(const A& a, const B& b, View& c, int accumulate) {
    if (accumulate) c.noalias() += a * b;
    else c.noalias() = a * b;
}

}  // namespace

extern "C" void ATTN_KERNEL_NAME(AttnMatrixView a, int transpose_a, AttnMatrixView b, int transpose_b, float* c_data,
                                 int64_t c_rows, int64_t c_cols, int64_t c_stride, int accumulate) {
    View c(c_data, c_rows, c_cols, Eigen::OuterStride<>(c_stride));
    const ConstView A = view(a), B = view(b);
    if (transpose_a && transpose_b) product(A.transpose(), B.transpose(), c, accumulate);
    else if (transpose_a) product(A.transpose(), B, c, accumulate);
    else if (transpose_b) product(A, B.transpose(), c, accumulate);
    else product(A, B, c, accumulate);
}
