// The built-in training tasks: data the app generates itself, each with a model
// size, learning rate and step count chosen so that it converges.
//   copy, reverse, sort   encoder-only over digits: every position predicts its answer
//                         at once (reverse: position i attends to n − 1 − i)
//   induction             decoder-only: a random string of letters, then the same
//                         string again; in the second half each token predicts the
//                         next, which only the first copy says
//   text                  decoder-only, a corpus one character at a time (learn/text_task.h)
//   translation           encoder-decoder, English → 中文 from templates ("I love
//                         cats" → "我 爱 猫"), word-level source, character-level target
#pragma once

#include "base/rng.h"
#include "learn/optimizer.h"
#include "model/config.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attn {

// One labelled example, as text the model's tokenizer splits into the vocab's tokens.
struct Example {
    std::string src_text;               // the input (the source for encoder-decoder)
    std::string tgt_text;               // encoder-decoder: the decoder's input ("<s> 我 爱 猫")
    std::vector<int64_t> labels;        // one per position of the last stack; −100 = not scored
};

struct TaskDefaults {
    Config config;                      // includes the vocab
    int steps = 1000;
    double lr = 3e-3;
    int batch_size = 32;
    OptimizerKind optimizer = OptimizerKind::AdamW;
    int warmup_steps = 0;       // the learning rate rises linearly from lr / warmup to lr over these steps
    bool cosine_decay = false;  // then falls along a half cosine to lr / 10 at the last step
};

class Task {
public:
    virtual ~Task() = default;
    virtual std::string name() const = 0;
    virtual std::string description() const = 0;  // one line, for the CLI and the GUI
    virtual TaskDefaults defaults() const = 0;
    // A training example (never one of the held-out ones).
    virtual Example sample(Rng& rng) const = 0;
    // The held-out examples accuracy is measured on: fixed, never trained on.
    virtual std::vector<Example> held_out() const = 0;
    // Throws attn::Error when `config` cannot be used for this task (architecture, vocab, positions).
    void check_config(const Config& config) const;
    // How many distinct training examples exist (a batch larger than this is refused).
    virtual int64_t distinct_examples() const = 0;
    // Whether accuracy counts tokens (the text task: the share of next characters right) rather than
    // whole examples (every labelled position right).
    virtual bool scores_each_token() const { return false; }
    // The labels of an input written in this task's format (the source, and for translation the
    // decoder's input "<s> 我 爱 猫"), or nothing when the input is not one of the task's.
    virtual std::optional<std::vector<int64_t>> labels_for(const std::string& src, const std::string& tgt) const = 0;
    // The attention stage that shows what this task's model learns (the anti-diagonal of
    // reversal, the induction stripe, the alignment of a translation), for a probe input.
    virtual std::string probe_stage() const = 0;
};

// Task names in the order the GUI lists them: copy, reverse, sort, induction, translation.
std::vector<std::string> task_names();
// Throws attn::Error naming the tasks when `name` is not one.
std::unique_ptr<Task> make_task(const std::string& name);

}  // namespace attn
