#include "hf/tokenizer_pipeline.h"

#include "base/strings.h"
#include "base/tensor.h"
#include "base/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace attn {
namespace {

// The NFC normalizer (Qwen2's tokenizer.json) by ICU.
std::string nfc_normalized(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw Error(std::string("the NFC normalizer is not available: ") + u_errorName(status));
    icu::UnicodeString out = n->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size()))), status);
    if (U_FAILURE(status)) throw Error(std::string("NFC normalisation failed: ") + u_errorName(status));
    std::string utf8;
    out.toUTF8String(utf8);
    return utf8;
}

// Strip: up to `start` copies of `content` off the front of a token and `stop` off its back.
std::string stripped(const std::string& token, const std::string& content, int start, int stop) {
    size_t from = 0, to = token.size();
    for (int i = 0; i < start && !content.empty() && token.compare(from, content.size(), content) == 0; ++i) from += content.size();
    for (int i = 0; i < stop && !content.empty() && to >= from + content.size() && token.compare(to - content.size(), content.size(), content) == 0; ++i)
        to -= content.size();
    return token.substr(from, to - from);
}

}  // namespace

std::string normalize(std::string_view text, const std::vector<NormalizerStep>& steps) {
    std::string out(text);
    for (const auto& step : steps) {
        if (out.empty()) break;
        switch (step.kind) {
        case NormalizerStep::Kind::Nfc: out = nfc_normalized(out); break;
        case NormalizerStep::Kind::Prepend: out = step.text + out; break;
        case NormalizerStep::Kind::Replace: out = replace_all(out, step.text, step.with); break;
        }
    }
    return out;
}

struct RegexSplitter::Compiled {
    std::unique_ptr<icu::RegexPattern> pattern;
};

RegexSplitter::RegexSplitter(const std::string& pattern) : compiled_(std::make_unique<Compiled>()) {
    UErrorCode status = U_ZERO_ERROR;
    compiled_->pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, status));
    if (U_FAILURE(status))
        throw Error("the pre-tokenizer's regex did not compile (" + std::string(u_errorName(status)) + "): " + pattern.substr(0, 80));
}

RegexSplitter::~RegexSplitter() = default;

void RegexSplitter::split(const std::string& text, std::vector<std::string>& out) const {
    const icu::UnicodeString utext = icu::UnicodeString::fromUTF8(text);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(compiled_->pattern->matcher(utext, status));
    if (U_FAILURE(status)) throw Error(std::string("the pre-tokenizer failed: ") + u_errorName(status));
    matcher->setTimeLimit(2000, status);  // a tokenizer.json's own regex may backtrack without end: about 2 s, then refused
    int32_t last = 0;
    std::string piece;
    auto take = [&](int32_t from, int32_t to) {
        if (from >= to) return;
        piece.clear();
        utext.tempSubStringBetween(from, to).toUTF8String(piece);
        out.push_back(piece);
    };
    while (matcher->find(status) && U_SUCCESS(status)) {
        const int32_t start = matcher->start(status), end = matcher->end(status);
        take(last, start);
        take(start, end);
        last = end;
    }
    if (status == U_REGEX_TIME_OUT) throw Error("the tokenizer's pre-tokenizer regex takes too long on this text (it backtracks without end)");
    if (U_FAILURE(status)) throw Error(std::string("the pre-tokenizer failed: ") + u_errorName(status));
    take(last, utext.length());
}

void split_digits(const std::string& text, bool individual, std::vector<std::string>& out) {
    std::string piece;
    bool digits = false;
    for (size_t i = 0; i < text.size();) {
        char32_t c;
        const size_t len = std::max<size_t>(decode_utf8(text, i, c), 1);
        const bool digit = u_isdigit(static_cast<UChar32>(c));  // Rust's char::is_numeric as tokenizers reads it: Nd
        if (!piece.empty() && (digit != digits || (digit && individual))) out.push_back(std::move(piece)), piece.clear();
        piece.append(text, i, len);
        digits = digit;
        i += len;
    }
    if (!piece.empty()) out.push_back(std::move(piece));
}

