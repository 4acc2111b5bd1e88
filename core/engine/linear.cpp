#include "engine/linear.h"

#include "engine/kernels/kernels.h"

namespace attn {

void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out) {
    matmul(x, false, W, true, out, false);  // x · Wᵀ
    out.rowwise() += b;
}

}  // namespace attn

namespace attn {

void linear_backward(const ConstMatRef& x, const ConstMatRef& W, const ConstMatRef& dout, Mat* dx, MatRef dW,
                     Eigen::Ref<RowVec> db) {
    // out = x · Wᵀ + b
    if (dx) matmul(dout, false, W, false, *dx, true);  // dx += dout · W
    matmul(dout, true, x, false, dW, true);            // dW += doutᵀ · x
    db += dout.colwise().sum();
}

}  // namespace attn
