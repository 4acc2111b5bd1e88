#include "cli_train.h"

#include "base/file_io.h"
#include "cli_options.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "io/builtin_models.h"
#include "io/safetensors.h"
#include "learn/text_task.h"
#include "learn/trainer.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace attn::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_interrupt(int) { g_stop = true; }

// A whole number or a number, with the option named when it is neither.
long long whole_number(const std::string& option_name, const std::string& text) {
    size_t used = 0;
    long long v = 0;
    try {
        v = std::stoll(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty()) throw UsageError(option_name + " takes a whole number, not '" + text + "'");
    return v;
}

double real_number(const std::string& option_name, const std::string& text) {
    size_t used = 0;
    double v = 0;
    try {
        v = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text.size() || text.empty()) throw UsageError(option_name + " takes a number, not '" + text + "'");
    return v;
}

TrainOptions options_from(const Options& options, const Task& task) {
    TrainOptions o = default_train_options(task);
    if (auto v = option(options, "--steps")) o.steps = static_cast<int>(std::clamp<long long>(whole_number("--steps", *v), -1, 100'000'000));
    if (auto v = option(options, "--batch-size"))
        o.batch_size = static_cast<int>(std::clamp<long long>(whole_number("--batch-size", *v), -1, 1'000'000'000));
    if (auto v = option(options, "--seed")) {
        const long long seed = whole_number("--seed", *v);
        if (seed < 0) throw UsageError("--seed takes a whole number of at least 0");
        o.seed = static_cast<uint64_t>(seed);
    }
    if (auto v = option(options, "--optimizer")) {
        if (*v == "adamw") o.optimizer.kind = OptimizerKind::AdamW;
        else if (*v == "sgd") o.optimizer.kind = OptimizerKind::Sgd, o.optimizer.weight_decay = 0;
        else throw UsageError("--optimizer is adamw or sgd, not '" + *v + "'");
    }
    if (auto v = option(options, "--lr")) o.optimizer.lr = real_number("--lr", *v);
    if (auto v = option(options, "--warmup"))
        o.warmup_steps = static_cast<int>(std::clamp<long long>(whole_number("--warmup", *v), -1, 100'000'000));
    check_train_options(task, o);
    return o;
}

Model model_from(const Options& options, const Task& task) {
    Config config = task.defaults().config;
    if (auto path = option(options, "--config")) {
        config = load_model_config(*path);
        if (config.vocab.empty()) config.vocab = task.defaults().config.vocab;  // the task's tokens unless it names its own
    }
    task.check_config(config);
    std::optional<StateDict> weights;
    if (auto path = option(options, "--weights")) weights = read_safetensors(*path);
    return make_model(config, std::move(weights));
}

// The text task's options: a corpus, the character tokenizer and the model's shape.
constexpr const char* kTextOptions[] = {"--corpus", "--tokenizer", "--layers", "--heads", "--d-model", "--context", "--repeats", "--positions"};

std::unique_ptr<Task> task_from(const Options& options, const std::string& name) {
    if (name != "text") {
        for (const char* text_only : kTextOptions)
            if (option(options, text_only)) throw UsageError(std::string(text_only) + " belongs to --task text");
        return make_task(name);
    }
    const auto corpus = option(options, "--corpus");
    if (!corpus) throw UsageError("--task text needs --corpus FILE: a UTF-8 text to learn");
    if (auto t = option(options, "--tokenizer"); t && *t != "char")
        throw UsageError("--tokenizer is char (one token per character), the text task's only one; not '" + *t + "'");
    TextModelShape shape;
    auto size = [&](const char* name, int& field, long long lo, long long hi) {
        if (auto v = option(options, name)) {
            const long long n = whole_number(name, *v);
            if (n < lo || n > hi) throw UsageError(std::string(name) + " must be from " + std::to_string(lo) + " to " + std::to_string(hi));
            field = static_cast<int>(n);
        }
    };
    size("--layers", shape.layers, 1, 48);
    size("--heads", shape.heads, 1, 64);
    size("--d-model", shape.d_model, 2, 4096);
    size("--context", shape.context, 2, 4096);
    if (auto v = option(options, "--repeats")) shape.repeats = real_number("--repeats", *v);
    if (auto v = option(options, "--positions")) {
        if (*v != "learned" && *v != "rope") throw UsageError("--positions is learned or rope, not '" + *v + "'");
        shape.positions = *v == "rope" ? PositionalEncoding::Rope : PositionalEncoding::Learned;
    }
    if (!(shape.repeats >= 0 && shape.repeats <= 1)) throw UsageError("--repeats is a share from 0 to 1, such as 0.3");
    if (shape.d_model % shape.heads != 0)
        throw UsageError("--d-model (" + std::to_string(shape.d_model) + ") must divide into --heads (" + std::to_string(shape.heads) + ")");
    return make_text_task(read_corpus(*corpus), shape, *corpus);
}

// A few hundred characters the model writes after the first held-out window's start (temperature
// 0.8, seed 1): what summary.json shows of what was learned.
std::string text_sample(const Model& model, const Task& task) {
    std::vector<int32_t> ids = encode_text(model, task.held_out().front().src_text);
    ids.resize(std::min<size_t>(ids.size(), 8));  // the first 8 characters, not bytes
    KvCacheGenerator gen(model, ids);
    const Sampling sampling{.temperature = 0.8, .top_k = 0, .seed = 1};
    for (int i = 0; i < 300; ++i) {
        ids.push_back(gen.choose(sampling));
        if (gen.ids().size() == static_cast<size_t>(model.config.max_len)) gen.slide(static_cast<size_t>(model.config.max_len) - 1);
        gen.append(ids.back());
    }
    return decode_ids(model, ids);
}

std::string duration(double seconds) {
    char text[32];
    if (seconds < 60) std::snprintf(text, sizeof text, "%.0f s", seconds);
    else std::snprintf(text, sizeof text, "%d min %02d s", static_cast<int>(seconds) / 60, static_cast<int>(seconds) % 60);
    return text;
}

// One line a report: a bar redrawn in place on a terminal, plain lines in a log.
class Progress {
public:
    Progress(int total, std::string accuracy_label) : total_(total), tty_(isatty(STDERR_FILENO)), accuracy_label_(std::move(accuracy_label)) {}
    void show(int step, double loss, double accuracy, double seconds, bool last) {
        const double left = step > 0 ? seconds / step * (total_ - step) : 0;
        std::ostringstream line;
        line << step << "/" << total_ << "  loss " << loss;
        if (!std::isnan(accuracy)) line << "  " << accuracy_label_ << " " << std::lround(accuracy * 100) << "%";
        line << "  " << duration(seconds) << (last ? "" : ", " + duration(left) + " left");
        if (tty_) {
            const int width = 24, filled = total_ > 0 ? width * step / total_ : width;
            std::cerr << "\r[" << std::string(static_cast<size_t>(filled), '#') << std::string(static_cast<size_t>(width - filled), '.')
                      << "] " << line.str() << "\033[K" << (last ? "\n" : "") << std::flush;
        } else if (last || step % std::max(1, total_ / 10) == 0) {
            std::cerr << line.str() << "\n";
        }
    }

private:
    int total_;
    bool tty_;
    std::string accuracy_label_;
};

}  // namespace

int run_train(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2,
                                          {"--task", "--config", "--weights", "--steps", "--lr", "--batch-size", "--optimizer",
                                           "--seed", "--out", "--warmup", "--corpus", "--tokenizer", "--layers", "--heads", "--d-model",
                                           "--context", "--repeats", "--positions"});
    const auto task_name = option(options, "--task");
    if (!task_name) throw UsageError("--task NAME is required: copy, reverse, sort, induction, translation or text");
    const auto out = option(options, "--out");
    if (!out) throw UsageError("--out DIR is required: the folder for config.json, model.safetensors, log.csv and summary.json");
    const std::unique_ptr<Task> task = task_from(options, *task_name);
    const TrainOptions train_options = options_from(options, *task);
    Trainer trainer(*task, model_from(options, *task), train_options);

    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(*out, ec);
    if (ec) throw Error("cannot create the folder " + *out + ": " + ec.message());

    g_stop = false;
    const auto previous = std::signal(SIGINT, on_interrupt);
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    std::string log = "step,loss,accuracy,seconds\n";
    const std::string accuracy_label = task->scores_each_token() ? "held-out next-character accuracy" : "held-out accuracy";
    Progress progress(train_options.steps, accuracy_label);
    std::string stopped;
    double last_loss = NAN;
    const int evaluate_every = std::max(1, std::min(100, train_options.steps / 20));
    while (trainer.steps_done() < train_options.steps) {
        if (g_stop) {
            stopped = "interrupted";
            break;
        }
        const StepResult r = trainer.step();
        if (r.diverged) {
            stopped = "diverged";
            break;
        }
        last_loss = r.loss;
        const int step = trainer.steps_done();
        const bool evaluate = step % evaluate_every == 0 || step == train_options.steps;
        const double accuracy = evaluate ? trainer.accuracy() : NAN;
        char row[96];
        std::snprintf(row, sizeof row, "%d,%.6g,%s,%.3f\n", step, r.loss, evaluate ? std::to_string(accuracy).c_str() : "", seconds());
        log += row;
        progress.show(step, r.loss, accuracy, seconds(), step == train_options.steps);
    }
    std::signal(SIGINT, previous);

    // What was learned is written whatever ended the run.
    const double accuracy = trainer.accuracy();
    const Example example = task->held_out().front();
    nlohmann::ordered_json summary = {
        {"task", task->name()},
        {"accuracy", accuracy},
        {"steps", trainer.steps_done()},
        {"seconds", seconds()},
        {"loss", std::isnan(last_loss) ? nlohmann::ordered_json() : nlohmann::ordered_json(last_loss)},
        {"held_out_loss", trainer.held_out_loss()},
        {"lr", train_options.optimizer.lr},
        {"batch_size", train_options.batch_size},
        {"optimizer", to_string(train_options.optimizer.kind)},
        {"warmup_steps", train_options.warmup_steps},
        {"cosine_decay", train_options.cosine_decay},
        {"seed", train_options.seed},
        {"stopped", stopped.empty() ? "finished" : stopped},
        {"example_text", example.src_text},
    };
    if (trainer.model().config.architecture == Architecture::EncoderDecoder) summary["example_target_text"] = example.tgt_text;
    // The model first: nothing after it may lose what was learned.
    write_file_atomically((fs::path(*out) / "config.json").string(), config_to_json(trainer.model().config) + "\n");
    write_safetensors((fs::path(*out) / "model.safetensors").string(), trainer.model().weights);
    write_file_atomically((fs::path(*out) / "log.csv").string(), log);
    if (task->name() == "text") {
        summary["corpus"] = fs::path(*option(options, "--corpus")).filename().string();
        summary["repeats"] = std::stod(option(options, "--repeats").value_or("0.5"));
        summary["held_out_bits_per_char"] = summary["held_out_loss"].get<double>() / std::log(2.0);
        try {
            summary["sample"] = text_sample(trainer.model(), *task);
        } catch (const Error& e) {
            std::cerr << "note: no sample: " << e.what() << "\n";
        }
    }
    write_file_atomically((fs::path(*out) / "summary.json").string(), summary.dump(2) + "\n");

    std::cout << task->name() << ": " << accuracy_label << " " << std::lround(accuracy * 1000) / 10.0 << "% after "
              << trainer.steps_done() << " steps in " << duration(seconds());
    if (task->name() == "text") std::cout << ", held-out loss " << summary["held_out_bits_per_char"].get<double>() << " bits/char";
    std::cout << "; wrote " << *out << "\n";
    if (stopped == "diverged")
        throw Error("training diverged at step " + std::to_string(trainer.steps_done() + 1) +
                    " (the loss was not finite); the weights of step " + std::to_string(trainer.steps_done()) +
                    " are saved in " + *out + ": try a smaller --lr");
    if (stopped == "interrupted") std::cerr << "stopped after step " << trainer.steps_done() << "; what was learned is saved\n";
    return 0;
}

}  // namespace attn::cli
