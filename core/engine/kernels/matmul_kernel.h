// The C interface between the dispatcher (matmul.cpp) and the kernels (matmul_kernel.cpp,
// compiled once per instruction-set level with Eigen's namespace renamed, so that no inline
// function of one level can stand in for another's at link time). Only plain types cross it.
#pragma once

#include <cstdint>

extern "C" {

struct AttnMatrixView {
    const float* data;
    int64_t rows, cols, stride;  // row-major; stride = distance between rows
};

using AttnMatmulKernel = void (*)(AttnMatrixView a, int transpose_a, AttnMatrixView b, int transpose_b, float* c,
                                  int64_t c_rows, int64_t c_cols, int64_t c_stride, int accumulate);

void attn_matmul_baseline(AttnMatrixView, int, AttnMatrixView, int, float*, int64_t, int64_t, int64_t, int);
void attn_matmul_avx2(AttnMatrixView, int, AttnMatrixView, int, float*, int64_t, int64_t, int64_t, int);
void attn_matmul_avx512(AttnMatrixView, int, AttnMatrixView, int, float*, int64_t, int64_t, int64_t, int);
}
