#include "cli_bench.h"

#include "cli_options.h"
#include "engine/linear.h"
#include "cli_bench_models.h"
#include "engine/cost.h"
#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "hf/hf_model.h"
#include "hf/tokenizer_files.h"
#include "base/rng.h"
#include "learn/text_task.h"
#include "learn/trainer.h"
#include "session/run.h"
#include "teach/logit_lens.h"

#include "engine/kernels/kernels.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <filesystem>
#include <functional>
#include <random>
#include <iostream>
#include <thread>

namespace attn::cli {
namespace {

struct Result {
    std::string name;
    std::vector<double> ms;  // one per run
    double peak_mb = 0;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
};

// Peak resident memory since the last reset (Linux: VmHWM, reset through clear_refs).
// Freed heap goes back to the system first, so one benchmark's peak is not the last one's.
void reset_peak_memory() {
    malloc_trim(0);
    std::ofstream("/proc/self/clear_refs") << "5";
}
double peak_memory_mb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

// Collects the time of every repetition Google Benchmark runs, instead of printing it: the
// figures are reported as a table or as JSON with the median (see run_bench).
class RepetitionTimes : public benchmark::BenchmarkReporter {
public:
    bool ReportContext(const Context&) override { return true; }
    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& run : runs)
            if (run.run_type == Run::RT_Iteration && !run.error_occurred)
                ms.push_back(run.GetAdjustedRealTime() / run.iterations);  // in the benchmark's unit, milliseconds
    }
    std::vector<double> ms;
};

// Times fn with Google Benchmark: `warmup` untimed calls, then `runs` repetitions of one call each,
// wall-clock time (the work runs on every core).
Result measure(const std::string& name, int warmup, int runs, const std::function<void()>& fn) {
    Result r{name, {}, 0, nlohmann::ordered_json::object()};
    reset_peak_memory();
    bool warmed_up = false;
    benchmark::RegisterBenchmark(name.c_str(), [&](benchmark::State& state) {
        for (; !warmed_up && warmup > 0; --warmup) fn();  // before the timed loop: not counted
        warmed_up = true;
        for (auto _ : state) fn();
    })
        ->Iterations(1)
        ->Repetitions(runs)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
    RepetitionTimes times;
    benchmark::RunSpecifiedBenchmarks(&times);
    benchmark::ClearRegisteredBenchmarks();
    r.ms = std::move(times.ms);
    r.peak_mb = peak_memory_mb();
    return r;
}

struct Shape {
    Architecture architecture;
    int d_model, nhead, dim_feedforward, encoder_layers, decoder_layers;
    Activation activation;
};

Config config_of(const Shape& s, int max_len) {
    Config c;
    c.architecture = s.architecture;
    c.d_model = s.d_model;
    c.nhead = s.nhead;
    c.dim_feedforward = s.dim_feedforward;
    c.num_encoder_layers = s.encoder_layers;
    c.num_decoder_layers = s.decoder_layers;
    c.activation = s.activation;
    c.positional_encoding = PositionalEncoding::Sinusoidal;
    c.max_len = max_len;
    return c;
}

Result trace_benchmark(const std::string& name, const Shape& shape, int n_src, int n_tgt, int warmup, int runs) {
    const Model model = make_model(config_of(shape, std::max(n_src, n_tgt)));
    Inputs in;
    in.src = sequence_from_embeddings(model, Mat::Random(n_src, shape.d_model));
    if (n_tgt > 0) in.tgt = sequence_from_embeddings(model, Mat::Random(n_tgt, shape.d_model));
    Result r = measure(name, warmup, runs, [&] { run_forward(model, in); });
    r.extra["n"] = n_src;
    return r;
}

const Shape kGpt2Layer{Architecture::DecoderOnly, 768, 12, 3072, 0, 1, Activation::Gelu};

Result gemm_benchmark() {
    const Mat a = Mat::Random(1024, 1024), b = Mat::Random(1024, 1024);
    Mat c(1024, 1024);
    Result r = measure("gemm", 2, 10, [&] { matmul(a, false, b, false, c, false); });
    r.extra["gflops"] = 2.0 * 1024 * 1024 * 1024 / (median(r.ms) * 1e6);
    return r;
}

