// libFuzzer: any bytes as model.safetensors.index.json. Only attn::Error may come out, and the
// shards it names are plain file names in the model's own folder (no path can leave it).
#include "hf/hf_model.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        for (const std::string& shard : attn::parse_safetensors_index(std::string(reinterpret_cast<const char*>(data), size)))
            if (shard.empty() || shard.find('/') != std::string::npos || shard == "..") std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
