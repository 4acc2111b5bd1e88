// Training: the tasks' data, convergence, determinism, the shipped models'
// reproducibility, divergence and every bad option refused with its reason.
#include "base/json_util.h"
#include "io/safetensors.h"
#include "learn/text_task.h"
#include "learn/trainer.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace attn {
namespace {

Model model_for(const Task& task) { return make_model(task.defaults().config); }

TEST(Tasks, ExamplesFitTheirModelAndTheHeldOutSetIsNeverTrainedOn) {
    for (const auto& name : task_names()) {
        const auto task = make_task(name);
        const Model model = model_for(*task);
        const auto held = task->held_out();
        ASSERT_GE(held.size(), 30u) << name;
        std::set<std::string> held_texts;
        for (const auto& e : held) held_texts.insert(e.src_text + "|" + e.tgt_text);
        EXPECT_EQ(held_texts.size(), held.size()) << name << ": held-out examples are distinct";
        Rng rng(5, name);
        for (int i = 0; i < 300; ++i) {
            const Example e = task->sample(rng);
            EXPECT_FALSE(held_texts.count(e.src_text + "|" + e.tgt_text)) << name << ": " << e.src_text;
            const std::vector<std::string> tokens =
                tokenize_for(model.config, model.config.architecture == Architecture::EncoderDecoder ? e.tgt_text : e.src_text);
            ASSERT_EQ(tokens.size(), e.labels.size()) << name << ": one label per position";
            for (const auto& t : tokenize_for(model.config, e.src_text))
                EXPECT_NE(std::find(model.config.vocab.begin(), model.config.vocab.end(), t), model.config.vocab.end()) << name << ": " << t;
            for (int64_t y : e.labels) EXPECT_TRUE(y == -100 || (y >= 0 && y < model.config.output_vocab())) << name;
        }
    }
}

TEST(Tasks, ReverseLabelsAreTheDigitsBackwards) {
    const auto task = make_task("reverse");
    const Example e = task->held_out().front();
    std::vector<int64_t> digits;
    for (char c : e.src_text)
        if (c != ' ') digits.push_back(c - '0');
    EXPECT_EQ(e.labels, std::vector<int64_t>(digits.rbegin(), digits.rend()));
}

TEST(Trainer, ReversalLearnsToAtLeast99PercentWithTheDefaults) {
    const auto task = make_task("reverse");
    TrainOptions o = default_train_options(*task);
    Trainer trainer(*task, model_for(*task), o);
    EXPECT_LT(trainer.accuracy(), 0.05);  // it starts knowing nothing
    double accuracy = 0;
    while (trainer.steps_done() < o.steps && accuracy < 0.99) {
        for (int i = 0; i < 50; ++i) ASSERT_FALSE(trainer.step().diverged);
        accuracy = trainer.accuracy();
    }
    EXPECT_GE(accuracy, 0.99) << "after " << trainer.steps_done() << " steps";
}

// The modern parts train like the rest: RMSNorm, SwiGLU, one shared K/V head and QK-norm on the
// reversal task, the loss falling by more than half in 300 steps.
TEST(Trainer, AModernConfigLearnsToo) {
    const auto task = make_task("reverse");
    Config c = task->defaults().config;
    c.norm = NormKind::RmsNorm;
    c.ffn = FeedForwardKind::SwiGlu;
    c.num_kv_heads = 1;
    c.qk_norm = true;
    require_valid(c);
    TrainOptions o = default_train_options(*task);
    Trainer trainer(*task, make_model(c), o);
    const double first = trainer.step().loss;
    double last = first;
    for (int i = 0; i < 300; ++i) {
        const auto step = trainer.step();
        ASSERT_FALSE(step.diverged);
        last = step.loss;
    }
    EXPECT_LT(last, 0.5 * first) << "from " << first << " to " << last;
    EXPECT_GT(trainer.accuracy(), 0.3);  // far above a tenth, the chance of guessing a digit
}

TEST(Trainer, TheSameSeedGivesTheSameRunAndAnotherSeedAnother) {
    const auto task = make_task("induction");
    auto losses = [&](uint64_t seed) {
        TrainOptions o = default_train_options(*task);
        o.seed = seed;
        o.batch_size = 8;
        Trainer t(*task, model_for(*task), o);
        std::vector<double> out;
        for (int i = 0; i < 5; ++i) out.push_back(t.step().loss);
        return out;
    };
    EXPECT_EQ(losses(3), losses(3));
    EXPECT_NE(losses(3), losses(4));
}

#ifdef _OPENMP
// A batch is summed in fixed slices, so one thread or two give the same steps bit for bit.
TEST(Trainer, OneThreadOrTwoGiveTheSameSteps) {
    const auto task = make_task("translation");  // sentences of several lengths: fresh traces and refilled ones
    auto run = [&](int threads) {
        const int before = omp_get_max_threads();
        omp_set_num_threads(threads);
        Trainer t(*task, model_for(*task), default_train_options(*task));
        std::vector<double> losses;
        for (int i = 0; i < 3; ++i) losses.push_back(t.step().loss);
        omp_set_num_threads(before);
        return std::pair{losses, t.model().weights};
    };
    const auto one = run(1), two = run(2);
    EXPECT_EQ(one.first, two.first);
    EXPECT_TRUE(one.second == two.second);
}
#endif

// resources/models/<task>/ were made by scripts/train_models.sh: retraining with the
// recorded seed must retrace the recorded loss curve (its first 20 steps).
TEST(Trainer, ShippedModelsAreReproducedByTheirRecordedSeed) {
    namespace fs = std::filesystem;
    // The shipped weights were made with the baseline kernels; the other levels retrace the first
    // steps to the log's six digits too (scripts/train_models.sh uses the CPU's best).
    const test::BaselineKernels baseline;
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(ATTN_RESOURCES) / "models")) {
        const auto summary = parse_json_strict(read_text_file((entry.path() / "summary.json").string(), "summary"), "summary");
        const Config config = load_config((entry.path() / "config.json").string());
        const bool text = summary["task"] == "text";
        const auto task = text ? make_text_task(read_corpus((fs::path(ATTN_RESOURCES) / "corpora" / summary["corpus"].get<std::string>()).string()),
                                                {config.num_decoder_layers, config.nhead, config.d_model, config.max_len,
                                                 summary.value("repeats", 0.0), config.positional_encoding})
                               : make_task(summary["task"].get<std::string>());
        if (!text) {
            EXPECT_GE(summary["accuracy"].get<double>(), 0.95) << entry.path();
        }
        // nanoGPT's CPU baby model of the same corpus reaches about 1.88 nats a character.
        if (text && summary["corpus"] == "shakespeare.txt") {
            EXPECT_LE(summary["held_out_loss"].get<double>(), 1.75);
        }
        TrainOptions o = default_train_options(*task);
        o.seed = summary["seed"].get<uint64_t>();
        o.optimizer.lr = summary["lr"].get<double>();
        o.batch_size = summary["batch_size"].get<int>();
        o.steps = summary["steps"].get<int>();
        o.warmup_steps = summary.value("warmup_steps", 0);
        o.cosine_decay = summary.value("cosine_decay", false);
        Trainer trainer(*task, make_model(config), o);
        std::ifstream log(entry.path() / "log.csv");
        std::string line;
        std::getline(log, line);  // header
        for (int i = 0; i < 20 && std::getline(log, line); ++i) {
            std::stringstream row(line);
            std::string step, loss;
            std::getline(row, step, ',');
            std::getline(row, loss, ',');
            const double recorded = std::stod(loss);
            EXPECT_NEAR(trainer.step().loss, recorded, 1e-5 * std::max(1.0, recorded)) << entry.path() << " step " << step;
        }
        // And the shipped weights are what `trace` and the app open.
        EXPECT_NO_THROW(make_model(load_config((entry.path() / "config.json").string()),
                                   read_safetensors("builtin:" + entry.path().filename().string())));
        ++checked;
    }
    EXPECT_EQ(checked, 5);
}

