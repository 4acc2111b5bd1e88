#include "softmax.h"

#include <cmath>
#include <limits>

namespace attn {

std::vector<int64_t> softmax_rows(MatRef x) {
    std::vector<int64_t> fully_masked;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        auto row = x.row(i);
        // 1. max, 2. exp(x - max) and its sum, 3. divide by the sum.
        const float max = row.maxCoeff();
        if (max == -std::numeric_limits<float>::infinity()) {
            row.setZero();
            fully_masked.push_back(i);
            continue;
        }
        if (max == std::numeric_limits<float>::infinity()) {
            // Scores overflowed float (absurd inputs): the limit of softmax shares the weight among the +∞ entries.
            row = (row.array() == max).cast<float>();
            row /= row.sum();
            continue;
        }
        float sum = 0.0f;
        for (Eigen::Index j = 0; j < row.size(); ++j) {
            row[j] = std::exp(row[j] - max);
            sum += row[j];
        }
        row /= sum;
    }
    return fully_masked;
}

}  // namespace attn
