#include "learn/tasks.h"

#include "base/i18n.h"

#include <algorithm>
#include <set>

namespace attn {
namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::string w;
    for (char c : text) {
        if (c == ' ') {
            if (!w.empty()) out.push_back(w);
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty()) out.push_back(w);
    return out;
}

Config small_model(Architecture architecture, std::vector<std::string> vocab, int max_len, int layers) {
    Config c;
    c.architecture = architecture;
    c.d_model = 32;
    c.nhead = 2;
    c.num_encoder_layers = layers;
    c.num_decoder_layers = layers;
    c.dim_feedforward = 64;
    c.norm_first = true;
    c.positional_encoding = PositionalEncoding::Learned;
    c.max_len = max_len;
    c.seed = 1;
    c.vocab = std::move(vocab);
    return c;
}

// copy, reverse, sort: 8 digits in, 8 digits out, every position answered at once.
class DigitTask : public Task {
public:
    enum class Kind { Copy, Reverse, Sort };
    explicit DigitTask(Kind kind) : kind_(kind) {}

    std::string name() const override { return kind_ == Kind::Copy ? "copy" : kind_ == Kind::Reverse ? "reverse" : "sort"; }
    std::string description() const override {
        switch (kind_) {
            case Kind::Copy: return translate_text("attn", "copy 8 digits: each position repeats its own digit");
            case Kind::Reverse: return translate_text("attn", "reverse 8 digits: position i answers with digit 7 − i");
            case Kind::Sort: return translate_text("attn", "sort 8 digits in ascending order");
        }
        return {};
    }
    TaskDefaults defaults() const override {
        std::vector<std::string> digits;
        for (int d = 0; d < 10; ++d) digits.push_back(std::to_string(d));
        TaskDefaults t;
        t.config = small_model(Architecture::EncoderOnly, digits, kLength, kind_ == Kind::Sort ? 2 : 1);
        t.steps = kind_ == Kind::Sort ? 2500 : 1200;
        t.lr = 3e-3;
        t.batch_size = 32;
        return t;
    }
    Example sample(Rng& rng) const override {
        for (;;) {
            std::vector<int> d(kLength);
            for (int& x : d) x = static_cast<int>(rng.uniform(0, 10)) % 10;
            if (!held_out_set().count(d)) return make(d);
        }
    }
    std::vector<Example> held_out() const override {
        std::vector<Example> out;
        for (const auto& d : held_out_list()) out.push_back(make(d));
        return out;
    }
    int64_t distinct_examples() const override { return 100'000'000 - kHeldOut; }
    std::optional<std::vector<int64_t>> labels_for(const std::string& src, const std::string&) const override {
        std::vector<int> d;
        for (const std::string& w : words(src)) {
            if (w.size() != 1 || w[0] < '0' || w[0] > '9') return std::nullopt;
            d.push_back(w[0] - '0');
        }
        if (static_cast<int>(d.size()) != kLength) return std::nullopt;
        return make(d).labels;
    }
    std::string probe_stage() const override {
        return kind_ == Kind::Sort ? "encoder.layers.1.self_attn.weights" : "encoder.layers.0.self_attn.weights";
    }

private:
    static constexpr int kLength = 8, kHeldOut = 200;

    Example make(const std::vector<int>& d) const {
        std::vector<int> answer = d;
        if (kind_ == Kind::Reverse) std::reverse(answer.begin(), answer.end());
        if (kind_ == Kind::Sort) std::sort(answer.begin(), answer.end());
        Example e;
        std::vector<std::string> words;
        for (int x : d) words.push_back(std::to_string(x));
        e.src_text = join(words);
        for (int x : answer) e.labels.push_back(x);  // the vocab is "0" … "9": a digit's id is its value
        return e;
    }
    const std::vector<std::vector<int>>& held_out_list() const {
        static const auto list = [] {  // one list for copy, reverse and sort
            Rng rng(20261125, "held-out:digits");
            std::set<std::vector<int>> seen;
            std::vector<std::vector<int>> out;
            while (out.size() < kHeldOut) {
                std::vector<int> d(kLength);
                for (int& x : d) x = static_cast<int>(rng.uniform(0, 10)) % 10;
                if (seen.insert(d).second) out.push_back(d);
            }
            return out;
        }();
        return list;
    }
    const std::set<std::vector<int>>& held_out_set() const {
        static const std::set<std::vector<int>> set(held_out_list().begin(), held_out_list().end());
        return set;
    }

