#include "hf/bpe_tokenizer.h"

#include "base/tensor.h"
#include "base/utf8.h"
#include "model/tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <climits>

namespace attn {

// GPT-2's pre-tokenizer (encoder.py: self.pat), compiled once by ICU.
struct BpeTokenizer::Regex {
    std::unique_ptr<icu::RegexPattern> pattern;
};

namespace {

// \s as Python's regex module (which transformers uses) reads it: Unicode White_Space, vertical tab
// and NEL included (ICU's own \s leaves them out).
constexpr const char* kPattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+)";

// The inverse of byte_to_unicode: code point -> byte (code points stay below 324).
const std::vector<int>& unicode_to_byte() {
    static const std::vector<int> table = [] {
        std::vector<int> t(512, -1);
        const auto& forward = BpeTokenizer::byte_to_unicode();
        for (int b = 0; b < 256; ++b) {
            char32_t c;
            decode_utf8(forward[static_cast<size_t>(b)], 0, c);
            t[c] = b;
        }
        return t;
    }();
    return table;
}

// The bytes a vocab token stands for (its characters through unicode_to_byte); false when a
// character is not one of the table's (an added token such as <|endoftext|> is its own text).
bool token_bytes(std::string_view token, std::string& out) {
    out.clear();
    for (size_t i = 0; i < token.size();) {
        char32_t c;
        const size_t len = decode_utf8(token, i, c);
        if (len == 0 || c >= 512 || unicode_to_byte()[c] < 0) return false;
        out += static_cast<char>(unicode_to_byte()[c]);
        i += len;
    }
    return true;
}

}  // namespace

const char* gpt2_pattern() { return kPattern; }

const std::vector<std::string>& BpeTokenizer::byte_to_unicode() {
    // encoder.py's bytes_to_unicode: printable bytes map to themselves, the others to 256 + n.
    static const std::vector<std::string> table = [] {
        std::vector<std::string> t(256);
        int n = 0;
        for (int b = 0; b < 256; ++b) {
            const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            append_utf8(t[static_cast<size_t>(b)], printable ? static_cast<char32_t>(b) : static_cast<char32_t>(256 + n++));
        }
        return t;
    }();
    return table;
}

BpeTokenizer::BpeTokenizer(std::unordered_map<std::string, int32_t> vocab,
                           const std::vector<std::pair<std::string, std::string>>& merges, std::vector<std::string> special,
                           BpeOptions options)
    : vocab_(std::move(vocab)), special_(std::move(special)), options_(std::move(options)) {
    tokens_.resize(vocab_.size());
    for (const auto& [token, id] : vocab_) {
        if (id < 0 || static_cast<size_t>(id) >= tokens_.size() || !tokens_[static_cast<size_t>(id)].empty())
            throw Error("the vocab's ids must be 0 to " + std::to_string(vocab_.size() - 1) + ", each once; '" + token +
                        "' has id " + std::to_string(id));
        tokens_[static_cast<size_t>(id)] = token;
    }
    for (size_t rank = 0; rank < merges.size(); ++rank)
        ranks_.emplace(merges[rank].first + " " + merges[rank].second, static_cast<int32_t>(rank));
    for (const auto& s : special_)
        if (!vocab_.count(s)) throw Error("the special token '" + s + "' is not in the vocab");
    for (const auto* list : {&options_.prefix, &options_.suffix})
        for (const auto& s : *list)
            if (!vocab_.count(s)) throw Error("the template's token '" + s + "' is not in the vocab");
    // Longest first, so a special token that contains another wins.
    std::sort(special_.begin(), special_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    UErrorCode status = U_ZERO_ERROR;
    if (options_.steps.empty()) options_.steps.push_back({PreTokenizerStep::Kind::Split, kPattern, false});
    for (const auto& step : options_.steps) {
        regexes_.push_back(std::make_unique<Regex>());
        if (step.kind != PreTokenizerStep::Kind::Split) continue;
        regexes_.back()->pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(step.pattern), 0, status));
        if (U_FAILURE(status))
            throw Error("the pre-tokenizer's regex did not compile (" + std::string(u_errorName(status)) + "): " +
                        step.pattern.substr(0, 80));
    }
}

BpeTokenizer::~BpeTokenizer() = default;

// encoder.py's bpe(): merge the adjacent pair of lowest rank, all its occurrences, until none is in merges.
void BpeTokenizer::bpe(const std::string& piece, std::vector<int32_t>& out) const {
    {
        std::lock_guard lock(cache_mutex_);
        if (auto it = cache_.find(piece); it != cache_.end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
            return;
        }
    }
    if (options_.ignore_merges)  // tokenizers' BPE with ignore_merges: a whole-piece vocab token wins
        if (auto it = vocab_.find(piece); it != vocab_.end()) {
            out.push_back(it->second);
            return;
        }
    std::vector<std::string> word;
    for (size_t i = 0; i < piece.size();) {
        char32_t c;
        const size_t len = decode_utf8(piece, i, c);
        word.emplace_back(piece.substr(i, len));
        i += len;
    }
    while (word.size() > 1) {
        int32_t best = INT32_MAX;
        std::string best_pair;
        for (size_t i = 0; i + 1 < word.size(); ++i) {
            std::string pair = word[i] + " " + word[i + 1];
            if (auto it = ranks_.find(pair); it != ranks_.end() && it->second < best) best = it->second, best_pair = std::move(pair);
        }
        if (best == INT32_MAX) break;
        const size_t space = best_pair.find(' ');
        const std::string first = best_pair.substr(0, space), second = best_pair.substr(space + 1);
        std::vector<std::string> merged;
        for (size_t i = 0; i < word.size();) {
            if (i + 1 < word.size() && word[i] == first && word[i + 1] == second) {
                merged.push_back(first + second);
                i += 2;
            } else {
                merged.push_back(std::move(word[i]));
                ++i;
            }
        }
        word = std::move(merged);
    }
    std::vector<int32_t> ids;
    for (const auto& symbol : word) {
        auto it = vocab_.find(symbol);
        if (it == vocab_.end()) throw Error("the BPE produced '" + symbol + "', which is not in the vocab (do vocab and merges belong together?)");
        ids.push_back(it->second);
    }
    out.insert(out.end(), ids.begin(), ids.end());
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() > 200'000) cache_.clear();  // a bound on memory for endless input
    cache_.emplace(piece, std::move(ids));
}

