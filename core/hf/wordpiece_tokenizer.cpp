#include "hf/wordpiece_tokenizer.h"

#include "base/tensor.h"
#include "base/utf8.h"
#include "model/tokenizer.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>

namespace attn {
namespace {

// tokenization_bert.py's helpers, character by character.
bool is_whitespace(char32_t c) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return true;
    return u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;
}

bool is_control(char32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    switch (u_charType(static_cast<UChar32>(c))) {  // categories Cc, Cf, Cn, Co, Cs
        case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_UNASSIGNED: case U_PRIVATE_USE_CHAR: case U_SURROGATE: return true;
        default: return false;
    }
}

bool is_punctuation(char32_t c) {
    // Every non-letter, non-number ASCII character counts ("^", "$", "`"), as BERT treats them.
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) return true;
    switch (u_charType(static_cast<UChar32>(c))) {  // categories P*
        case U_DASH_PUNCTUATION: case U_START_PUNCTUATION: case U_END_PUNCTUATION: case U_CONNECTOR_PUNCTUATION:
        case U_OTHER_PUNCTUATION: case U_INITIAL_PUNCTUATION: case U_FINAL_PUNCTUATION: return true;
        default: return false;
    }
}

bool is_chinese_char(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF) ||
           (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B820 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

std::u32string to_u32(std::string_view s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        char32_t c;
        const size_t len = decode_utf8(s, i, c);
        out += c;
        i += len;
    }
    return out;
}

std::string to_utf8(const std::u32string& s) {
    std::string out;
    for (char32_t c : s) append_utf8(out, c);
    return out;
}

// str.lower(), then (when asked) NFD with the combining marks (Mn) dropped.
std::u32string normalise(const std::u32string& word, bool lower, bool strip) {
    if (!lower && !strip) return word;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(to_utf8(word));
    if (lower) u.toLower(icu::Locale::getRoot());
    if (strip) {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
        if (U_SUCCESS(status)) u = nfd->normalize(u, status);
    }
    std::u32string out;
    for (int32_t i = 0; i < u.length();) {
        const UChar32 c = u.char32At(i);
        i += U16_LENGTH(c);
        if (strip && u_charType(c) == U_NON_SPACING_MARK) continue;
        out += static_cast<char32_t>(c);
    }
    return out;
}

}  // namespace

