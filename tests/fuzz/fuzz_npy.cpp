// libFuzzer: any bytes as a .npy file. Only attn::Error may come out, and a
// file that parses must round-trip through our writer bit for bit.
#include "io/npy.h"

#include <cstdlib>
#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const attn::Tensor t = attn::parse_npy(reinterpret_cast<const char*>(data), size);
        const std::string again = attn::serialize_npy(t);
        const attn::Tensor back = attn::parse_npy(again.data(), again.size());
        if (back.shape != t.shape || back.data.size() != t.data.size()) std::abort();
        if (!t.data.empty() && std::memcmp(back.data.data(), t.data.data(), t.data.size() * 4) != 0) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
