#include "base/memory.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace attn {

void keep_freed_memory_for_reuse() {
#if defined(__GLIBC__)
    // Blocks up to 1 GiB come from the heap (glibc's default maps anything above 128 KiB to 32 MiB
    // on its own), and the heap keeps up to 4 GiB of free space at its top.
    if (!mallopt(M_MMAP_THRESHOLD, 1 << 30)) mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(0x7fffffff));
#endif
}

void release_free_memory() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace attn
