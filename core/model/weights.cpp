#include "model/weights.h"

#include "base/bf16.h"

#include <algorithm>

namespace attn {

void WeightMatrix::widen_rows(int64_t first, int64_t count, float* out) const {
    assert(first >= 0 && count >= 0 && first + count <= rows);
    if (bf16) widen_bf16(bf16 + first * cols, count * cols, out);
    else std::copy_n(data + first * cols, count * cols, out);
}

RowVec WeightMatrix::row(int64_t i) const {
    RowVec out(cols);
    widen_rows(i, 1, out.data());
    return out;
}

Mat WeightMatrix::dense() const {
    Mat out(rows, cols);
    widen_rows(0, rows, out.data());
    return out;
}

}  // namespace attn