WordPieceTokenizer::WordPieceTokenizer(std::vector<std::string> tokens, WordPieceOptions options)
    : tokens_(std::move(tokens)), options_(std::move(options)) {
    for (size_t i = 0; i < tokens_.size(); ++i) ids_.emplace(tokens_[i], static_cast<int32_t>(i));  // first wins, as vocab.txt's
    unk_ = required(options_.unk, "unknown-word");
    cls_ = required(options_.cls, "classifier");
    sep_ = required(options_.sep, "separator");
    mask_ = id_of(options_.mask);
    special_ = {options_.unk, options_.cls, options_.sep, options_.mask, options_.pad};
    std::sort(special_.begin(), special_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

int32_t WordPieceTokenizer::required(const std::string& token, const char* role) const {
    const int32_t id = id_of(token);
    if (id < 0) throw Error(std::string("the vocab has no ") + role + " token '" + token + "'");
    return id;
}

int32_t WordPieceTokenizer::id_of(std::string_view token) const {
    auto it = ids_.find(std::string(token));
    return it == ids_.end() ? -1 : it->second;
}

bool WordPieceTokenizer::is_special(int32_t id) const {
    return id == unk_ || id == cls_ || id == sep_ || id == mask_ || token(id) == options_.pad;
}

std::vector<std::string> WordPieceTokenizer::basic_tokenize(std::string_view text) const {
    // NFC first (BasicTokenizer.tokenize), then clean_text and tokenize_chinese_chars
    icu::UnicodeString nfc = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    UErrorCode status = U_ZERO_ERROR;
    if (const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status); U_SUCCESS(status))
        nfc = normalizer->normalize(nfc, status);
    std::string composed;
    nfc.toUTF8String(composed);
    std::u32string cleaned;
    for (char32_t c : to_u32(composed)) {
        if (c == 0 || c == 0xFFFD || is_control(c)) continue;
        if (is_whitespace(c)) cleaned += ' ';
        else if (options_.chinese_chars && is_chinese_char(c)) cleaned += std::u32string{' ', c, ' '};
        else cleaned += c;
    }
    const bool strip = options_.strip_accents.value_or(options_.lower_case);
    std::vector<std::string> words;
    size_t i = 0;
    while (i < cleaned.size()) {
        while (i < cleaned.size() && cleaned[i] == ' ') ++i;
        size_t end = i;
        while (end < cleaned.size() && cleaned[end] != ' ') ++end;
        if (end == i) break;
        const std::u32string word = normalise(cleaned.substr(i, end - i), options_.lower_case, strip);
        std::u32string current;  // _run_split_on_punc
        for (char32_t c : word) {
            if (is_punctuation(c)) {
                if (!current.empty()) words.push_back(to_utf8(current)), current.clear();
                words.push_back(to_utf8(std::u32string(1, c)));
            } else {
                current += c;
            }
        }
        if (!current.empty()) words.push_back(to_utf8(current));
        i = end;
    }
    return words;
}

// WordpieceTokenizer.tokenize for one word: the longest prefix in the vocab, then the longest
// "##" continuation, and so on; [UNK] for the whole word when a piece has no match.
void WordPieceTokenizer::word_piece(const std::string& word, std::vector<int32_t>& out) const {
    const std::u32string chars = to_u32(word);
    if (static_cast<int>(chars.size()) > options_.max_chars_per_word) {
        out.push_back(unk_);
        return;
    }
    std::vector<int32_t> pieces;
    size_t start = 0;
    while (start < chars.size()) {
        size_t end = chars.size();
        int32_t found = -1;
        while (start < end) {
            std::string piece = to_utf8(chars.substr(start, end - start));
            if (start > 0) piece = options_.prefix + piece;
            if (const int32_t id = id_of(piece); id >= 0) {
                found = id;
                break;
            }
            --end;
        }
        if (found < 0) {
            out.push_back(unk_);
            return;
        }
        pieces.push_back(found);
        start = end;
    }
    out.insert(out.end(), pieces.begin(), pieces.end());
}

std::vector<int32_t> WordPieceTokenizer::encode(std::string_view text, bool add_special) const {
    require_valid_utf8(text, "the text");
    std::vector<int32_t> ids;
    if (add_special) ids.push_back(cls_);
    auto ordinary = [&](std::string_view part) {
        for (const auto& word : basic_tokenize(part)) word_piece(word, ids);
    };
    size_t start = 0;
    for (size_t pos = 0; pos < text.size();) {
        const auto special = std::find_if(special_.begin(), special_.end(), [&](const std::string& s) {
            return !s.empty() && id_of(s) >= 0 && text.substr(pos, s.size()) == s;
        });
        if (special == special_.end()) {
            ++pos;
            continue;
        }
        ordinary(text.substr(start, pos - start));
        ids.push_back(id_of(*special));
        pos += special->size();
        start = pos;
    }
    ordinary(text.substr(start));
    if (add_special) ids.push_back(sep_);
    return ids;
}

std::string WordPieceTokenizer::decode(const std::vector<int32_t>& ids) const {
    std::string out;
    for (int32_t id : ids) {
        if (id < 0 || id >= vocab_size()) continue;  // no token: skipped, as the tokenizers library does
        const std::string& t = token(id);
        if (t.rfind(options_.prefix, 0) == 0 && !options_.prefix.empty()) out += t.substr(options_.prefix.size());
        else out += (out.empty() ? "" : " ") + t;
    }
    return out;
}

}  // namespace attn
