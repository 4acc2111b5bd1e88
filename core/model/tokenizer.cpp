#include "model/tokenizer.h"

#include "base/utf8.h"

#include "base/tensor.h"

#include <cctype>
#include <cstdint>
#include <cstdio>

namespace attn {
namespace {

enum class CharClass { Space, Punctuation, Ideograph, Emoji, Joiner, Modifier, Word };

bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }

CharClass classify(char32_t c) {
    if (c == ' ' || in(c, 0x09, 0x0D) || c == 0xA0 || c == 0x3000 || in(c, 0x2000, 0x200B) || c == 0x2028 ||
        c == 0x2029 || c == 0x202F || c == 0x205F || c == 0xFEFF)
        return CharClass::Space;
    if (c < 0x80) {
        bool alnum = in(c, '0', '9') || in(c, 'a', 'z') || in(c, 'A', 'Z');
        return alnum ? CharClass::Word : (c < 0x20 || c == 0x7F ? CharClass::Space : CharClass::Punctuation);
    }
    if (c == 0x200D) return CharClass::Joiner;
    if (in(c, 0x0300, 0x036F) || in(c, 0xFE00, 0xFE0F) || in(c, 0x1F3FB, 0x1F3FF) || in(c, 0xE0020, 0xE007F))
        return CharClass::Modifier;
    if (in(c, 0xA1, 0xBF) || c == 0xD7 || c == 0xF7 || in(c, 0x2010, 0x2027) || in(c, 0x2030, 0x205E) ||
        in(c, 0x3001, 0x303F) || in(c, 0xFF01, 0xFF0F) || in(c, 0xFF1A, 0xFF20) || in(c, 0xFF3B, 0xFF40) ||
        in(c, 0xFF5B, 0xFF65) || in(c, 0xFE30, 0xFE4F))
        return CharClass::Punctuation;
    if (in(c, 0x4E00, 0x9FFF) || in(c, 0x3400, 0x4DBF) || in(c, 0x20000, 0x3134F) || in(c, 0xF900, 0xFAFF) ||
        in(c, 0x3040, 0x30FF) || in(c, 0x31F0, 0x31FF) || in(c, 0x2E80, 0x2FDF))
        return CharClass::Ideograph;
    if (in(c, 0x1F000, 0x1FAFF) || in(c, 0x2600, 0x27BF) || in(c, 0x2B00, 0x2BFF) || in(c, 0x1F1E6, 0x1F1FF))
        return CharClass::Emoji;
    return CharClass::Word;
}

// Length of a bracketed special token ([CLS], <s>, </s>) starting at pos, or 0.
size_t bracketed_special_at(std::string_view text, size_t pos) {
    const char open = text[pos];
    const char close = open == '[' ? ']' : open == '<' ? '>' : 0;
    if (!close) return 0;
    size_t end = pos + 1;
    if (open == '<' && end < text.size() && text[end] == '/') ++end;
    const size_t first = end;
    while (end < text.size() && (std::isalpha(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    return end > first && end < text.size() && text[end] == close ? end + 1 - pos : 0;
}

size_t special_at(std::string_view text, size_t pos, const std::vector<std::string>& special_tokens) {
    for (const auto& special : special_tokens)
        if (!special.empty() && text.substr(pos, special.size()) == special) return special.size();
    return bracketed_special_at(text, pos);
}

}  // namespace

std::string visible_token(const std::string& token) {
    if (token == " ") return "␣";
    if (token == "\n") return "↵";
    if (token == "\t") return "⇥";
    if (token == "\r") return "␍";
    return token;
}

void require_valid_utf8(std::string_view text, const std::string& what) {
    for (size_t pos = 0; pos < text.size();) {
        char32_t c = 0;
        size_t len = decode_utf8(text, pos, c);
        if (len == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[pos]));
            throw Error(what + " is not valid UTF-8 (byte " + hex + " at position " + std::to_string(pos) + ")");
        }
        pos += len;
    }
}

std::vector<std::string> tokenize(std::string_view text, const std::vector<std::string>& special_tokens) {
    require_valid_utf8(text, "the text");
    std::vector<std::string> tokens;
    std::string current;
    CharClass current_class = CharClass::Space;
    bool after_joiner = false;
    auto flush = [&] {
        if (!current.empty()) tokens.push_back(std::move(current));
        current.clear();
        current_class = CharClass::Space;
    };

    for (size_t pos = 0; pos < text.size();) {
        if (const size_t length = special_at(text, pos, special_tokens)) {
            flush();
            tokens.emplace_back(text.substr(pos, length));
            pos += length;
            after_joiner = false;
            continue;
        }
        char32_t c = 0;
        size_t len = decode_utf8(text, pos, c);
        std::string_view bytes = text.substr(pos, len);
        pos += len;
        CharClass cls = classify(c);

        if (cls == CharClass::Joiner || cls == CharClass::Modifier) {
            // Attach to the token being built (an emoji sequence, an accented letter).
            if (current.empty()) continue;  // a stray modifier carries no meaning alone
            current += bytes;
            after_joiner = cls == CharClass::Joiner;
            continue;
        }
        if (cls == CharClass::Emoji && after_joiner && current_class == CharClass::Emoji) {
            current += bytes;  // 👩‍💻: the part after a zero-width joiner belongs to the same emoji
            after_joiner = false;
            continue;
        }
        after_joiner = false;
        if (cls == CharClass::Space) {
            flush();
        } else if (cls == CharClass::Word) {
            if (current_class != CharClass::Word) flush();
            current += bytes;
            current_class = CharClass::Word;
        } else {  // punctuation, ideograph, emoji: one token each
            flush();
            current = bytes;
            current_class = cls;
        }
    }
    flush();
    return tokens;
}

}  // namespace attn
