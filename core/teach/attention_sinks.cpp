#include "teach/attention_sinks.h"

namespace attn {

std::vector<double> first_key_share(const Tensor& weights) {
    std::vector<double> shares;
    if (weights.rank() != 3 || weights.dim(1) == 0 || weights.dim(2) == 0) return shares;
    for (int64_t h = 0; h < weights.dim(0); ++h) {
        const ConstMatMap w = weights.slice(h);
        shares.push_back(static_cast<double>(w.col(0).cast<double>().mean()));  // a fully masked row adds 0
    }
    return shares;
}

}  // namespace attn
