#include "hf/jinja_lex.h"

#include "base/tensor.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace attn::jinja {

void syntax_error(int line, const std::string& what) {
    throw Error("the chat template " + what + " (line " + std::to_string(line) + ")");
}

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A Python string literal's escapes, as jinja2 reads them (unicode-escape).
std::string unescape(const std::string& s, int line) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '\\': case '\'': case '"': out += c; break;
        case '\n': break;
        case 'x': case 'u': case 'U': {
            const size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            const std::string hex = s.substr(i + 1, digits);
            if (hex.size() != digits || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
                syntax_error(line, "has a string with a malformed \\" + std::string(1, c) + " escape");
            const auto code = static_cast<char32_t>(std::stoul(hex, nullptr, 16));
            if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) syntax_error(line, "has a string escape that is not a character");
            std::string utf8;
            if (code < 0x80) utf8 += static_cast<char>(code);
            else if (code < 0x800) utf8 += {static_cast<char>(0xC0 | (code >> 6)), static_cast<char>(0x80 | (code & 0x3F))};
            else if (code < 0x10000)
                utf8 += {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)), static_cast<char>(0x80 | (code & 0x3F))};
            else
                utf8 += {static_cast<char>(0xF0 | (code >> 18)), static_cast<char>(0x80 | ((code >> 12) & 0x3F)),
                         static_cast<char>(0x80 | ((code >> 6) & 0x3F)), static_cast<char>(0x80 | (code & 0x3F))};
            out += utf8;
            i += digits;
            break;
        }
        default: out += '\\', out += c;  // Python keeps an unknown escape as it is
        }
    }
    return out;
}

// The tokens of one tag's inside, from `pos` to its closer.
void lex_tag(const std::string& src, size_t& pos, const std::string& closer, int& line, std::vector<Token>& out) {
    static const char* ops[] = {"==", "!=", "<=", ">=", "//", "**", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")",
                                "[", "]", "{", "}", ".", ",", ":", "|"};
    while (true) {
        while (pos < src.size() && is_space(src[pos])) line += src[pos++] == '\n';
        if (pos >= src.size()) syntax_error(line, "has a tag that is never closed");
        // "-%}" and "-}}" close with whitespace control; the caller sees the '-'.
        if (src.compare(pos, closer.size(), closer) == 0 || (src[pos] == '-' && src.compare(pos + 1, closer.size(), closer) == 0)) return;
        if (src.compare(pos, 2, "+%") == 0 && closer == "%}") return;
        const char c = src[pos];
        Token t;
        t.line = line;
        if (c == '\'' || c == '"') {
            size_t end = pos + 1;
            while (end < src.size() && src[end] != c) end += src[end] == '\\' ? 2 : 1;
            if (end >= src.size()) syntax_error(line, "has a string that is never closed");
            t.kind = Token::Kind::String;
            t.text = unescape(src.substr(pos + 1, end - pos - 1), line);
            for (size_t i = pos; i < end; ++i) line += src[i] == '\n';
            pos = end + 1;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t end = pos;
            while (end < src.size() && (std::isdigit(static_cast<unsigned char>(src[end])) || src[end] == '_')) ++end;
            bool real = false;
            if (end + 1 < src.size() && src[end] == '.' && std::isdigit(static_cast<unsigned char>(src[end + 1]))) {
                real = true;
                ++end;
                while (end < src.size() && std::isdigit(static_cast<unsigned char>(src[end]))) ++end;
            }
            if (end < src.size() && (src[end] == 'e' || src[end] == 'E')) {  // 1.5e3, 2E-1
                size_t digit = end + 1 + (end + 1 < src.size() && (src[end + 1] == '+' || src[end + 1] == '-'));
                if (digit < src.size() && std::isdigit(static_cast<unsigned char>(src[digit]))) {
                    real = true;
                    end = digit;
                    while (end < src.size() && std::isdigit(static_cast<unsigned char>(src[end]))) ++end;
                }
            }
            std::string digits = src.substr(pos, end - pos);
            digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
            t.kind = Token::Kind::Number;
            try {
                t.number = real ? Value(std::stod(digits)) : Value(std::stoll(digits));
            } catch (const std::exception&) {
                syntax_error(line, "has a number out of range: " + digits);
            }
            pos = end;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t end = pos;
            while (end < src.size() && (std::isalnum(static_cast<unsigned char>(src[end])) || src[end] == '_')) ++end;
            t.kind = Token::Kind::Name;
            t.text = src.substr(pos, end - pos);
            pos = end;
        } else {
            for (const char* op : ops)
                if (src.compare(pos, std::strlen(op), op) == 0) {
                    t.kind = Token::Kind::Op;
                    t.text = op;
                    break;
                }
            if (t.kind != Token::Kind::Op) syntax_error(line, "has an unexpected character '" + std::string(1, c) + "'");
            pos += t.text.size();
        }
        out.push_back(std::move(t));
    }
}

}  // namespace

