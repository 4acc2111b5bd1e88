#include "teach/attention_sinks.h"

namespace attn {

std::vector<double> first_key_share(const Tensor& weights) {
    std::vector<double> shares;
    if (weights.rank() != 3 || weights.dim(1) == 0 || weights.dim(2) == 0) return shares;
    for (int64_t h = 0; h < weights.dim(0); ++h) shares.push_back(first_key_share(weights.slice(h)));
    return shares;
}

double first_key_share(const ConstMatRef& head) {
    if (head.rows() == 0 || head.cols() == 0) return 0;
    return static_cast<double>(head.col(0).cast<double>().mean());  // a fully masked row adds 0
}

}  // namespace attn
