#include "engine/softmax.h"

#include <cmath>
#include <limits>

namespace attn {

// softmax_row is in engine/kernels/kernels.cpp: one kernel per instruction-set level.

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
