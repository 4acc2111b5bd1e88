#include "engine/kernels/kernels.h"

#include "engine/kernels/kernel_abi.h"
#include "engine/softmax.h"

#include <atomic>
#include <cassert>
#include <cstdlib>
#include <string>

namespace attn {
namespace {

struct Level {
    KernelLevel level;
    const char* name;
    const char* instruction_set;
    const AttnKernels* kernels;  // null when not built for this architecture
};

const Level kLevels[] = {
#if defined(ATTN_NATIVE_BUILD)
    {KernelLevel::Baseline, "baseline", "this machine's (-march=native)", &attn_kernels_baseline},
#else
    {KernelLevel::Baseline, "baseline", "x86-64 (SSE2)", &attn_kernels_baseline},
#endif
#if defined(ATTN_MULTI_ISA)
    {KernelLevel::Avx2, "avx2", "x86-64-v3 (AVX2, FMA)", &attn_kernels_avx2},
    {KernelLevel::Avx512, "avx512", "x86-64-v4 (AVX-512)", &attn_kernels_avx512},
#else
    {KernelLevel::Avx2, "avx2", "x86-64-v3 (AVX2, FMA)", nullptr},
    {KernelLevel::Avx512, "avx512", "x86-64-v4 (AVX-512)", nullptr},
#endif
};

const Level& level_of(KernelLevel level) { return kLevels[static_cast<int>(level)]; }

bool cpu_has(KernelLevel level) {
#if defined(ATTN_MULTI_ISA)
    __builtin_cpu_init();
    switch (level) {
        case KernelLevel::Baseline: return true;
        case KernelLevel::Avx2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
        case KernelLevel::Avx512:
            return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                   __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
    }
#endif
    return level == KernelLevel::Baseline;
}

// The best level this CPU has, unless ATTN_KERNELS asks for a supported one.
KernelLevel initial_level() {
    if (const char* asked = std::getenv("ATTN_KERNELS"))
        for (const Level& l : kLevels)
            if (asked == std::string(l.name) && kernel_level_supported(l.level)) return l.level;
    for (KernelLevel level : {KernelLevel::Avx512, KernelLevel::Avx2})
        if (kernel_level_supported(level)) return level;
    return KernelLevel::Baseline;
}

// Read on every product, from every thread; set once at start-up (tests and benchmarks may set it
// again between computations).
std::atomic<KernelLevel>& current() {
    static std::atomic<KernelLevel> level{initial_level()};
    return level;
}

AttnMatrixView view_of(const ConstMatRef& m) { return {m.data(), m.rows(), m.cols(), m.outerStride()}; }

}  // namespace

const char* to_string(KernelLevel level) { return level_of(level).name; }
const char* instruction_set(KernelLevel level) { return level_of(level).instruction_set; }
bool kernel_level_supported(KernelLevel level) { return level_of(level).kernels && cpu_has(level); }

std::vector<KernelLevel> supported_kernel_levels() {
    std::vector<KernelLevel> out;
    for (const Level& l : kLevels)
        if (kernel_level_supported(l.level)) out.push_back(l.level);
    return out;
}

KernelLevel kernel_level() { return current().load(std::memory_order_relaxed); }

std::string kernels_request_problem() {
    const char* asked = std::getenv("ATTN_KERNELS");
    if (!asked) return {};
    for (const Level& l : kLevels)
        if (asked == std::string(l.name))
            return kernel_level_supported(l.level) ? std::string()
                                                   : "ATTN_KERNELS=" + std::string(asked) + ": this CPU or build has no " + l.name +
                                                         " kernels; using " + to_string(kernel_level());
    return "ATTN_KERNELS=" + std::string(asked) + " is not one of baseline, avx2, avx512; using " + to_string(kernel_level());
}

void set_kernel_level(KernelLevel level) {
    if (!kernel_level_supported(level))
        throw Error(std::string("this CPU or build has no ") + to_string(level) + " kernels");
    current().store(level, std::memory_order_relaxed);
}

void matmul(const ConstMatRef& a, bool transpose_a, const ConstMatRef& b, bool transpose_b, MatRef c, bool accumulate) {
    assert((transpose_a ? a.cols() : a.rows()) == c.rows() && (transpose_b ? b.rows() : b.cols()) == c.cols() &&
           (transpose_a ? a.rows() : a.cols()) == (transpose_b ? b.cols() : b.rows()));
    level_of(kernel_level()).kernels->matmul(view_of(a), transpose_a, view_of(b), transpose_b, c.data(), c.rows(), c.cols(),
                                        c.outerStride(), accumulate);
}

bool attend_row(const float* scores, float sqrt_dk, const float* mask, const float* bias, float* scaled, float* masked,
                float* weights, int64_t n) {
    return level_of(kernel_level()).kernels->attend_row(scores, sqrt_dk, mask, bias, scaled, masked, weights, n) != 0;
}

void gelu(MatRef x) { level_of(kernel_level()).kernels->gelu(x.data(), x.rows(), x.cols(), x.outerStride()); }

bool softmax_row(Eigen::Ref<RowVec> row) { return level_of(kernel_level()).kernels->softmax_row(row.data(), row.size()) != 0; }

}  // namespace attn
