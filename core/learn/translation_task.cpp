// English → 中文 translation pairs written from templates: seven subject-verb
// frames times 43 nouns. Every noun and every frame appears in training, but 30
// of their combinations are held out, so the accuracy measures whether the
// model composes "我 爱" with "猫" by itself.
#include "base/i18n.h"
#include "learn/tasks.h"

#include <algorithm>
#include <set>
#include <utility>

namespace attn {
namespace {

struct Frame {
    const char* en;  // "I love"
    const char* zh;  // "我爱"
};

const Frame kFrames[] = {{"I love", "我爱"},   {"you like", "你喜欢"},  {"he has", "他有"},    {"she draws", "她画"},
                         {"we want", "我们想要"}, {"they see", "他们看见"}, {"I found", "我找到"}};

const std::pair<const char*, const char*> kNouns[] = {
    {"cats", "猫"},       {"dogs", "狗"},        {"birds", "鸟"},        {"fish", "鱼"},        {"apples", "苹果"},
    {"books", "书"},      {"flowers", "花"},     {"trees", "树"},        {"cars", "汽车"},      {"houses", "房子"},
    {"rivers", "河"},     {"mountains", "山"},   {"stars", "星星"},      {"music", "音乐"},     {"tea", "茶"},
    {"rice", "米饭"},     {"water", "水"},       {"bread", "面包"},      {"milk", "牛奶"},      {"coffee", "咖啡"},
    {"horses", "马"},     {"rabbits", "兔子"},   {"tigers", "老虎"},     {"pandas", "熊猫"},    {"computers", "电脑"},
    {"phones", "手机"},   {"pictures", "图片"},  {"movies", "电影"},     {"games", "游戏"},     {"friends", "朋友"},
    {"teachers", "老师"}, {"students", "学生"},  {"children", "孩子"},   {"machines", "机器"},  {"robots", "机器人"},
    {"maps", "地图"},     {"chairs", "椅子"},    {"tables", "桌子"},     {"shoes", "鞋子"},     {"hats", "帽子"},
    {"clouds", "云"},     {"rain", "雨"},        {"snow", "雪"}};

constexpr int kFrameCount = sizeof(kFrames) / sizeof(kFrames[0]);
constexpr int kNounCount = sizeof(kNouns) / sizeof(kNouns[0]);
constexpr int kHeldOut = 30;

// The UTF-8 characters of a string, each one token as the app's tokenizer splits Chinese.
std::vector<std::string> characters(const std::string& s) {
    std::vector<std::string> out;
    for (size_t i = 0; i < s.size();) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}

class TranslationTask : public Task {
public:
    std::string name() const override { return "translation"; }
    std::string description() const override {
        return translate_text("attn", "translate short English sentences into Chinese (“I love cats” → “我爱猫”)");
    }
    TaskDefaults defaults() const override {
        Config c;
        c.architecture = Architecture::EncoderDecoder;
        c.d_model = 32;
        c.nhead = 2;
        c.num_encoder_layers = 1;
        c.num_decoder_layers = 1;
        c.dim_feedforward = 64;
        c.norm_first = true;
        c.positional_encoding = PositionalEncoding::Learned;
        c.max_len = 10;
        c.seed = 1;
        c.vocab = vocab();
        TaskDefaults t;
        t.config = c;
        t.steps = 2000;
        t.lr = 3e-3;
        return t;
    }
    Example sample(Rng& rng) const override {
        const auto& pairs = training_pairs();
        const size_t k = static_cast<size_t>(rng.uniform(0, static_cast<double>(pairs.size()))) % pairs.size();
        return make(pairs[k].first, pairs[k].second);
    }
    std::vector<Example> held_out() const override {
        std::vector<Example> out;
        for (const auto& [frame, noun] : held_out_pairs()) out.push_back(make(frame, noun));
        return out;
    }
    int64_t distinct_examples() const override { return static_cast<int64_t>(training_pairs().size()); }
    std::string probe_stage() const override { return "decoder.layers.0.multihead_attn.weights"; }
    std::optional<std::vector<int64_t>> labels_for(const std::string& src, const std::string& tgt) const override {
        for (int f = 0; f < kFrameCount; ++f)
            for (int n = 0; n < kNounCount; ++n) {
                const Example e = make(f, n);
                if (e.src_text == src && e.tgt_text == tgt) return e.labels;
            }
        return std::nullopt;
    }

private:
    using Pair = std::pair<int, int>;  // frame, noun

    Example make(int frame, int noun) const {
        const std::vector<std::string>& v = vocab();
        Example e;
        e.src_text = std::string(kFrames[frame].en) + " " + kNouns[noun].first;
        const std::vector<std::string> target = characters(std::string(kFrames[frame].zh) + kNouns[noun].second);
        // The decoder reads "<s> 我 爱 猫" and answers "我 爱 猫 </s>".
        e.tgt_text = "<s>";
        for (const auto& ch : target) e.tgt_text += " " + ch;
        for (const auto& ch : target) e.labels.push_back(std::find(v.begin(), v.end(), ch) - v.begin());
        e.labels.push_back(std::find(v.begin(), v.end(), "</s>") - v.begin());
        return e;
    }
    static const std::vector<std::string>& vocab() {
        static const std::vector<std::string> v = [] {
            std::vector<std::string> out{"[PAD]", "<s>", "</s>"};
            auto add = [&out](const std::string& t) {
                if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
            };
            for (const Frame& f : kFrames) {
                std::string en = f.en;
                for (size_t space; (space = en.find(' ')) != std::string::npos; en = en.substr(space + 1)) add(en.substr(0, space));
                add(en);
                for (const auto& ch : characters(f.zh)) add(ch);
            }
            for (const auto& [en, zh] : kNouns) {
                add(en);
                for (const auto& ch : characters(zh)) add(ch);
            }
            return out;
        }();
        return v;
    }
    static const std::vector<Pair>& held_out_pairs() {
        static const std::vector<Pair> pairs = [] {
            // Spread over frames and nouns: every frame and noun keeps most of its combinations in training.
            Rng rng(20261125, "held-out:translation");
            std::set<Pair> chosen;
            std::vector<int> per_noun(kNounCount, 0);
            while (static_cast<int>(chosen.size()) < kHeldOut) {
                const int f = static_cast<int>(rng.uniform(0, kFrameCount)) % kFrameCount;
                const int n = static_cast<int>(rng.uniform(0, kNounCount)) % kNounCount;
                if (per_noun[static_cast<size_t>(n)] >= 1 || !chosen.insert({f, n}).second) continue;
                ++per_noun[static_cast<size_t>(n)];
            }
            return std::vector<Pair>(chosen.begin(), chosen.end());
        }();
        return pairs;
    }
    static const std::vector<Pair>& training_pairs() {
        static const std::vector<Pair> pairs = [] {
            const std::set<Pair> held(held_out_pairs().begin(), held_out_pairs().end());
            std::vector<Pair> out;
            for (int f = 0; f < kFrameCount; ++f)
                for (int n = 0; n < kNounCount; ++n)
                    if (!held.count({f, n})) out.push_back({f, n});
            return out;
        }();
        return pairs;
    }
};

}  // namespace

std::unique_ptr<Task> make_translation_task() { return std::make_unique<TranslationTask>(); }

}  // namespace attn
