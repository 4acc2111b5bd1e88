#include "engine/linear.h"

namespace attn {

void linear(const ConstMatRef& x, const ConstMatRef& W, const Eigen::Ref<const RowVec>& b, MatRef out) {
    out.noalias() = x * W.transpose();
    out.rowwise() += b;
}

}  // namespace attn
