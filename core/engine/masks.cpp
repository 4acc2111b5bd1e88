#include "engine/masks.h"

#include <cassert>
#include <cstdlib>
#include <limits>

namespace attn {

Mat attention_mask(int64_t T, int64_t S, const MaskOptions& options) {
    assert((options.key_padding.empty() || static_cast<int64_t>(options.key_padding.size()) == S) &&
           "key_padding must have one entry per key");
    constexpr float kHidden = -std::numeric_limits<float>::infinity();
    Mat mask = Mat::Zero(T, S);
    for (int64_t i = 0; i < T; ++i) {
        for (int64_t j = 0; j < S; ++j) {
            bool hidden = (options.causal && j > i) ||
                          (options.sliding_window > 0 && std::llabs(i - j) >= options.sliding_window) ||
                          (options.block_size > 0 && i / options.block_size != j / options.block_size) ||
                          (!options.key_padding.empty() && options.key_padding[static_cast<size_t>(j)]);
            if (hidden) mask(i, j) = kHidden;
        }
    }
    return mask;
}

}  // namespace attn
