#include "learn/trainer.h"

#include "base/i18n.h"
#include "engine/forward.h"
#include "learn/backward.h"
#include "learn/loss.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace attn {
namespace {

Inputs inputs_of(const Model& model, const ModelWeights& bound, const Example& e) {
    Inputs in{sequence_from_tokens(model, bound, tokenize_for(model.config, e.src_text)), {}};
    if (model.config.architecture == Architecture::EncoderDecoder)
        in.tgt = sequence_from_tokens(model, bound, tokenize_for(model.config, e.tgt_text));
    return in;
}

bool same_lengths(const Inputs& in, const Trace& trace) {
    return !trace.stages().empty() && in.src.tokens.size() == trace.src_tokens.size() &&
           in.tgt.tokens.size() == trace.tgt_tokens.size();
}

// A batch's gradients are summed in this many fixed slices of the batch, each on a thread of
// its own and each into its own buffer, then the slices in order: the same numbers whatever
// the number of threads.
constexpr int kGradientSlices = 4;

std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

bool finite(const StateDict& grads) {
    for (const auto& [name, t] : grads)
        for (float v : t.data)
            if (!std::isfinite(v)) return false;
    return true;
}

}  // namespace

TrainOptions default_train_options(const Task& task) {
    const TaskDefaults d = task.defaults();
    TrainOptions o;
    o.steps = d.steps;
    o.batch_size = d.batch_size;
    o.optimizer.kind = d.optimizer;
    o.optimizer.lr = d.lr;
    if (d.optimizer == OptimizerKind::Sgd) o.optimizer.weight_decay = 0;
    o.warmup_steps = d.warmup_steps;
    o.cosine_decay = d.cosine_decay;
    return o;
}

double learning_rate_at(const TrainOptions& o, int step) {
    const double lr = o.optimizer.lr;
    if (step < o.warmup_steps) return lr * (step + 1) / o.warmup_steps;
    if (!o.cosine_decay || o.steps <= o.warmup_steps + 1) return lr;
    const double progress = static_cast<double>(step - o.warmup_steps) / (o.steps - o.warmup_steps - 1);
    const double floor = lr / 10;
    return floor + 0.5 * (lr - floor) * (1 + std::cos(M_PI * std::min(1.0, progress)));
}

std::vector<ConfigProblem> train_option_problems(const Task& task, const TrainOptions& o) {
    std::vector<ConfigProblem> problems;
    auto add = [&](const char* field, std::string message) { problems.push_back({field, std::move(message)}); };
    if (!std::isfinite(o.optimizer.lr) || o.optimizer.lr <= 0)
        add("lr", fill(translate_text("attn", "the learning rate (%1) must be a positive number such as 0.003"), {number(o.optimizer.lr)}));
    if (o.steps < 1) add("steps", fill(translate_text("attn", "steps (%1) must be at least 1"), {std::to_string(o.steps)}));
    if (o.batch_size < 1)
        add("batch_size", fill(translate_text("attn", "the batch size (%1) must be at least 1"), {std::to_string(o.batch_size)}));
    else if (o.batch_size > task.distinct_examples())
        add("batch_size", fill(translate_text("attn", "the batch size (%1) is larger than the %2 task's %3 distinct training examples"),
                               {std::to_string(o.batch_size), task.name(), std::to_string(task.distinct_examples())}));
    if (o.warmup_steps < 0)
        add("warmup", fill(translate_text("attn", "warm-up steps (%1) cannot be negative"), {std::to_string(o.warmup_steps)}));
    if (!std::isfinite(o.optimizer.weight_decay) || o.optimizer.weight_decay < 0)
        add("weight_decay", fill(translate_text("attn", "weight decay (%1) must be 0 or more"), {number(o.optimizer.weight_decay)}));
    return problems;
}

void check_train_options(const Task& task, const TrainOptions& o) {
    const auto problems = train_option_problems(task, o);
    if (!problems.empty()) throw Error(problems.front().message);
}

