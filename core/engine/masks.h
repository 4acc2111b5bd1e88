// Additive attention masks (T, S): 0 where query i may look at key j, -inf
// where it may not. Added to the scaled scores before the softmax.
#pragma once

#include "base/tensor.h"

#include <vector>

namespace attn {

struct MaskOptions {
    bool causal = false;          // key j > query i is hidden (self-attention only)
    int sliding_window = 0;       // 0 = off; else key j is hidden when |i - j| >= w (but see sink_tokens)
    int block_size = 0;           // 0 = off; else key j is hidden when i / b != j / b (block-sparse)
    std::vector<bool> key_padding;  // size S (or empty): true = this key is padding
    // Query row i is at position query_offset + i among the keys (a KV-cached step's new rows
    // follow the cached ones); every rule above reads that position.
    int64_t query_offset = 0;
    int sink_tokens = 0;  // the window never hides keys j < sink_tokens (StreamingLLM's attention sinks)
};

Mat attention_mask(int64_t T, int64_t S, const MaskOptions& options);

}  // namespace attn