    Kind kind_;
};

// induction: a string of 4 to 8 distinct letters, repeated to fill 16 positions ("c a t e c a t e c a …").
// Each position in a repeat predicts the next letter. The period differs from example to example, so
// no fixed offset answers: the model must find where the current letter occurred before and copy the
// letter that followed it, which is what an induction head does.
class InductionTask : public Task {
public:
    std::string name() const override { return "induction"; }
    std::string description() const override {
        return translate_text("attn", "induction: 4 to 8 letters repeated; in each repeat, predict the next letter from the earlier copy");
    }
    TaskDefaults defaults() const override {
        TaskDefaults t;
        t.config = small_model(Architecture::DecoderOnly, letters(), kPositions, 2);
        t.steps = 3000;
        t.lr = 3e-3;
        return t;
    }
    Example sample(Rng& rng) const override {
        for (;;) {
            std::vector<int> s = draw(rng);
            if (!held_out_set().count(s)) return make(s);
        }
    }
    std::vector<Example> held_out() const override {
        std::vector<Example> out;
        for (const auto& s : held_out_list()) out.push_back(make(s));
        return out;
    }
    int64_t distinct_examples() const override {  // 16 · 15 · … over the periods 4 to 8
        int64_t n = 0;
        for (int period = kMinPeriod; period <= kMaxPeriod; ++period) {
            int64_t strings = 1;
            for (int i = 0; i < period; ++i) strings *= kLetters - i;
            n += strings;
        }
        return n - kHeldOut;
    }
    std::string probe_stage() const override { return "decoder.layers.1.self_attn.weights"; }
    std::optional<std::vector<int64_t>> labels_for(const std::string& src, const std::string&) const override {
        std::vector<int> s;
        for (const std::string& w : words(src)) {
            if (w.size() != 1 || w[0] < 'a' || w[0] >= 'a' + kLetters) return std::nullopt;
            s.push_back(w[0] - 'a');
        }
        if (static_cast<int>(s.size()) != kPositions) return std::nullopt;
        for (int period = kMinPeriod; period <= kMaxPeriod; ++period) {  // the shortest period of distinct letters
            const std::vector<int> unit(s.begin(), s.begin() + period);
            if (std::set<int>(unit.begin(), unit.end()).size() != static_cast<size_t>(period)) break;
            if (make(unit).src_text == src) return make(unit).labels;
        }
        return std::nullopt;
    }

private:
    static constexpr int kPositions = 16, kMinPeriod = 4, kMaxPeriod = 8, kLetters = 16, kHeldOut = 200;

    static std::vector<std::string> letters() {
        std::vector<std::string> v;
        for (int i = 0; i < kLetters; ++i) v.push_back(std::string(1, static_cast<char>('a' + i)));
        return v;
    }
    static std::vector<int> draw(Rng& rng) {
        const int period = kMinPeriod + static_cast<int>(rng.uniform(0, kMaxPeriod - kMinPeriod + 1)) % (kMaxPeriod - kMinPeriod + 1);
        std::vector<int> pool(kLetters);
        for (int i = 0; i < kLetters; ++i) pool[static_cast<size_t>(i)] = i;
        for (int i = 0; i < period; ++i) std::swap(pool[static_cast<size_t>(i)], pool[static_cast<size_t>(i + static_cast<int>(rng.uniform(0, kLetters - i)) % (kLetters - i))]);
        return {pool.begin(), pool.begin() + period};
    }
    Example make(const std::vector<int>& s) const {
        const int period = static_cast<int>(s.size());
        Example e;
        std::vector<std::string> words;
        for (int t = 0; t < kPositions; ++t) words.push_back(std::string(1, static_cast<char>('a' + s[static_cast<size_t>(t % period)])));
        e.src_text = join(words);
        // Position t of a repeat (t ≥ period) predicts token t + 1; the first copy cannot be predicted.
        e.labels.assign(kPositions, -100);
        for (int t = period; t + 1 < kPositions; ++t) e.labels[static_cast<size_t>(t)] = s[static_cast<size_t>((t + 1) % period)];
        return e;
    }
    const std::vector<std::vector<int>>& held_out_list() const {
        static const auto list = [] {
            Rng rng(20261206, "held-out:induction");
            std::set<std::vector<int>> seen;
            std::vector<std::vector<int>> out;
            while (out.size() < kHeldOut) {
                std::vector<int> s = draw(rng);
                if (seen.insert(s).second) out.push_back(s);
            }
            return out;
        }();
        return list;
    }
    const std::set<std::vector<int>>& held_out_set() const {
        static const std::set<std::vector<int>> set(held_out_list().begin(), held_out_list().end());
        return set;
    }
};

}  // namespace

std::unique_ptr<Task> make_translation_task();  // translation_task.cpp

std::vector<std::string> task_names() { return {"copy", "reverse", "sort", "induction", "translation"}; }

std::unique_ptr<Task> make_task(const std::string& name) {
    if (name == "copy") return std::make_unique<DigitTask>(DigitTask::Kind::Copy);
    if (name == "reverse") return std::make_unique<DigitTask>(DigitTask::Kind::Reverse);
    if (name == "sort") return std::make_unique<DigitTask>(DigitTask::Kind::Sort);
    if (name == "induction") return std::make_unique<InductionTask>();
    if (name == "translation") return make_translation_task();
    std::string names;
    for (const auto& n : task_names()) names += (names.empty() ? "" : ", ") + n;
    throw Error("there is no task '" + name + "'; the tasks are " + names);
}

void Task::check_config(const Config& config) const {
    const Config want = defaults().config;
    if (config.architecture != want.architecture)
        throw Error("the " + name() + " task needs an " + to_string(want.architecture) + " model, not " + to_string(config.architecture));
    if (config.vocab != want.vocab)
        throw Error("the " + name() + " task needs its own vocab of " + std::to_string(want.vocab.size()) +
                    " tokens; this config has " + std::to_string(config.vocab.size()) + " (leave vocab out to get the task's)");
    if (config.tokenizer != want.tokenizer)
        throw Error("the " + name() + " task needs the tokenizer \"" + to_string(want.tokenizer) + "\", not \"" +
                    to_string(config.tokenizer) + "\"");
    if (config.vocab_size != 0 && config.vocab_size != static_cast<int>(want.vocab.size()))
        throw Error("the " + name() + " task predicts " + std::to_string(want.vocab.size()) + " tokens but vocab_size is " +
                    std::to_string(config.vocab_size));
    if (config.max_len < want.max_len)
        throw Error("the " + name() + " task needs " + std::to_string(want.max_len) + " positions but max_len is " +
                    std::to_string(config.max_len));
    require_valid(config);
}

}  // namespace attn
