// Training on a built-in task: batches of generated examples, the loss and its
// gradients through the backward pass, one optimizer step at a time. The caller
// drives it step by step (the command line, the GUI's worker), so a run can be
// paused, stepped once or stopped between any two steps with nothing lost.
#pragma once

#include "learn/optimizer.h"
#include "learn/tasks.h"
#include "model/model.h"

#include <cstdint>
#include <memory>

namespace attn {

struct TrainOptions {
    int steps = 1000;
    int batch_size = 32;
    OptimizerOptions optimizer;
    uint64_t seed = 0;  // the order of the examples; the model's own seed is in its config
    int warmup_steps = 0;       // TaskDefaults: linear warm-up, then
    bool cosine_decay = false;  // a half cosine down to lr / 10
};

// The learning rate of step `step` (0-based) of a run.
double learning_rate_at(const TrainOptions& options, int step);

// The task's defaults for everything not given.
TrainOptions default_train_options(const Task& task);

// Every problem of the options, by field ("lr", "steps", "batch_size", "weight_decay"): a
// non-finite or non-positive learning rate, zero steps, a batch larger than the task's
// distinct examples. check_train_options throws attn::Error with the first.
std::vector<ConfigProblem> train_option_problems(const Task& task, const TrainOptions& options);
void check_train_options(const Task& task, const TrainOptions& options);

struct StepResult {
    double loss = 0;        // mean over the batch's sequences of their mean token loss
    bool diverged = false;  // the loss or a gradient was not finite: the weights were left as they were
};

class Trainer {
public:
    // The model must fit the task (Task::check_config); throws attn::Error otherwise.
    Trainer(const Task& task, Model model, TrainOptions options);

    StepResult step();
    // Accuracy on the task's held-out examples: exact-sequence (every labelled position right), or the
    // share of labelled positions right when the task scores each token (Task::scores_each_token).
    // The first `limit` held-out examples only, when given (the Training panel's frequent snapshots).
    double accuracy(size_t limit = SIZE_MAX) const;
    // The mean loss over the held-out examples (the first `limit`).
    double held_out_loss(size_t limit = SIZE_MAX) const;

    const Model& model() const { return model_; }
    int steps_done() const { return steps_done_; }
    const TrainOptions& options() const { return options_; }

private:
    const Task& task_;
    Model model_;
    TrainOptions options_;
    Optimizer optimizer_;
    Rng rng_;
    int steps_done_ = 0;
};

}  // namespace attn