std::vector<Token> lex(std::string src) {
    if (src.size() >= 2 && src.compare(src.size() - 2, 2, "\r\n") == 0) src.resize(src.size() - 2);
    else if (!src.empty() && src.back() == '\n') src.pop_back();
    std::vector<Token> out;
    size_t pos = 0;
    int line = 1;
    bool line_starting = true;
    while (pos < src.size()) {
        size_t start = pos;
        while ((start = src.find('{', start)) != std::string::npos && start + 1 < src.size() && std::string("{%#").find(src[start + 1]) == std::string::npos)
            ++start;
        if (start + 1 >= src.size()) start = std::string::npos;
        std::string text = src.substr(pos, start == std::string::npos ? std::string::npos : start - pos);
        const int text_line = line;
        for (char c : text) line += c == '\n';
        if (start == std::string::npos) {
            if (!text.empty()) out.push_back({Token::Kind::Text, text, {}, text_line});
            break;
        }
        const char kind = src[start + 1];
        size_t inner = start + 2;
        const bool strip_before = inner < src.size() && src[inner] == '-';
        const bool no_lstrip = inner < src.size() && src[inner] == '+';
        if (strip_before || no_lstrip) ++inner;
        if (strip_before) {
            while (!text.empty() && is_space(text.back())) text.pop_back();
        } else if (kind != '{' && !no_lstrip) {  // lstrip_blocks: a block or comment tag alone at a line's start
            const size_t l = text.rfind('\n');
            const size_t from = l == std::string::npos ? 0 : l + 1;
            if ((l != std::string::npos || line_starting) && text.find_first_not_of(" \t", from) == std::string::npos) text.resize(from);
        }
        if (!text.empty()) out.push_back({Token::Kind::Text, text, {}, text_line});
        bool strip_after = false;
        if (kind == '#') {
            const size_t end = src.find("#}", inner);
            if (end == std::string::npos) syntax_error(line, "has a comment that is never closed");
            for (size_t i = inner; i < end; ++i) line += src[i] == '\n';
            strip_after = end > inner && src[end - 1] == '-';
            pos = end + 2;
        } else {
            const std::string closer = kind == '{' ? "}}" : "%}";
            out.push_back({kind == '{' ? Token::Kind::VarBegin : Token::Kind::BlockBegin, "", {}, line});
            pos = inner;
            lex_tag(src, pos, closer, line, out);
            strip_after = src[pos] == '-';
            if (src[pos] == '-' || src[pos] == '+') ++pos;
            pos += 2;
            out.push_back({kind == '{' ? Token::Kind::VarEnd : Token::Kind::BlockEnd, "", {}, line});
        }
        if (strip_after) {
            while (pos < src.size() && is_space(src[pos])) line += src[pos++] == '\n';
            line_starting = pos > 0 && src[pos - 1] == '\n';
        } else if (kind != '{' && pos < src.size() && src[pos] == '\n') {  // trim_blocks
            ++pos;
            ++line;
            line_starting = true;
        } else {
            line_starting = false;
        }
    }
    out.push_back({Token::Kind::End, "", {}, line});
    return out;
}

}  // namespace attn::jinja
