// The text task (learn/text_task.h): character tokens, windows and their labels, the held-out
// tail, the learning-rate schedule, and every bad corpus refused in one sentence.
#include "base/file_io.h"
#include "engine/sequence.h"
#include "learn/text_task.h"
#include "learn/trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace {

using namespace attn;
namespace fs = std::filesystem;

// "0123456789" over and over: every window's labels are its own characters shifted by one.
std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + i % 10);
    return s;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

TEST(CharTokenizer, EveryCharacterIsATokenSpacesAndLineBreaksIncluded) {
    Config c;
    c.tokenizer = TextSplit::Chars;
    EXPECT_EQ(tokenize_for(c, "ab c\n床前"), (std::vector<std::string>{"a", "b", " ", "c", "\n", "床", "前"}));
    EXPECT_EQ(token_labels(c, {" ", "\n", "\t", "a"}), (std::vector<std::string>{"␣", "↵", "⇥", "a"}));
    EXPECT_NE(error_of([&] { tokenize_for(c, std::string("a\xff")); }).find("0xFF"), std::string::npos);
    Config words;  // the default splits words and drops spaces
    EXPECT_EQ(tokenize_for(words, "ab c"), (std::vector<std::string>{"ab", "c"}));
    EXPECT_EQ(parse_config(config_to_json(c)).tokenizer, TextSplit::Chars);
}

TEST(TextTask, WindowsPredictTheNextCharacterAndTheTailIsHeldOut) {
    const std::string corpus = digits(1000);
    const auto task = make_text_task(corpus, {.layers = 1, .heads = 1, .d_model = 8, .context = 16, .repeats = 0});
    const Config c = task->defaults().config;
    EXPECT_EQ(c.vocab, (std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}));
    EXPECT_EQ(c.tokenizer, TextSplit::Chars);
    EXPECT_EQ(c.max_len, 16);
    EXPECT_EQ(c.architecture, Architecture::DecoderOnly);
    EXPECT_TRUE(c.norm_first);
    Rng rng(1, "test");
    for (int i = 0; i < 200; ++i) {
        const Example e = task->sample(rng);
        ASSERT_EQ(e.src_text.size(), 16u);
        ASSERT_EQ(e.labels.size(), 16u);
        for (size_t t = 0; t < 16; ++t) EXPECT_EQ(e.labels[t], (e.src_text[t] - '0' + 1) % 10);
        // Training windows lie in the first 900 characters: the corpus at the window's position.
        const size_t at = corpus.find(e.src_text);
        EXPECT_LT(at, 900u - 16);
    }
    // 100 held-out characters (a tenth) make 6 windows of 16 + 1, stepping by 16 (starts 900 … 980).
    const auto held = task->held_out();
    ASSERT_EQ(held.size(), 6u);
    EXPECT_EQ(held.front().src_text, corpus.substr(900, 16));
    EXPECT_EQ(task->distinct_examples(), 900 - 16);
    EXPECT_TRUE(task->scores_each_token());
    EXPECT_EQ(task->labels_for("0123", "").value(), (std::vector<int64_t>{1, 2, 3, -100}));  // ids are the digits
    EXPECT_FALSE(task->labels_for("01a", ""));
}

TEST(TextTask, AModelOfTheTaskLearnsAPeriodicText) {
    const auto task = make_text_task(digits(2000), {.layers = 1, .heads = 2, .d_model = 16, .context = 16, .repeats = 0});
    TrainOptions o = default_train_options(*task);
    o.steps = 60;
    Trainer trainer(*task, make_model(task->defaults().config), o);
    const double before = trainer.held_out_loss();
    EXPECT_NEAR(before, std::log(10.0), 1.0);  // about uniform over 10 digits at the start
    for (int i = 0; i < o.steps; ++i) ASSERT_FALSE(trainer.step().diverged);
    EXPECT_LT(trainer.held_out_loss(), 0.5 * before);
    EXPECT_GT(trainer.accuracy(), 0.5);  // the share of next digits right, not of whole windows
}