void split_metaspace(const std::string& text, const PreTokenizerStep& step, bool first_section, std::vector<std::string>& out) {
    std::string spaced = replace_all(text, " ", step.replacement);
    const bool prepend = step.prepend == PreTokenizerStep::Prepend::Always || (step.prepend == PreTokenizerStep::Prepend::First && first_section);
    if (prepend && spaced.rfind(step.replacement, 0) != 0) spaced = step.replacement + spaced;
    if (!step.split) {
        if (!spaced.empty()) out.push_back(std::move(spaced));
        return;
    }
    size_t start = 0;  // each replacement begins a piece (MergedWithNext)
    for (size_t pos = spaced.find(step.replacement, 1); pos != std::string::npos; pos = spaced.find(step.replacement, pos + step.replacement.size())) {
        if (pos > start) out.push_back(spaced.substr(start, pos - start));
        start = pos;
    }
    if (start < spaced.size()) out.push_back(spaced.substr(start));
}

bool byte_level_bytes(std::string_view token, std::string& out) {
    static const std::vector<int> to_byte = [] {
        std::vector<int> t(512, -1);
        const auto& forward = BpeTokenizer::byte_to_unicode();
        for (int b = 0; b < 256; ++b) {
            char32_t c;
            decode_utf8(forward[static_cast<size_t>(b)], 0, c);
            t[c] = b;
        }
        return t;
    }();
    out.clear();
    for (size_t i = 0; i < token.size();) {
        char32_t c;
        const size_t len = decode_utf8(token, i, c);
        if (len == 0 || c >= 512 || to_byte[c] < 0) return false;
        out += static_cast<char>(to_byte[c]);
        i += len;
    }
    return true;
}

int byte_token_value(std::string_view token) {
    if (token.size() != 6 || token.substr(0, 3) != "<0x" || token[5] != '>') return -1;
    auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1; };
    const int hi = hex(token[3]), lo = hex(token[4]);
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

std::string run_decoders(std::vector<std::string> tokens, const std::vector<DecoderStep>& steps) {
    std::string bytes;
    for (const auto& step : steps) {
        switch (step.kind) {
        case DecoderStep::Kind::ByteLevel:
            for (auto& t : tokens)
                if (byte_level_bytes(t, bytes)) t = bytes;
            break;
        case DecoderStep::Kind::Replace:
            for (auto& t : tokens) t = replace_all(t, step.text, step.with);
            break;
        case DecoderStep::Kind::ByteFallback: {
            std::vector<std::string> out;
            std::string run;
            auto flush = [&] {
                if (run.empty()) return;
                if (valid_utf8(run) == run) out.push_back(run);
                else
                    for (size_t i = 0; i < run.size(); ++i) out.emplace_back("\uFFFD");
                run.clear();
            };
            for (auto& t : tokens) {
                if (const int b = byte_token_value(t); b >= 0) {
                    run += static_cast<char>(b);
                    continue;
                }
                flush();
                out.push_back(std::move(t));
            }
            flush();
            tokens = std::move(out);
            break;
        }
        case DecoderStep::Kind::Fuse: {
            std::string all;
            for (const auto& t : tokens) all += t;
            tokens.assign(1, all);
            break;
        }
        case DecoderStep::Kind::Strip:
            for (auto& t : tokens) t = stripped(t, step.text, step.start, step.stop);
            break;
        case DecoderStep::Kind::Metaspace:
            for (size_t i = 0; i < tokens.size(); ++i) {
                tokens[i] = replace_all(tokens[i], step.text, " ");
                if (i == 0 && step.strip_first_space && tokens[i].rfind(' ', 0) == 0) tokens[i].erase(0, 1);
            }
            break;
        }
    }
    std::string joined;
    for (const auto& t : tokens) joined += t;
    return valid_utf8(joined);
}

}  // namespace attn