TEST(Trainer, DivergenceKeepsTheLastGoodWeights) {
    const auto task = make_task("copy");
    TrainOptions o = default_train_options(*task);
    o.optimizer.lr = 1e30;
    Trainer trainer(*task, model_for(*task), o);
    StateDict last_good = trainer.model().weights;
    bool diverged = false;
    for (int i = 0; i < 50 && !diverged; ++i) {
        last_good = trainer.model().weights;
        diverged = trainer.step().diverged;
    }
    ASSERT_TRUE(diverged) << "a learning rate of 1e30 should blow up";
    EXPECT_EQ(trainer.model().weights, last_good);
    for (const auto& [name, t] : trainer.model().weights)
        for (float v : t.data) ASSERT_TRUE(std::isfinite(v)) << name;
}

TEST(Trainer, BadOptionsAndConfigsAreRefusedWithTheirReason) {
    const auto task = make_task("translation");
    auto problem = [&](auto change) {
        TrainOptions o = default_train_options(*task);
        change(o);
        const auto problems = train_option_problems(*task, o);
        return problems.empty() ? std::string() : problems.front().field + ": " + problems.front().message;
    };
    EXPECT_EQ(problem([](TrainOptions& o) { o.optimizer.lr = NAN; }).rfind("lr: the learning rate (nan)", 0), 0u);
    EXPECT_EQ(problem([](TrainOptions& o) { o.optimizer.lr = 0; }).rfind("lr:", 0), 0u);
    EXPECT_EQ(problem([](TrainOptions& o) { o.steps = 0; }), "steps: steps (0) must be at least 1");
    EXPECT_NE(problem([](TrainOptions& o) { o.batch_size = 5000; }).find("larger than the translation task's 271 distinct"),
              std::string::npos);
    EXPECT_EQ(problem([](TrainOptions&) {}), "");

    Config wrong = task->defaults().config;
    wrong.architecture = Architecture::DecoderOnly;
    EXPECT_THROW(task->check_config(wrong), Error);
    Config few = task->defaults().config;
    few.max_len = 4;
    try {
        task->check_config(few);
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the translation task needs 10 positions but max_len is 4");
    }
    Config vocab = make_task("reverse")->defaults().config;
    vocab.vocab.pop_back();
    EXPECT_THROW(make_task("reverse")->check_config(vocab), Error);
    EXPECT_THROW(make_task("nope"), Error);
    // Weights that do not fit the task's model are refused when the model is made.
    EXPECT_THROW(make_model(task->defaults().config, read_safetensors("builtin:reverse")), Error);
}

}  // namespace
}  // namespace attn
