// libFuzzer: any bytes as a config file. Only attn::Error may come out, and a
// config that parses must survive a JSON round trip unchanged.
#include "model/config.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const attn::Config c = attn::parse_config(text);
        if (!(attn::parse_config(attn::config_to_json(c)) == c)) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
