// Guided lessons, read from data files (resources/lessons/*.json; format in
// docs/LESSONS.md) so a teacher can write one without touching code.
//
// A lesson is a list of steps. A step may set the app's state (a preset, config
// fields, texts), point at a stage/head/cell, open a view, pin the trace for
// comparison, explain what is on screen and ask the learner to do something,
// with a machine-checkable condition saying when it is done.
#pragma once

#include "io/session.h"
#include "teach/localized_text.h"
#include "teach/quiz.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace attn {

// One condition of a task: `subject` compared with `op`.
//   subject: "config.<field>" (as in the JSON), "head_dim", "src_text", "src.tokens" (how many),
//            "src.repeated_words",
//            "tgt_text", "stage", "head", "pinned", "training.task",
//            "training.steps", "training.accuracy" (the Training panel's run)
//   op:      "equals" (value), "at_least" / "at_most" (number), "changed" (since the step began)
struct TaskCondition {
    std::string subject;
    std::string op;
    nlohmann::json value;
};

struct LessonTask {
    LocalizedText instruction;
    std::vector<TaskCondition> done_when;  // all must hold
};

struct LessonStep {
    LocalizedText title;
    LocalizedText text;
    std::string preset;                  // start from this built-in example
    nlohmann::json config = nlohmann::json::object();  // config fields set on top
    std::optional<std::string> src_text, tgt_text;
    std::string stage;                   // stage to show (empty: keep)
    std::optional<int> head;
    std::optional<std::pair<int, int>> cell;  // (row, col) to highlight and explain
    std::string show;                    // a view to open: see kLessonViews
    std::string mistake;                 // the mistakes view shows this one ("forgot_scale", …)
    bool pin = false;                    // pin the trace (after the step's state) for compare mode
    std::optional<LessonTask> task;
    std::optional<Quiz> predict;   // the learner commits a guess before the answer is shown
    // "gpt2" or "bert": the step is about an opened Hugging Face model of that kind, and sets
    // nothing unless one is open (the lesson says how to get one). Empty: any model.
    std::string model;

    bool sets_session() const { return !preset.empty() || !config.empty() || src_text || tgt_text; }
};

struct Lesson {
    std::string id;
    LocalizedText title;
    LocalizedText summary;
    std::vector<LessonStep> steps;
};

inline const std::vector<std::string> kLessonViews = {"heads", "lines", "positional", "weights", "explain",
                                                      "compare", "cost", "mistakes", "training", "predictions",
                                                      "online_softmax", "logit_lens", "logit_attribution"};

// Whether a step can be followed with the model that is open: a step about GPT-2 or BERT needs
// that kind of imported model (config.family), any other step any model.
bool step_fits_model(const LessonStep& step, const Config& open);

// Throws attn::Error naming the step and field for anything malformed.
Lesson parse_lesson(const std::string& json_text);

// The session a step starts from: `base` (the preset's session when the step
// names one, else the current one) with the step's config fields and texts.
// Throws attn::Error when the result is not a valid config.
Session apply_step(const Session& base, const LessonStep& step);

// What a task condition can look at.
struct LessonState {
    Session session;
    std::string stage;
    int head = 0;
    bool pinned = false;
    std::string training_task;     // the Training panel's run: its task, steps done and
    int training_steps = 0;        // latest held-out accuracy (0 when nothing was trained)
    double training_accuracy = 0;
};

// True when every condition holds for `now`, comparing "changed" with `at_start`.
bool task_done(const LessonTask& task, const LessonState& now, const LessonState& at_start);

}  // namespace attn
