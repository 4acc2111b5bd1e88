// libFuzzer: any bytes as a safetensors file. Only attn::Error may come out,
// and a file that parses must round-trip through our writer.
#include "io/safetensors.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const attn::StateDict tensors = attn::parse_safetensors(reinterpret_cast<const char*>(data), size);
        const std::string again = attn::serialize_safetensors(tensors);
        const attn::StateDict back = attn::parse_safetensors(again.data(), again.size());
        if (back.size() != tensors.size()) std::abort();
        for (const auto& [name, t] : tensors)
            if (back.at(name).shape != t.shape) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
