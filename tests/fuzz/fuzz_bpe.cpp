// libFuzzer: vocab.json, merges.txt and a text, separated by "\n@@\n". Only attn::Error may
// come out; a tokenizer that loads encodes the text into ids of its vocab that decode back to it.
#include "hf/bpe_tokenizer.h"
#include "hf/tokenizer_files.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t a = input.find("\n@@\n"), b = a == std::string::npos ? a : input.find("\n@@\n", a + 4);
    if (b == std::string::npos) return 0;
    try {
        auto vocab = attn::parse_vocab_json(input.substr(0, a));
        const auto merges = attn::parse_merges_txt(input.substr(a + 4, b - a - 4));
        const attn::BpeTokenizer bpe(std::move(vocab), merges, {});
        const std::string text = input.substr(b + 4);
        const auto ids = bpe.encode(text);
        for (int32_t id : ids) {
            if (id < 0 || id >= bpe.vocab_size()) std::abort();
            (void)bpe.label(id);
        }
        // Every byte of the text is in some token; a vocab with all 256 bytes decodes it exactly.
        if (bpe.vocab_size() >= 256 && bpe.decode(ids) != text && !ids.empty()) {
            bool all_bytes = true;
            for (const auto& symbol : attn::BpeTokenizer::byte_to_unicode()) all_bytes = all_bytes && bpe.id_of(symbol) >= 0;
            if (all_bytes) std::abort();
        }
    } catch (const attn::Error&) {
    }
    return 0;
}
