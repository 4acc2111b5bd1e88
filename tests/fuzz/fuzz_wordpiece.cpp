// libFuzzer: a vocab.txt and a text, separated by "\n@@\n". Only attn::Error may come out; a
// tokenizer that loads gives [CLS] … [SEP] around ids of its vocab.
#include "hf/tokenizer_files.h"
#include "hf/wordpiece_tokenizer.h"
#include "base/tensor.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const size_t at = input.find("\n@@\n");
    if (at == std::string::npos) return 0;
    try {
        attn::WordPieceOptions options;
        options.lower_case = !input.empty() && (input.back() & 1);
        const attn::WordPieceTokenizer wp(attn::parse_vocab_txt(input.substr(0, at)), options);
        const auto ids = wp.encode(input.substr(at + 4));
        if (ids.size() < 2 || wp.token(ids.front()) != "[CLS]" || wp.token(ids.back()) != "[SEP]") std::abort();
        for (int32_t id : ids)
            if (id < 0 || id >= wp.vocab_size()) std::abort();
        (void)wp.decode(ids);
    } catch (const attn::Error&) {
    }
    return 0;
}
