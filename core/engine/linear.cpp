#include "engine/linear.h"

#include "engine/kernels/kernels.h"

namespace attn {

void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out) {
    matmul(x, false, W, true, out, false);  // x · Wᵀ
    if (b.size() != 0) out.rowwise() += b;  // no bias: GPT-2's tied LM head
}

}  // namespace attn

namespace attn {

void linear_backward(const ConstMatRef& x, const ConstMatRef& W, const ConstMatRef& dout, Mat* dx, MatRef dW,
                     Eigen::Ref<RowVec> db) {
    // out = x · Wᵀ + b
    if (dx) matmul(dout, false, W, false, *dx, true);  // dx += dout · W
    matmul(dout, true, x, false, dW, true);            // dW += doutᵀ · x
    if (db.size() != 0) db += dout.colwise().sum();  // GPT-2's LM head has no bias
}

}  // namespace attn
