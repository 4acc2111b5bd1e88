// The one matrix-compare helper of the tests: shapes first, then the first
// mismatching element and the largest difference.
#pragma once

#include "reference_transformer.h"
#include "base/tensor.h"
#include "engine/forward.h"
#include "engine/kernels/kernels.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace attn::test {

// |a - b| <= tol · max(1, |b|): absolute near 0, relative for large values.
inline ::testing::AssertionResult near(const Tensor& actual, const std::vector<int64_t>& shape,
                                       const std::vector<double>& expected, double tol) {
    if (actual.shape != shape)
        return ::testing::AssertionFailure() << "shape " << shape_to_string(actual.shape) << " != expected "
                                             << shape_to_string(shape);
    double worst = 0;
    int64_t first = -1;
    for (size_t i = 0; i < expected.size(); ++i) {
        const double a = actual.data[i], e = expected[i];
        const bool both_inf = std::isinf(a) && std::isinf(e) && (a > 0) == (e > 0);
        const double diff = both_inf ? 0.0 : std::abs(a - e) / std::max(1.0, std::abs(e));
        if (!(diff <= tol) && first < 0) first = static_cast<int64_t>(i);
        if (!(diff <= worst)) worst = diff;
    }
    if (first < 0) return ::testing::AssertionSuccess();
    std::ostringstream where;
    int64_t rest = first;
    for (size_t d = shape.size(); d-- > 0;) {
        where.str(std::to_string(rest % shape[d]) + (d + 1 < shape.size() ? "," : "") + where.str());
        rest /= shape[d];
    }
    return ::testing::AssertionFailure() << "first mismatch at [" << where.str() << "]: " << actual.data[static_cast<size_t>(first)]
                                         << " vs expected " << expected[static_cast<size_t>(first)]
                                         << "; largest relative difference " << worst << " (tolerance " << tol << ")";
}

inline ::testing::AssertionResult near(const Tensor& actual, const Tensor& expected, double tol) {
    return near(actual, expected.shape, std::vector<double>(expected.data.begin(), expected.data.end()), tol);
}

inline ::testing::AssertionResult near(const Tensor& actual, const ref::Matrix& expected, double tol) {
    std::vector<double> flat;
    for (const auto& row : expected) flat.insert(flat.end(), row.begin(), row.end());
    const int64_t cols = expected.empty() ? 0 : static_cast<int64_t>(expected[0].size());
    return near(actual, {static_cast<int64_t>(expected.size()), cols}, flat, tol);
}

inline ::testing::AssertionResult near(const Tensor& actual, const std::vector<ref::Matrix>& per_head, double tol) {
    std::vector<double> flat;
    for (const auto& m : per_head)
        for (const auto& row : m) flat.insert(flat.end(), row.begin(), row.end());
    const auto H = static_cast<int64_t>(per_head.size());
    const auto T = static_cast<int64_t>(per_head[0].size());
    const auto S = static_cast<int64_t>(per_head[0][0].size());
    return near(actual, {H, T, S}, flat, tol);
}

// A small encoder with a causal mask (d_model 8, 2 heads), as several teaching tests use.
// The kernels above the baseline round differently (FMA), and machines differ in what they have:
// bit-exact checks (stage digests, retraining the shipped models) use the baseline kernels, which
// every x86-64 runs the same way, for as long as this lives. (test_matmul.cpp checks the other
// levels against the baseline within float precision.)
struct BaselineKernels {
    BaselineKernels() { set_kernel_level(KernelLevel::Baseline); }
    ~BaselineKernels() { set_kernel_level(previous); }
    KernelLevel previous = kernel_level();
};

inline Config small_causal() {
    Config c;
    c.d_model = 8;
    c.nhead = 2;
    c.causal = true;
    return c;
}

// The trace of `text` through the seed's weights of `c`.
inline Trace causal_trace(const Config& c, const std::string& text = "the cat sat on the mat") {
    const Model model = make_model(c);
    Inputs in{sequence_from_text(model, text), {}};
    return run_forward(model, in);
}

// Naive row softmax in double, −∞ → 0.
inline std::vector<double> naive_softmax(const std::vector<double>& x) {
    double m = -INFINITY, sum = 0;
    for (double v : x) m = std::max(m, v);
    std::vector<double> out(x.size());
    for (size_t i = 0; i < x.size(); ++i) sum += out[i] = std::isinf(x[i]) ? 0 : std::exp(x[i] - m);
    for (double& v : out) v /= sum;
    return out;
}

}  // namespace attn::test
