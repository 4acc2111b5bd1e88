// How the process treats memory it frees. A trace of a big model is tens of large buffers; freed,
// glibc would hand each back to the system, and the next trace would fault every page in again —
// a fifth of a GPT-2 layer's time at n = 1024. Keeping freed memory for reuse avoids that; what a
// much smaller trace no longer needs is given back explicitly.
#pragma once

#include <cstddef>

namespace attn {

// Large blocks are taken from and returned to the heap instead of being mapped and unmapped one
// by one, and the heap's top is not trimmed on every free. Call once, at start-up.
void keep_freed_memory_for_reuse();

// Gives the memory freed since back to the system (after a big trace is replaced by a small one).
void release_free_memory();

}  // namespace attn
