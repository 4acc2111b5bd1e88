#include "softmax.h"

#include <cmath>
#include <limits>

namespace attn {

bool softmax_row(Eigen::Ref<RowVec> row) {
    // 1. max, 2. exp(x - max), 3. divide by the sum.
    const float max = row.maxCoeff();
    if (max == -std::numeric_limits<float>::infinity()) {
        row.setZero();
        return false;
    }
    if (max == std::numeric_limits<float>::infinity()) {
        // Scores overflowed float (absurd inputs): the limit of softmax shares the weight among the +∞ entries.
        row = (row.array() == max).cast<float>();
        row /= row.sum();
        return true;
    }
    // Vectorised exp; it gives a denormal instead of 0 for −∞, so masked entries are set to exactly 0.
    // It runs on an aligned copy: Eigen handles an unaligned start with scalar code (another exp,
    // another summation order), so the same row at another address would round differently, and
    // a derived stage (StageData) would not match the kept one bit for bit.
    thread_local RowVec aligned;
    aligned = row;
    constexpr float kHidden = -std::numeric_limits<float>::infinity();
    aligned = (aligned.array() == kHidden).select(0.0f, (aligned.array() - max).exp());
    aligned /= aligned.sum();
    row = aligned;
    return true;
}

std::vector<int64_t> softmax_rows(MatRef x) {
    std::vector<int64_t> fully_masked;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        if (!softmax_row(x.row(i))) fully_masked.push_back(i);
    return fully_masked;
}

}  // namespace attn
