#include "learn/text_task.h"

#include "base/file_io.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "model/tokenizer.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace attn {
namespace {

std::string megabytes(int64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
    return text;
}

void check_corpus_text(std::string_view text, const std::string& name) {
    if (text.empty()) throw Error(name + " is empty: the text task needs text to learn from");
    if (static_cast<int64_t>(text.size()) > kMaxCorpusBytes)
        throw Error(name + " is " + megabytes(static_cast<int64_t>(text.size())) + "; the text task reads at most " +
                    megabytes(kMaxCorpusBytes) + ": cut it");
    if (const size_t zero = text.find('\0'); zero != std::string_view::npos)
        throw Error(name + " is not text (a zero byte at offset " + std::to_string(zero) + "): give a UTF-8 text file");
    require_valid_utf8(text, name);
}

class TextTask : public Task {
public:
    TextTask(const std::string& corpus, const TextModelShape& shape, const std::string& name) : shape_(shape) {
        check_corpus_text(corpus, name);
        if (shape.context < 2) throw Error("the context (" + std::to_string(shape.context) + ") must be at least 2 characters");
        if (!(shape.repeats >= 0 && shape.repeats <= 1)) throw Error("the share of repeated windows must be from 0 to 1");
        if (shape.positions != PositionalEncoding::Learned && shape.positions != PositionalEncoding::Rope)
            throw Error("the text task's positions are learned or rope");
        std::vector<std::string> chars;
        char32_t c;
        for (size_t pos = 0, n; pos < corpus.size(); pos += n) {
            n = decode_utf8(corpus, pos, c);
            chars.emplace_back(corpus.substr(pos, n));
        }
        std::map<std::string, int32_t> index;  // sorted by UTF-8 bytes = by code point
        for (const auto& ch : chars) index.emplace(ch, 0);
        for (auto& [ch, id] : index) {
            id = static_cast<int32_t>(vocab_.size());
            vocab_.push_back(ch);
        }
        ids_.reserve(chars.size());
        for (const auto& ch : chars) ids_.push_back(index.at(ch));
        const auto n = static_cast<int64_t>(ids_.size()), window = static_cast<int64_t>(shape.context) + 1;
        split_ = n - std::max<int64_t>(n / 10, window);  // the held-out tail: a tenth, at least one window
        if (split_ < window)
            throw Error(name + " has " + std::to_string(n) + " characters; with a context of " + std::to_string(shape.context) +
                        " the text task needs at least " + std::to_string(2 * window) +
                        " (one window to train on, one held out)");
    }

    std::string name() const override { return "text"; }
    std::string description() const override {
        return translate_text("attn", "text: read a corpus one character at a time and predict the next character");
    }
    TaskDefaults defaults() const override {
        TaskDefaults t;
        Config& c = t.config;
        c.architecture = Architecture::DecoderOnly;
        c.d_model = shape_.d_model;
        c.nhead = shape_.heads;
        c.num_decoder_layers = shape_.layers;
        c.num_encoder_layers = shape_.layers;
        c.dim_feedforward = 4 * shape_.d_model;
        c.activation = Activation::Gelu;
        c.norm_first = true;  // pre-norm, as GPT-2 and every model since
        c.positional_encoding = shape_.positions;
        c.max_len = shape_.context;
        c.seed = 1;
        c.vocab = vocab_;
        c.tie_embeddings = false;  // tied, nn.Embedding's N(0, 1) rows would make the first logits ±10
        c.tokenizer = TextSplit::Chars;
        c.pad_token = "[PAD]";
        t.steps = 8000;
        t.lr = 3e-3;
        t.batch_size = 12;
        t.warmup_steps = 100;
        t.cosine_decay = true;
        return t;
    }
    Example sample(Rng& rng) const override {
        const int64_t starts = split_ - shape_.context;  // a window of context + 1 inside the training part
        const auto start = std::min(starts - 1, static_cast<int64_t>(rng.uniform(0, static_cast<double>(starts))));
        if (shape_.repeats <= 0 || rng.uniform() >= shape_.repeats) return make(start);
        // A repeat: ids [at, at + length) written again at [at + length, at + 2·length).
        std::vector<int32_t> window(ids_.begin() + start, ids_.begin() + start + shape_.context + 1);
        const int longest = std::max(kShortestRepeat, (shape_.context + 1) / 2 - 2);
        const int length = kShortestRepeat + static_cast<int>(rng.uniform(0, longest - kShortestRepeat + 1)) % (longest - kShortestRepeat + 1);
        const int places = shape_.context + 1 - 2 * length;
        const int at = static_cast<int>(rng.uniform(0, std::max(1, places))) % std::max(1, places);
        std::copy(window.begin() + at, window.begin() + at + length, window.begin() + at + length);
        return make(window);
    }
    std::vector<Example> held_out() const override {
        std::vector<Example> out;
        const int64_t n = static_cast<int64_t>(ids_.size());
        for (int64_t start = split_; start + shape_.context < n && out.size() < kHeldOutWindows; start += shape_.context)
            out.push_back(make(start));
        return out;
    }
    int64_t distinct_examples() const override { return split_ - shape_.context; }
    bool scores_each_token() const override { return true; }
    std::optional<std::vector<int64_t>> labels_for(const std::string& src, const std::string&) const override {
        std::vector<int64_t> labels;
        char32_t c;
        for (size_t pos = 0, n; pos < src.size(); pos += n) {
            n = decode_utf8(src, pos, c);
            if (n == 0) return std::nullopt;
            const auto it = std::find(vocab_.begin(), vocab_.end(), src.substr(pos, n));
            if (it == vocab_.end()) return std::nullopt;
            labels.push_back(it - vocab_.begin());
        }
        if (labels.empty()) return std::nullopt;
        labels.erase(labels.begin());  // position t is scored on character t + 1; the last has none
        labels.push_back(kIgnoreLabel);
        return labels;
    }
    std::string probe_stage() const override {
        return "decoder.layers." + std::to_string(std::min(1, shape_.layers - 1)) + ".self_attn.weights";
    }

private:
    static constexpr size_t kHeldOutWindows = 128;
    static constexpr int kShortestRepeat = 6;

    Example make(int64_t start) const {
        return make(std::vector<int32_t>(ids_.begin() + start, ids_.begin() + start + shape_.context + 1));
    }
    // ids: context + 1 characters; position t reads ids[t] and is scored on ids[t + 1].
    Example make(const std::vector<int32_t>& ids) const {
        Example e;
        for (size_t t = 0; t + 1 < ids.size(); ++t) {
            e.src_text += vocab_[static_cast<size_t>(ids[t])];
            e.labels.push_back(ids[t + 1]);
        }
        return e;
    }

    TextModelShape shape_;
    std::vector<std::string> vocab_;
    std::vector<int32_t> ids_;
    int64_t split_ = 0;  // ids_[split_:] is held out
};

}  // namespace

std::string read_corpus(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && static_cast<int64_t>(size) > kMaxCorpusBytes)  // refused before reading a byte
        throw Error(path + " is " + megabytes(static_cast<int64_t>(size)) + "; the text task reads at most " +
                    megabytes(kMaxCorpusBytes) + ": cut it");
    const std::vector<char> bytes = read_binary_file(path, "corpus");
    const std::string text(bytes.begin(), bytes.end());
    check_corpus_text(text, path);
    return text;
}

std::unique_ptr<Task> make_text_task(const std::string& corpus, const TextModelShape& shape, const std::string& name) {
    return std::make_unique<TextTask>(corpus, shape, name);
}

}  // namespace attn
