#include "base/i18n.h"

#include <atomic>

namespace attn {
namespace {
std::atomic<Translator> g_translator{nullptr};
}

void set_translator(Translator translator) { g_translator.store(translator); }

std::string translate_text(const char* context, const char* text) {
    const Translator t = g_translator.load();
    return t ? t(context, text) : std::string(text);
}

std::string fill(std::string pattern, std::initializer_list<std::string> args) {
    int index = 1;
    for (const std::string& arg : args) {
        const std::string mark = "%" + std::to_string(index++);
        if (const auto at = pattern.find(mark); at != std::string::npos) pattern.replace(at, mark.size(), arg);
    }
    return pattern;
}

}  // namespace attn
