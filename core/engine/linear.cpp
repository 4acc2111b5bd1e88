#include "engine/linear.h"

namespace attn {

void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out) {
    out.noalias() = x * W.transpose();
    out.rowwise() += b;
}

}  // namespace attn

namespace attn {

void linear_backward(const ConstMatRef& x, const ConstMatRef& W, const ConstMatRef& dout, Mat* dx, MatRef dW,
                     Eigen::Ref<RowVec> db) {
    // out = x · Wᵀ + b
    if (dx) dx->noalias() += dout * W;
    dW.noalias() += dout.transpose() * x;
    db += dout.colwise().sum();
}

}  // namespace attn
