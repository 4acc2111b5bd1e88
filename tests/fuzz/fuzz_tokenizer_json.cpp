// libFuzzer: any bytes as a tokenizer.json. Only attn::Error may come out; a tokenizer that
// loads encodes a sample of English, Chinese and emoji into ids of its vocab.
#include "model/text_tokenizer.h"
#include "hf/tokenizer_files.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    try {
        const auto tokenizer = attn::parse_tokenizer_json(std::string(reinterpret_cast<const char*>(data), size));
        for (int32_t id : tokenizer->encode("The cat's 3 mats, 我爱机器学习 😀 [MASK]"))
            if (id < 0 || id >= tokenizer->vocab_size()) std::abort();
    } catch (const attn::Error&) {
    }
    return 0;
}
