#include "engine/masks.h"

#include <algorithm>
#include <cassert>
#include <cstdlib>
#include <limits>

namespace attn {

Mat attention_mask(int64_t T, int64_t S, const MaskOptions& options) {
    assert((options.key_padding.empty() || static_cast<int64_t>(options.key_padding.size()) == S) &&
           "key_padding must have one entry per key");
    constexpr float kHidden = -std::numeric_limits<float>::infinity();
    Mat mask = Mat::Zero(T, S);
    // Row by row, whole runs of hidden keys at once (a million tests of four rules each cost a
    // millisecond at GPT-2's n = 1024, once per layer): query i sees key j when
    //   causal: j ≤ i;  window w: |i − j| < w or j < sinks;  blocks of b: i / b == j / b;  and j is not padding.
    const auto hide = [&](int64_t i, int64_t from, int64_t to) {  // keys [from, to) of row i
        from = std::clamp<int64_t>(from, 0, S), to = std::clamp<int64_t>(to, 0, S);
        if (from < to) mask.row(i).segment(from, to - from).setConstant(kHidden);
    };
    for (int64_t i = 0; i < T; ++i) {
        const int64_t p = options.query_offset + i;
        if (options.causal) hide(i, p + 1, S);
        if (options.sliding_window > 0) {
            hide(i, options.sink_tokens, p - options.sliding_window + 1);
            hide(i, p + options.sliding_window, S);
        }
        if (options.block_size > 0) {
            const int64_t first = p / options.block_size * options.block_size;
            hide(i, 0, first);
            hide(i, first + options.block_size, S);
        }
    }
    for (int64_t j = 0; j < static_cast<int64_t>(options.key_padding.size()); ++j)
        if (options.key_padding[static_cast<size_t>(j)]) mask.col(j).setConstant(kHidden);
    return mask;
}

}  // namespace attn
