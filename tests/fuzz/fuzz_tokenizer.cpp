// libFuzzer: any bytes as text. Invalid UTF-8 is an attn::Error; valid text
// gives non-empty tokens whose bytes all come from the text, in order.
#include "model/tokenizer.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        size_t at = 0;
        for (const std::string& token : attn::tokenize(text, {"[PAD]"})) {
            if (token.empty()) std::abort();
            const size_t found = text.find(token, at);
            if (found == std::string::npos) std::abort();
            at = found + token.size();
        }
    } catch (const attn::Error&) {
    }
    return 0;
}
