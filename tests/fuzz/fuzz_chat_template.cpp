// libFuzzer: any bytes as a chat template (Jinja source). Only attn::Error may come out, never a
// crash, a hang or another exception; a template that parses renders one user turn.
#include "hf/chat_template.h"
#include "base/tensor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 4096) return 0;  // templates are a few kilobytes; longer inputs only slow the search
    try {
        attn::ChatTemplate chat;
        chat.source.assign(reinterpret_cast<const char*>(data), size);
        chat.tokens = {{"bos_token", "<s>"}, {"eos_token", "</s>"}};
        std::tm today{};
        (void)attn::apply_chat_template(chat, "What is attention? 注意力 😀", today);
    } catch (const attn::Error&) {
    }
    return 0;
}
