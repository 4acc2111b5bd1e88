// libFuzzer: any bytes as a Hugging Face config.json. Only attn::Error may come out, and a
// config that parses is one the engine accepts (validated, GPT-2 or BERT).
#include "hf/hf_config.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const attn::HfConfig hf = attn::parse_hf_config(std::string(reinterpret_cast<const char*>(data), size));
        if (!attn::validate(hf.config).empty()) std::abort();
        if (hf.model_type != "gpt2" && hf.model_type != "bert") std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
