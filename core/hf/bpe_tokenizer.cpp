#include "hf/bpe_tokenizer.h"

#include "base/tensor.h"
#include "base/utf8.h"
#include "hf/tokenizer_pipeline.h"
#include "model/tokenizer.h"

#include <algorithm>
#include <climits>
#include <queue>

namespace attn {

struct BpeTokenizer::Regex {
    std::unique_ptr<RegexSplitter> splitter;
};

namespace {

// \s as Python's regex module (which transformers uses) reads it: Unicode White_Space, vertical tab
// and NEL included (ICU's own \s leaves them out).
constexpr const char* kPattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\p{White_Space}\p{L}\p{N}]+|\p{White_Space}+(?!\P{White_Space})|\p{White_Space}+)";

uint64_t pair_key(int32_t left, int32_t right) { return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right); }

std::string byte_token(int b) {
    static const char* hex = "0123456789ABCDEF";
    return std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
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
    // tokenizers' BPE builder: each merge's two sides and their join must be vocab tokens.
    merges_.reserve(merges.size());
    for (size_t rank = 0; rank < merges.size(); ++rank) {
        const auto& [a, b] = merges[rank];
        const auto left = vocab_.find(a), right = vocab_.find(b), joined = vocab_.find(a + b);
        if (left == vocab_.end() || right == vocab_.end() || joined == vocab_.end())
            throw Error("merge " + std::to_string(rank) + " (\"" + a + " " + b + "\") uses a token that is not in the vocab: '" +
                        (left == vocab_.end() ? a : right == vocab_.end() ? b : a + b) + "'");
        merges_.emplace(pair_key(left->second, right->second), Merge{static_cast<int32_t>(rank), joined->second});
    }
    for (const auto& s : special_)
        if (!vocab_.count(s)) throw Error("the special token '" + s + "' is not in the vocab");
    for (const auto* list : {&options_.prefix, &options_.suffix})
        for (const auto& s : *list)
            if (!vocab_.count(s)) throw Error("the template's token '" + s + "' is not in the vocab");
    if (!options_.unk.empty()) {
        if (!vocab_.count(options_.unk)) throw Error("the unknown token '" + options_.unk + "' is not in the vocab");
        unk_id_ = vocab_.at(options_.unk);
    }
    if (options_.byte_fallback)
        for (int b = 0; b < 256; ++b) byte_ids_.push_back(id_of(byte_token(b)));
    // Longest first, so a special token that contains another wins.
    std::sort(special_.begin(), special_.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
    for (const auto& step : options_.steps) {
        regexes_.push_back(std::make_unique<Regex>());
        if (step.kind == PreTokenizerStep::Kind::Split) regexes_.back()->splitter = std::make_unique<RegexSplitter>(step.pattern);
    }
}

BpeTokenizer::~BpeTokenizer() = default;

// tokenizers' BPE: each character a symbol; one not in the vocab as its bytes' <0xXX> tokens
// (byte_fallback, when the vocab has them all), else <unk> (fused with an <unk> before it).
void BpeTokenizer::initial_symbols(const std::string& piece, std::vector<int32_t>& symbols) const {
    std::string ch;
    for (size_t i = 0; i < piece.size();) {
        char32_t c;
        const size_t len = std::max<size_t>(decode_utf8(piece, i, c), 1);
        ch.assign(piece, i, len);  // one buffer: a character fits its small-string storage
        i += len;
        if (auto it = vocab_.find(ch); it != vocab_.end()) {
            symbols.push_back(it->second);
            continue;
        }
        if (options_.byte_fallback && std::all_of(ch.begin(), ch.end(), [&](char b) { return byte_ids_[static_cast<unsigned char>(b)] >= 0; })) {
            for (char b : ch) symbols.push_back(byte_ids_[static_cast<unsigned char>(b)]);
            continue;
        }
        if (unk_id_ < 0) throw Error("the BPE met '" + ch + "', which is not in the vocab, and the tokenizer has no unknown token");
        if (options_.fuse_unk && !symbols.empty() && symbols.back() == unk_id_) continue;
        symbols.push_back(unk_id_);
    }
}

// A short word's merges: each time the adjacent pair of lowest rank (leftmost on a tie), which is
// the order Word::merge_all's heap pops them in.
void BpeTokenizer::merge_short(std::vector<int32_t>& id) const {
    while (id.size() > 1) {
        int32_t best = INT32_MAX, result = -1;
        size_t at = 0;
        for (size_t i = 0; i + 1 < id.size(); ++i)
            if (auto it = merges_.find(pair_key(id[i], id[i + 1])); it != merges_.end() && it->second.rank < best)
                best = it->second.rank, result = it->second.result, at = i;
        if (result < 0) return;
        id[at] = result;
        id.erase(id.begin() + static_cast<std::ptrdiff_t>(at) + 1);
    }
}

// tokenizers' Word::merge_all: the pair of lowest rank first (leftmost on a tie), until no pair is
// a merge; symbols are a linked list and the candidate pairs a heap.
void BpeTokenizer::merge_long(std::vector<int32_t>& id) const {
    const int n = static_cast<int>(id.size());
    std::vector<int> prev(static_cast<size_t>(n)), next(static_cast<size_t>(n));
    std::vector<bool> gone(static_cast<size_t>(n), false);
    for (int i = 0; i < n; ++i) prev[static_cast<size_t>(i)] = i - 1, next[static_cast<size_t>(i)] = i + 1 < n ? i + 1 : -1;
    struct Candidate {
        int32_t rank, result;
        int pos;
        bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> queue;
    auto offer = [&](int pos) {
        if (pos < 0) return;
        const int right = next[static_cast<size_t>(pos)];
        if (right < 0) return;
        if (auto it = merges_.find(pair_key(id[static_cast<size_t>(pos)], id[static_cast<size_t>(right)])); it != merges_.end())
            queue.push({it->second.rank, it->second.result, pos});
    };
    for (int i = 0; i + 1 < n; ++i) offer(i);
    while (!queue.empty()) {
        const Candidate top = queue.top();
        queue.pop();
        const auto pos = static_cast<size_t>(top.pos);
        if (gone[pos] || next[pos] < 0) continue;
        const auto right = static_cast<size_t>(next[pos]);
        const auto it = merges_.find(pair_key(id[pos], id[right]));
        if (it == merges_.end() || it->second.result != top.result) continue;  // the pair changed since it was queued
        id[pos] = top.result;
        gone[right] = true;
        next[pos] = next[right];
        if (next[pos] >= 0) prev[static_cast<size_t>(next[pos])] = top.pos;
        offer(prev[pos]);
        offer(top.pos);
    }
    std::vector<int32_t> merged;
    for (int i = 0; i >= 0 && i < n; i = next[static_cast<size_t>(i)]) merged.push_back(id[static_cast<size_t>(i)]);
    id = std::move(merged);
}

// One pre-tokenized piece's ids, cached.
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
    std::vector<int32_t> id;
    id.reserve(piece.size());
    initial_symbols(piece, id);
    // Most words: the same order of merges found by a scan instead of a heap.
    if (id.size() <= static_cast<size_t>(kShortWord)) merge_short(id);
    else merge_long(id);
    out.insert(out.end(), id.begin(), id.end());
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() > 200'000) cache_.clear();  // a bound on memory for endless input
    cache_.emplace(piece, std::move(id));
}

std::vector<std::string> BpeTokenizer::pre_tokenize(std::string text, bool first) const {
    std::vector<std::string> pieces{std::move(text)}, next;
    for (size_t s = 0; s < options_.steps.size(); ++s) {
        const auto& step = options_.steps[s];
        next.clear();
        for (const auto& piece : pieces) {
            switch (step.kind) {
            case PreTokenizerStep::Kind::Split: regexes_[s]->splitter->split(piece, next); break;
            case PreTokenizerStep::Kind::Digits: split_digits(piece, step.individual_digits, next); break;
            case PreTokenizerStep::Kind::Metaspace: split_metaspace(piece, step, first, next); break;
            }
        }
        pieces.swap(next);
    }
    return pieces;
}

void BpeTokenizer::encode_section(std::string_view text, bool first, std::vector<int32_t>& out) const {
    if (text.empty()) return;
    const auto& table = byte_to_unicode();
    std::string mapped;
    for (const auto& piece : pre_tokenize(normalize(text, options_.normalizers), first)) {
        if (!options_.byte_level) {
            bpe(piece, out);
            continue;
        }
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
        encode_section(text.substr(start, pos - start), start == 0, ids);
        ids.push_back(vocab_.at(*special));
        pos += special->size();
        start = pos;
    }
    encode_section(text.substr(start), start == 0, ids);
    if (add_special)
        for (const auto& s : options_.suffix) ids.push_back(vocab_.at(s));
    return ids;
}

std::string BpeTokenizer::decode(const std::vector<int32_t>& ids) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (int32_t id : ids)  // an id with no token (Qwen2.5's padded embedding rows) is skipped, as the tokenizers library does
        if (id >= 0 && id < vocab_size()) tokens.push_back(token(id));
    return run_decoders(std::move(tokens), options_.decoders);
}

std::string BpeTokenizer::label(int32_t id) const {
    const std::string& t = token(id);
    if (is_special(id)) return t;
    std::string bytes = t;
    if (options_.byte_level) {
        if (!byte_level_bytes(t, bytes)) return t;
    } else if (const int b = byte_token_value(t); b >= 0) {
        bytes = std::string(1, static_cast<char>(b));
    }
    // Shown for people: SentencePiece's ▁ and every space as ␣, control bytes by name or <0xXX>.
    std::string out;
    for (size_t i = 0; i < bytes.size();) {
        char32_t c;
        const size_t len = decode_utf8(bytes, i, c);
        if (len == 0) {  // one byte of a character split across tokens
            out += byte_token(static_cast<unsigned char>(bytes[i]));
            ++i;
            continue;
        }
        if (c == ' ' || c == U'\u2581') out += "␣";
        else if (c == '\n') out += "↵";
        else if (c == '\t') out += "⇥";
        else if (c == '\r') out += "␍";
        else if (c < 0x20 || c == 0x7F) out += byte_token(static_cast<int>(c));
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
