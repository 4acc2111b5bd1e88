// Freed big buffers are reused without faulting their pages in again, and can be given back.
#include "base/memory.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <cstring>
#include <memory>

namespace attn {
namespace {

long minor_faults() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

// Page faults of allocating, touching and freeing `bytes`.
long faults_of_a_buffer(size_t bytes) {
    const long before = minor_faults();
    auto buffer = std::make_unique<char[]>(bytes);  // value-initialised: every page is written
    volatile char sink = buffer[bytes - 1];
    (void)sink;
    return minor_faults() - before;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kOwnAllocator = true;
#elif defined(__has_feature)
constexpr bool kOwnAllocator = __has_feature(address_sanitizer);
#else
constexpr bool kOwnAllocator = false;
#endif

TEST(Memory, AFreedTraceBufferIsReusedWithoutFaultingItsPagesAgain) {
    if (kOwnAllocator) GTEST_SKIP() << "AddressSanitizer replaces malloc (and quarantines what is freed)";
    keep_freed_memory_for_reuse();
    constexpr size_t kBytes = 48u << 20;  // one (H, T, S) stage of GPT-2 at n = 1024 is 50 MB
    const long first = faults_of_a_buffer(kBytes);
    const long second = faults_of_a_buffer(kBytes);
    EXPECT_GT(first, 1000);        // 12 288 pages of 4 KiB (fewer with huge pages)
    EXPECT_LT(second, first / 10);  // the same pages again
    release_free_memory();
    EXPECT_GT(faults_of_a_buffer(kBytes), first / 2);  // given back: faulted in anew
}

}  // namespace
}  // namespace attn
