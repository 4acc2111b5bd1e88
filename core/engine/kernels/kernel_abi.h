// The C interface between the dispatcher (kernels.cpp) and the kernels (kernel_impl.cpp, compiled
// once per instruction-set level with Eigen's namespace renamed, so that no inline function of one
// level can stand in for another's at link time). Only plain types cross it.
#pragma once

#include <cstdint>

extern "C" {

struct AttnMatrixView {
    const float* data;
    int64_t rows, cols, stride;  // row-major; stride = distance between rows
};

struct AttnKernels {
    // c (=, or += when accumulate) op(a) · op(b); c is c_rows × c_cols with row stride c_stride.
    void (*matmul)(AttnMatrixView a, int transpose_a, AttnMatrixView b, int transpose_b, float* c, int64_t c_rows,
                   int64_t c_cols, int64_t c_stride, int accumulate);
    // softmax of a contiguous row in place; 0 when every entry is −∞ (the row is then all 0).
    int (*softmax_row)(float* row, int64_t n);
    // One row of one attention head: weights = softmax(scores / sqrt_dk + mask (+ bias)), keeping
    // scaled = scores / sqrt_dk and masked = scaled + mask (+ bias) when those are not null; bias may
    // be null. Returns softmax_row's result.
    int (*attend_row)(const float* scores, float sqrt_dk, const float* mask, const float* bias, float* scaled, float* masked,
                      float* weights, int64_t n);
    // Exact GELU, x · Φ(x), in place on a rows × cols block with row stride `stride`.
    void (*gelu)(float* data, int64_t rows, int64_t cols, int64_t stride);
};

// One table per level; ATTN_KERNEL_TABLE names it in kernel_impl.cpp.
extern const AttnKernels attn_kernels_baseline;
extern const AttnKernels attn_kernels_avx2;
extern const AttnKernels attn_kernels_avx512;
}
