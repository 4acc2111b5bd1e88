// BF16 numbers kept as a checkpoint stores them: the upper 16 bits of a float32 (same sign and
// exponent, 7 bits of mantissa). A 2026 model's weights are BF16; kept so they take half the
// memory of float32, and widened (exactly) where the engine reads them.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <vector>

namespace attn {

struct Bf16Tensor {
    std::vector<int64_t> shape;
    std::vector<uint16_t> data;
    int64_t numel() const { return static_cast<int64_t>(data.size()); }
};

inline float bf16_to_float(uint16_t h) { return std::bit_cast<float>(static_cast<uint32_t>(h) << 16); }

// ±∞ and NaN have every exponent bit set.
inline bool bf16_is_finite(uint16_t h) { return (h & 0x7F80u) != 0x7F80u; }

// out[i] = in[i] as float32, exactly (a loop the compiler vectorises).
inline void widen_bf16(const uint16_t* in, int64_t count, float* out) {
    for (int64_t i = 0; i < count; ++i) {
        const uint32_t bits = static_cast<uint32_t>(in[i]) << 16;
        std::memcpy(out + i, &bits, 4);
    }
}

}  // namespace attn
