// libFuzzer: any bytes as a Hugging Face config.json. Only attn::Error may come out, and a
// config that parses is one the engine accepts (validated, of a family that opens folders).
#include "hf/hf_config.h"
#include "base/tensor.h"
#include "model/family.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const attn::HfConfig hf = attn::parse_hf_config(std::string(reinterpret_cast<const char*>(data), size));
        if (!attn::validate(hf.config).empty()) std::abort();
        if (attn::family_of_model_type(hf.model_type) == nullptr) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