// The two products that must run near the machine's GEMM rate, on GPT-2
// shapes at n = 1024, through the engine's own code: a projection x·Wᵀ + b
// (1024 × 768 × 768, attn::linear) and QKᵀ of all 12 heads (1024 × 64 × 1024
// each, heads in parallel as in attention_forward). Reported as GFLOP/s and
// as a fraction of the 1024³ GEMM rate measured just before.
double gemm_gflops() { return gemm_benchmark().extra["gflops"].get<double>(); }

Result projection_benchmark() {
    const double peak = gemm_gflops();
    const Mat x = Mat::Random(1024, 768), W = Mat::Random(768, 768);
    const RowVec b = RowVec::Random(768);
    Mat out(1024, 768);
    Result r = measure("projection-gemm", 2, 20, [&] { linear(x, W, b, out); });
    const double gflops = 2.0 * 1024 * 768 * 768 / (median(r.ms) * 1e6);
    r.extra["gflops"] = gflops;
    r.extra["fraction_of_gemm"] = gflops / peak;
    return r;
}

Result qk_benchmark() {
    const double peak = gemm_gflops();
    const int64_t T = 1024, H = 12, Dk = 64;
    const Mat q = Mat::Random(T, H * Dk), k = Mat::Random(T, H * Dk);
    Result r = measure("qk-gemm", 2, 20, [&] {
#pragma omp parallel for schedule(dynamic)
        for (int64_t h = 0; h < H; ++h) {
            thread_local Mat scores;
            scores.resize(T, T);
            matmul(q.middleCols(h * Dk, Dk), false, k.middleCols(h * Dk, Dk), true, scores, false);
        }
    });
    const double gflops = 2.0 * H * T * T * Dk / (median(r.ms) * 1e6);
    r.extra["gflops"] = gflops;
    r.extra["fraction_of_gemm"] = gflops / peak;
    return r;
}

// One GPT-2 layer for n = 64 … 2048; the exponent of t ∝ n^k fitted over n ≥ 256.
Result scaling_benchmark() {
    Result r{"scaling", {}, 0, nlohmann::ordered_json::object()};
    std::vector<double> xs, ys;
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (int n = 64; n <= 2048; n *= 2) {
        const Result p = trace_benchmark("gpt2-layer-" + std::to_string(n), kGpt2Layer, n, 0, 1, n >= 1024 ? 3 : 5);
        points.push_back({{"n", n}, {"median_ms", median(p.ms)}});
        if (n >= 256) {
            xs.push_back(std::log(n));
            ys.push_back(std::log(median(p.ms)));
        }
        r.ms.push_back(median(p.ms));
        r.peak_mb = std::max(r.peak_mb, p.peak_mb);
    }
    const double mx = std::accumulate(xs.begin(), xs.end(), 0.0) / xs.size(), my = std::accumulate(ys.begin(), ys.end(), 0.0) / ys.size();
    double num = 0, den = 0;
    for (size_t i = 0; i < xs.size(); ++i) num += (xs[i] - mx) * (ys[i] - my), den += (xs[i] - mx) * (xs[i] - mx);
    r.extra["points"] = points;
    r.extra["exponent_256_2048"] = num / den;
    return r;
}

// One training step of the reversal task with its defaults (batch 32, AdamW): the forward pass,
// the loss, the backward pass and the update, for every example of the batch.
Result train_step_benchmark() {
    const auto task = make_task("reverse");
    Trainer trainer(*task, make_model(task->defaults().config), default_train_options(*task));
    Result r = measure("train-step-reverse", 5, 100, [&] { trainer.step(); });
    r.extra["steps_per_second"] = 1000.0 / median(r.ms);
    r.extra["batch_size"] = trainer.options().batch_size;
    return r;
}

