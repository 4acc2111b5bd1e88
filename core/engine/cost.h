// How big a trace will be, known before computing it, so a caller can refuse
// or move work off the GUI thread with the figure in hand.
#pragma once

#include "model/config.h"

#include <cstdint>
#include <string>

namespace attn {

// Floats of the model's weights (every tensor the config reads).
int64_t estimate_weight_floats(const Config& config);

// The memory a forward pass needs (weights, an edited copy of them, and the
// trace as run_forward keeps it: a big trace derives its cheap stages), checked
// before anything is allocated: empty when it fits within
// limit_bytes, else a sentence with both figures ("this needs 6.2 GB; the
// limit is 4.0 GB …").
std::string memory_problem(const Config& config, int64_t T, int64_t S, int64_t limit_bytes);

// The default limit: 80% of this machine's physical memory.
int64_t default_memory_limit();

// Multiply-adds of one forward pass (projections, QKᵀ, weights·V, FFN).
int64_t estimate_forward_flops(const Config& config, int64_t T, int64_t S = 0);

// A decoder's KV cache after `tokens` tokens: 2 (K and V) · layers · tokens · H_kv · d_k numbers.
// Grouped-query attention divides it by nhead / H_kv.
int64_t kv_cache_bytes(const Config& config, int64_t tokens, int64_t bytes_per_number = 4);

}  // namespace attn
