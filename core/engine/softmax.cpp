#include "engine/softmax.h"

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
    // (select() is not vectorised in Eigen 3.4: the exp runs alone, then hidden entries are zeroed.)
    thread_local RowVec aligned;
    aligned = (row.array() - max).exp();
    constexpr float kHidden = -std::numeric_limits<float>::infinity();
    for (Eigen::Index j = 0; j < row.size(); ++j)
        if (row[j] == kHidden) aligned[j] = 0.0f;
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

namespace attn {

Mat softmax_backward(const ConstMatRef& p, const ConstMatRef& dp) {
    // p = softmax(s) over each row
    const Eigen::VectorXf dot = p.cwiseProduct(dp).rowwise().sum();
    Mat ds = dp;
    ds.colwise() -= dot;
    return p.cwiseProduct(ds);
}

}  // namespace attn