// One training step of the Shakespeare model's shape (4 layers, d_model 128, 4 heads, learned
// positions, 65 characters, batch 12 × context 64, AdamW) on a corpus of random characters: the
// time does not depend on the text.
Result train_step_text_benchmark() {
    std::string corpus;
    Rng rng(1, "bench-corpus");
    for (int i = 0; i < 200'000; ++i) corpus += static_cast<char>(' ' + static_cast<int>(rng.uniform(0, 65)) % 65);
    const auto task = make_text_task(corpus, {});
    Trainer trainer(*task, make_model(task->defaults().config), default_train_options(*task));
    Result r = measure("train-step-shakespeare", 3, 30, [&] { trainer.step(); });
    r.extra["steps_per_second"] = 1000.0 / median(r.ms);
    r.extra["batch_size"] = trainer.options().batch_size;
    r.extra["context"] = trainer.model().config.max_len;
    return r;
}

std::optional<std::string> g_model;  // bench --model DIR: the folder the model benchmarks read

// Opening the folder: config, tokenizer, the 500 MB of weights (mapped, converted, Conv1D transposed).
Result open_model_benchmark() {
    const std::string folder = benchmark_model_folder(g_model);
    Result r = measure("open-gpt2", 1, 5, [&] { (void)open_hf_model(folder); });
    r.extra["file_mb"] = static_cast<double>(std::filesystem::file_size(std::filesystem::path(folder) / "model.safetensors")) / 1e6;
    return r;
}

// 1 MB of English-like text through the model's tokenizer (a fresh tokenizer, so no word is cached).
Result tokenize_benchmark() {
    const Model model = open_hf_model(benchmark_model_folder(g_model));
    const char* words[] = {"the", "model", "attends", "to", "every", "earlier", "token,", "and", "GPT-2's", "heads", "learn",
                           "1024", "positions", "while", "学习", "patterns", "emerge.", "It's", "(really)", "simple!"};
    std::string text;
    std::mt19937 rng(3);
    while (text.size() < (1u << 20)) text += std::string(words[rng() % 20]) + (rng() % 9 ? " " : "\n");
    size_t tokens = 0;
    Result r = measure("tokenize-1mb", 0, 5, [&] {
        const auto fresh = load_tokenizer(benchmark_model_folder(g_model), TokenizerKind::ByteLevelBpe);
        tokens = fresh->encode(text).size();
    });
    r.extra["tokens"] = tokens;
    r.extra["text_bytes"] = text.size();
    return r;
}

// The whole trace of GPT-2 small at n = 1024 with its logits (1024 × 50 257), as the app computes it.
Result gpt2_model_trace_benchmark() {
    const Model model = open_hf_model(benchmark_model_folder(g_model));
    std::vector<int32_t> ids(1024);
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<int32_t>((i * 7919) % (static_cast<size_t>(model.config.vocab_size) - 1));
    const ModelWeights bound = model.bind();
    const Sequence seq = sequence_from_ids(model, bound, ids);
    Result r = measure("gpt2-small-model-1024", 1, 3, [&] { run_forward(model, bound, {seq, {}}); });
    r.extra["n"] = 1024;
    r.extra["includes"] = "weights, trace and logits";
    return r;
}

std::vector<int32_t> spread_ids(size_t n, int32_t vocab) {
    std::vector<int32_t> ids(n);
    for (size_t i = 0; i < n; ++i) ids[i] = static_cast<int32_t>((i * 7919) % static_cast<size_t>(vocab - 1));
    return ids;
}

// Knocking out one head of GPT-2 small at n = 128 as the app does (issue 27): the session run
// again with the head out, the trace of every head on already there, as after the edit before.
// The median is for a head in the last layer; the extras for layers 6 and 0 (more to recompute).
Result gpt2_ablation_benchmark() {
    auto model = std::make_shared<const Model>(open_hf_model(benchmark_model_folder(g_model)));
    Session s;
    s.model_folder = benchmark_model_folder(g_model);
    s.src_token_ids = spread_ids(128, static_cast<int32_t>(model->config.vocab_size));
    RunLimits limits;
    limits.memory_bytes = default_memory_limit();
    const SessionRun every_head = run_session(s, prepare_ids(model, s.src_token_ids), limits);
    if (!every_head.trace) throw Error("the benchmark's run failed: " + every_head.problems.front().message);
    limits.heads_on = every_head.trace;
    limits.heads_on_model = every_head.model;
    const auto knock_out = [&](const std::string& head) {
        s.knocked_out = {head};
        return measure("gpt2-small-ablate-128", 1, 5, [&] {
            if (!run_session(s, prepare_session(s, model), limits).trace) throw Error("the benchmark's run with " + head + " out failed");
        });
    };
    Result r = knock_out("11.0");
    r.extra["layer_6_ms"] = median(knock_out("6.0").ms);
    r.extra["layer_0_ms"] = median(knock_out("0.0").ms);
    limits.heads_on = nullptr, limits.heads_on_model = nullptr;  // as before: the whole pass, and one more for the untouched rows
    r.extra["whole_pass_ms"] = median(knock_out("11.0").ms);
    r.extra["n"] = 128;
    r.extra["includes"] = "the session's run with one head knocked out, and the predictions' untouched rows";
    return r;
}

// The logit lens of GPT-2 small on all 12 layers (and the embeddings) × 1024 positions, top 3.
Result gpt2_lens_benchmark() {
    const Model model = open_hf_model(benchmark_model_folder(g_model));
    const ModelWeights bound = model.bind();
    const Trace trace = run_forward(model, bound, {sequence_from_ids(model, bound, spread_ids(1024, static_cast<int32_t>(model.config.vocab_size))), {}});
    Result r = measure("gpt2-small-lens-1024", 0, 3, [&] { (void)logit_lens(model, trace, 3); });
    r.extra["n"] = 1024;
    r.extra["includes"] = "13 × 1024 rows of 50 257 logits, their softmax and top 3";
    return r;
}

// Qwen2.5-0.5B's shapes in BF16 (issue 24): opening the folder, the full trace at n = 512 with
// logits, and one token generated through the KV cache after a 511-token prompt.
Result open_qwen_benchmark() {
    const std::string folder = qwen25_model_folder(g_model);
    Result r = measure("open-qwen2.5-0.5b", 0, 3, [&] { (void)open_hf_model(folder); });
    r.extra["file_mb"] = static_cast<double>(std::filesystem::file_size(std::filesystem::path(folder) / "model.safetensors")) / 1e6;
    return r;
}

Result qwen_trace_benchmark() {
    const Model model = open_hf_model(qwen25_model_folder(g_model));
    const ModelWeights bound = model.bind();
    const Sequence seq = sequence_from_ids(model, bound, spread_ids(512, 50257));
    Result r = measure("qwen2.5-0.5b-trace-512", 0, 3, [&] { run_forward(model, bound, {seq, {}}); });
    r.extra["n"] = 512;
    r.extra["includes"] = "weights, trace and logits";
    return r;
}

Result qwen_token_benchmark() {
    const Model model = open_hf_model(qwen25_model_folder(g_model));
    KvCacheGenerator gen(model, spread_ids(511, 50257));
    int32_t next = 11;
    Result r = measure("qwen2.5-0.5b-token", 1, 10, [&] { next = static_cast<int32_t>((gen.append(next).size() + next * 31) % 50000); });
    r.extra["prompt"] = 511;
    r.extra["includes"] = "24 layers on one token with the cache, and the 151 936 logits";
    return r;
}

const std::vector<std::pair<std::string, std::function<Result()>>>& benchmarks() {
    static const std::vector<std::pair<std::string, std::function<Result()>>> all = {
        {"classroom", [] { return trace_benchmark("classroom", {Architecture::EncoderOnly, 16, 2, 64, 1, 0, Activation::Relu}, 8, 0, 200, 2000); }},
        {"small", [] { return trace_benchmark("small", {Architecture::EncoderOnly, 128, 4, 512, 2, 0, Activation::Relu}, 128, 0, 10, 50); }},
        {"gpt2-layer-512", [] { return trace_benchmark("gpt2-layer-512", kGpt2Layer, 512, 0, 2, 10); }},
        {"gpt2-layer-1024", [] { return trace_benchmark("gpt2-layer-1024", kGpt2Layer, 1024, 0, 1, 5); }},
        {"gpt2-small-1024", [] {
             Shape s = kGpt2Layer;
             s.decoder_layers = 12;
             return trace_benchmark("gpt2-small-1024", s, 1024, 0, 1, 3);
         }},
        {"encoder-decoder", [] { return trace_benchmark("encoder-decoder", {Architecture::EncoderDecoder, 256, 8, 1024, 2, 2, Activation::Relu}, 64, 64, 5, 30); }},
        {"gemm", gemm_benchmark},
        {"projection-gemm", projection_benchmark},
        {"qk-gemm", qk_benchmark},
        {"scaling", scaling_benchmark},
        {"train-step-reverse", train_step_benchmark},
        {"train-step-shakespeare", train_step_text_benchmark},
        {"open-gpt2", open_model_benchmark},
        {"tokenize-1mb", tokenize_benchmark},
        {"gpt2-small-model-1024", gpt2_model_trace_benchmark},
        {"gpt2-small-ablate-128", gpt2_ablation_benchmark},
        {"gpt2-small-lens-1024", gpt2_lens_benchmark},
        {"open-qwen2.5-0.5b", open_qwen_benchmark},
        {"qwen2.5-0.5b-trace-512", qwen_trace_benchmark},
        {"qwen2.5-0.5b-token", qwen_token_benchmark},
    };
    return all;
}

}  // namespace