TEST(TrainOptions, WarmUpRisesLinearlyThenACosineFallsToATenth) {
    TrainOptions o;
    o.optimizer.lr = 1.0;
    o.steps = 110;
    o.warmup_steps = 10;
    o.cosine_decay = true;
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 0), 0.1);
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 4), 0.5);
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 10), 1.0);                          // the top, then cos(0)
    EXPECT_NEAR(learning_rate_at(o, 59), 0.1 + 0.45 * (1 + std::cos(M_PI * 49.0 / 99)), 1e-12);
    EXPECT_NEAR(learning_rate_at(o, 109), 0.1, 1e-12);                       // the last step: a tenth
    o.cosine_decay = false;
    o.warmup_steps = 0;
    EXPECT_DOUBLE_EQ(learning_rate_at(o, 57), 1.0);                          // the built-in tasks: constant
}

class BadCorpus : public ::testing::Test {
protected:
    std::string path = (fs::temp_directory_path() / ("attn_corpus_" + std::to_string(getpid()))).string();
    void TearDown() override { fs::remove(path); }
    void write(const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }
};

TEST_F(BadCorpus, EachIsRefusedInOneSentenceNamingTheFile) {
    write("");
    EXPECT_NE(error_of([&] { read_corpus(path); }).find("is empty"), std::string::npos);
    write(std::string("hello world") + '\0');
    EXPECT_NE(error_of([&] { read_corpus(path); }).find("not text (a zero byte at offset 11)"), std::string::npos);
    write("caf\xc3");
    EXPECT_NE(error_of([&] { read_corpus(path); }).find("UTF-8"), std::string::npos);
    write("short text");
    const std::string short_error = error_of([&] { make_text_task(read_corpus(path), {.context = 64}, path); });
    EXPECT_NE(short_error.find("has 10 characters"), std::string::npos) << short_error;
    EXPECT_NE(short_error.find("at least 130"), std::string::npos) << short_error;
    // A 1 GB file is refused from its size, before a byte is read (a sparse file: no disk used).
    { std::ofstream(path, std::ios::binary); }
    fs::resize_file(path, 1ull << 30);
    const std::string big = error_of([&] { read_corpus(path); });
    EXPECT_NE(big.find("1024.0 MB; the text task reads at most 64.0 MB"), std::string::npos) << big;
    EXPECT_NE(error_of([&] { read_corpus(path + ".missing"); }).find(".missing"), std::string::npos);
    for (const std::string& e : {short_error, big}) EXPECT_EQ(e.find('\n'), std::string::npos);
}

}  // namespace

namespace {

TEST(TextTask, RepeatedWindowsWriteAStretchAgainRightAfterItself) {
    std::string corpus;  // no stretch of 6 repeats by itself: a counter in base 26
    for (int i = 0; i < 3000; ++i) corpus += static_cast<char>('a' + (i * 7 + i / 26) % 26);
    const auto task = make_text_task(corpus, {.layers = 1, .heads = 1, .d_model = 8, .context = 32, .repeats = 1.0});
    Rng rng(3, "test");
    for (int n = 0; n < 50; ++n) {
        const Example e = task->sample(rng);
        const std::string& s = e.src_text;
        bool found = false;
        for (size_t length = 6; length <= 14 && !found; ++length)
            for (size_t at = 0; at + 2 * length <= s.size() && !found; ++at) found = s.compare(at, length, s, at + length, length) == 0;
        EXPECT_TRUE(found) << s;
        for (size_t t = 0; t + 1 < s.size(); ++t) EXPECT_EQ(e.labels[t], s[t + 1] - 'a') << s;  // labels follow the altered text
    }
    for (const Example& e : task->held_out()) EXPECT_NE(corpus.find(e.src_text), std::string::npos);  // held out: never altered
}

}  // namespace