namespace {

// Split with behavior Isolated: every match is a piece, and so is the text between matches.
void split_isolated(const icu::RegexPattern& pattern, const std::string& text, std::vector<std::string>& out) {
    const icu::UnicodeString utext = icu::UnicodeString::fromUTF8(text);
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(utext, status));
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

// Digits: digits apart from the rest; individually, or in runs.
void split_digits(const std::string& text, bool individual, std::vector<std::string>& out) {
    std::string piece;
    bool digits = false;
    for (size_t i = 0; i < text.size();) {
        char32_t c;
        const size_t len = decode_utf8(text, i, c);
        const bool digit = u_isdigit(static_cast<UChar32>(c));  // Rust's char::is_numeric as tokenizers reads it: Nd
        if (!piece.empty() && (digit != digits || (digit && individual))) out.push_back(std::move(piece)), piece.clear();
        piece.append(text, i, std::max<size_t>(len, 1));
        digits = digit;
        i += std::max<size_t>(len, 1);
    }
    if (!piece.empty()) out.push_back(std::move(piece));
}

}  // namespace

std::vector<std::string> BpeTokenizer::pre_tokenize(std::string_view text) const {
    std::vector<std::string> pieces{std::string(text)}, next;
    for (size_t s = 0; s < options_.steps.size(); ++s) {
        next.clear();
        for (const auto& piece : pieces) {
            if (options_.steps[s].kind == PreTokenizerStep::Kind::Split) split_isolated(*regexes_[s]->pattern, piece, next);
            else split_digits(piece, options_.steps[s].individual_digits, next);
        }
        pieces.swap(next);
    }
    return pieces;
}

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

}  // namespace

void BpeTokenizer::encode_ordinary(std::string_view text, std::vector<int32_t>& out) const {
    if (text.empty()) return;
    const auto& table = byte_to_unicode();
    std::string mapped;
    for (const auto& piece : pre_tokenize(options_.nfc ? std::string_view(nfc_normalized(text)) : text)) {
        mapped.clear();
        for (unsigned char b : piece) mapped += table[b];  // ByteLevel: each byte as a printable character
        bpe(mapped, out);
    }
}

std::vector<int32_t> BpeTokenizer::encode(std::string_view text, bool add_special) const {
    require_valid_utf8(text, "the text");
    std::vector<int32_t> ids;
    if (add_special)
        for (const auto& s : options_.prefix) ids.push_back(vocab_.at(s));
    size_t start = 0;
    for (size_t pos = 0; pos < text.size();) {
        const auto special = std::find_if(special_.begin(), special_.end(), [&](const std::string& s) { return text.substr(pos, s.size()) == s; });
        if (special == special_.end()) {
            ++pos;
            continue;
        }
        encode_ordinary(text.substr(start, pos - start), ids);
        ids.push_back(vocab_.at(*special));
        pos += special->size();
        start = pos;
    }
    encode_ordinary(text.substr(start), ids);
    if (add_special)
        for (const auto& s : options_.suffix) ids.push_back(vocab_.at(s));
    return ids;
}

std::string BpeTokenizer::decode(const std::vector<int32_t>& ids) const {
    std::string bytes, part;
    for (int32_t id : ids) {
        const std::string& t = token(id);
        bytes += token_bytes(t, part) ? part : t;
    }
    return valid_utf8(bytes);
}

std::string BpeTokenizer::label(int32_t id) const {
    const std::string& t = token(id);
    std::string bytes;
    if (is_special(id) || !token_bytes(t, bytes)) return t;
    std::string out;
    for (size_t i = 0; i < bytes.size();) {
        char32_t c;
        const size_t len = decode_utf8(bytes, i, c);
        if (len == 0) {  // one byte of a character split across tokens
            static const char* hex = "0123456789ABCDEF";
            const auto b = static_cast<unsigned char>(bytes[i]);
            out += std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
            ++i;
            continue;
        }
        if (c == ' ') out += "␣";
        else if (c == '\n') out += "↵";
        else if (c == '\t') out += "⇥";
        else if (c == '\r') out += "␍";
        else if (c < 0x20 || c == 0x7F) out += "<0x" + std::string(1, "0123456789ABCDEF"[c >> 4]) + "0123456789ABCDEF"[c & 15] + ">";
        else out.append(bytes, i, len);
        i += len;
    }
    return out;
}

int32_t BpeTokenizer::id_of(std::string_view token) const {
    auto it = vocab_.find(std::string(token));
    return it == vocab_.end() ? -1 : it->second;
}

bool BpeTokenizer::is_special(int32_t id) const {
    return std::find(special_.begin(), special_.end(), token(id)) != special_.end();
}

}  // namespace attn
