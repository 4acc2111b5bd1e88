// The engine's hot loops — the matrix products, c (=, or += when accumulating) op(a) · op(b), the
// softmax of a row (engine/softmax.h) and a row of one attention head's scale, mask and softmax —
// computed by kernels compiled for an instruction-set
// level and chosen once at start-up from what the CPU has:
//   baseline   x86-64 (SSE2), what the rest of the portable binary is built for
//   avx2       x86-64-v3: AVX2 + FMA
//   avx512     x86-64-v4: AVX-512 F/BW/DQ/VL
// ATTN_KERNELS=baseline|avx2|avx512 in the environment picks a level (if the CPU has it).
// Each level computes the same numbers on every machine; levels differ from one another in
// rounding (FMA), within float32's precision, so bit-exact checks pin the baseline level.
#pragma once

#include "base/tensor.h"

#include <string>
#include <vector>

namespace attn {

enum class KernelLevel { Baseline, Avx2, Avx512 };

KernelLevel kernel_level();  // in use
const char* to_string(KernelLevel level);  // "baseline", "avx2", "avx512"
// "x86-64 (SSE2)", "x86-64-v3 (AVX2, FMA)", "x86-64-v4 (AVX-512)"
const char* instruction_set(KernelLevel level);
bool kernel_level_supported(KernelLevel level);  // built in, and this CPU has it
std::vector<KernelLevel> supported_kernel_levels();
// Throws attn::Error when the level is not supported here.
void set_kernel_level(KernelLevel level);
// Why ATTN_KERNELS was not followed (unknown name, or a level this CPU lacks); empty when it was
// or is not set.
std::string kernels_request_problem();

// c = op(a) · op(b), or c += … when accumulate; op transposes when asked. Row-major operands
// (blocks of row-major matrices included); the sizes must agree.
void matmul(const ConstMatRef& a, bool transpose_a, const ConstMatRef& b, bool transpose_b, MatRef c, bool accumulate);

// One row of one attention head (contiguous rows of n floats): weights = softmax(scores / √d_k +
// mask (+ bias)), keeping scaled and masked when they are not null; bias may be null. False when
// every key of the row is masked (the weights are then 0).
// Exact GELU in place, x · Φ(x) = 0.5 · x · (1 + erf(x / √2)).
void gelu(MatRef x);

bool attend_row(const float* scores, float sqrt_dk, const float* mask, const float* bias, float* scaled, float* masked,
                float* weights, int64_t n);

}  // namespace attn