int run_bench(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2, {"--only", "--model"}, {"--json"});
    const auto only = option(options, "--only");
    g_model = option(options, "--model");
    std::vector<Result> results;
    bool found = false;
    for (const auto& [name, run] : benchmarks()) {
        if (only && *only != name) continue;
        found = true;
        if (!option(options, "--json")) std::cerr << "running " << name << "…\n";
        results.push_back(run());
    }
    if (!found) {
        std::string names;
        for (const auto& [name, _] : benchmarks()) names += (names.empty() ? "" : ", ") + name;
        throw UsageError("unknown benchmark '" + *only + "'; choose one of: " + names);
    }
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Result& r : results) {
        nlohmann::ordered_json j = {{"name", r.name},
                                    {"median_ms", median(r.ms)},
                                    {"min_ms", *std::min_element(r.ms.begin(), r.ms.end())},
                                    {"max_ms", *std::max_element(r.ms.begin(), r.ms.end())},
                                    {"runs", r.ms.size()},
                                    {"peak_mb", r.peak_mb},
                                    {"threads", std::thread::hardware_concurrency()},
                                    {"kernels", to_string(kernel_level())},
                                    {"kernels_instruction_set", instruction_set(kernel_level())},
                                    {"other_instruction_set", instruction_set(KernelLevel::Baseline)}};
        j.update(r.extra);
        list.push_back(j);
    }
    if (option(options, "--json")) {
        std::cout << list.dump(1) << "\n";
        return 0;
    }
    // Which instruction sets did the work (engine/kernels/kernels.h): the kernels' level, and the
    // level the rest of this binary was compiled for.
    std::printf("matmul and softmax kernels: %s, %s; everything else: %s\n", to_string(kernel_level()),
                instruction_set(kernel_level()), instruction_set(KernelLevel::Baseline));
    std::printf("%-18s %12s %12s %12s %6s %9s\n", "benchmark", "median ms", "min ms", "max ms", "runs", "peak MB");
    for (const auto& j : list) {
        std::printf("%-18s %12.4f %12.4f %12.4f %6d %9.0f", j["name"].get<std::string>().c_str(), j["median_ms"].get<double>(),
                    j["min_ms"].get<double>(), j["max_ms"].get<double>(), j["runs"].get<int>(), j["peak_mb"].get<double>());
        if (j.contains("gflops")) std::printf("   %.1f GFLOP/s", j["gflops"].get<double>());
        if (j.contains("fraction_of_gemm")) std::printf(" (%.0f%% of the GEMM rate)", 100 * j["fraction_of_gemm"].get<double>());
        if (j.contains("exponent_256_2048")) std::printf("   time ∝ n^%.2f (n = 256…2048)", j["exponent_256_2048"].get<double>());
        std::printf("\n");
    }
    return 0;
}

}  // namespace attn::cli