Trainer::Trainer(const Task& task, Model model, TrainOptions options)
    : task_(task), model_(std::move(model)), options_(options), optimizer_(options.optimizer),
      rng_(options.seed, "train:" + task.name()) {
    task.check_config(model_.config);
    check_train_options(task, options_);
}

StepResult Trainer::step() {
    const int B = options_.batch_size;
    std::vector<Example> batch;
    for (int b = 0; b < B; ++b) batch.push_back(task_.sample(rng_));
    const ModelWeights bound = model_.bind();
    const int slices = std::min(B, kGradientSlices);
    std::vector<StateDict> slice_grads(static_cast<size_t>(slices));
    std::vector<double> losses(static_cast<size_t>(B));
#pragma omp parallel for schedule(static, 1)
    for (int slice = 0; slice < slices; ++slice) {
        StateDict& grads = slice_grads[static_cast<size_t>(slice)];
        grads = zero_gradients(model_);
        const ModelWeights grad_views = bind_weights(model_.config, grads);
        Trace trace;  // refilled by the slice's examples of the same lengths as the one before
        for (int b = slice * B / slices; b < (slice + 1) * B / slices; ++b) {
            const Example& e = batch[static_cast<size_t>(b)];
            const Inputs in = inputs_of(model_, bound, e);
            if (same_lengths(in, trace)) run_forward_again(model_, bound, in, trace);
            else trace = run_forward(model_, bound, in, {.for_training = true});
            const LossResult loss = cross_entropy(trace.tensor("output.logits")->matrix(), e.labels, 1.0 / B);
            losses[static_cast<size_t>(b)] = loss.loss;
            backward_into(model_, bound, trace, "output.logits", Tensor::from_matrix(loss.dlogits), grad_views);
        }
    }
    StepResult r;
    StateDict grads = std::move(slice_grads[0]);
    for (int slice = 1; slice < slices; ++slice)
        for (auto& [name, g] : grads) {
            const auto& other = slice_grads[static_cast<size_t>(slice)].at(name).data;
            for (size_t i = 0; i < g.data.size(); ++i) g.data[i] += other[i];
        }
    for (double l : losses) r.loss += l / B;
    r.diverged = !std::isfinite(r.loss) || !finite(grads);
    if (r.diverged) return r;  // keep the last good weights
    optimizer_.set_lr(learning_rate_at(options_, steps_done_));
    optimizer_.step(model_.weights, grads);
    ++steps_done_;
    return r;
}

double Trainer::accuracy(size_t limit) const {
    std::vector<Example> examples = task_.held_out();
    if (examples.size() > limit) examples.resize(limit);
    const ModelWeights bound = model_.bind();
    const bool each_token = task_.scores_each_token();
    int64_t correct = 0, scored = 0;
    for (const Example& e : examples) {
        const Mat logits = run_forward_untraced(model_, inputs_of(model_, bound, e)).logits;
        int64_t right = 0, labelled = 0;
        for (size_t t = 0; t < e.labels.size(); ++t) {
            if (e.labels[t] == kIgnoreLabel) continue;
            Eigen::Index best;
            logits.row(static_cast<Eigen::Index>(t)).maxCoeff(&best);
            right += best == e.labels[t];
            ++labelled;
        }
        correct += each_token ? right : right == labelled;
        scored += each_token ? labelled : 1;
    }
    return scored == 0 ? 0.0 : static_cast<double>(correct) / static_cast<double>(scored);
}

double Trainer::held_out_loss(size_t limit) const {
    std::vector<Example> examples = task_.held_out();
    if (examples.size() > limit) examples.resize(limit);
    const ModelWeights bound = model_.bind();
    double total = 0;
    for (const Example& e : examples)
        total += cross_entropy(run_forward_untraced(model_, inputs_of(model_, bound, e)).logits, e.labels).loss;
    return examples.empty() ? 0.0 : total / static_cast<double>(examples.size());
}

}  // namespace attn
