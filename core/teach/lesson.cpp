#include "teach/lesson.h"

#include "engine/sequence.h"

#include "base/json_util.h"
#include "teach/mistakes.h"
#include "base/tensor.h"
#include "model/family.h"

#include <algorithm>
#include <map>

namespace attn {
namespace {

using nlohmann::json;

const std::vector<std::string> kStepKeys = {"title", "text", "preset", "config", "src_text", "tgt_text", "stage",
                                            "head", "cell", "show", "mistake", "pin", "task", "predict", "model"};
const std::vector<std::string> kOps = {"equals", "at_least", "at_most", "changed"};

bool contains(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

TaskCondition condition(const std::string& subject, const json& test, const std::string& what) {
    const bool known = subject.rfind("config.", 0) == 0 ||
                       contains({"head_dim", "src_text", "tgt_text", "src.repeated_words", "src.tokens", "stage", "head", "pinned", "knocked_out", "training.task",
                                 "training.steps", "training.accuracy"},
                                subject);
    if (!known) throw Error(what + ": unknown subject '" + subject + "'");
    if (!test.is_object() || test.size() != 1)
        throw Error(what + "." + subject + " must be one test such as {\"equals\": …}");
    const std::string op = test.begin().key();  // (a structured binding to *items().begin() dangles)
    const json value = test.begin().value();
    if (!contains(kOps, op)) throw Error(what + "." + subject + ": unknown test '" + op + "'");
    if ((op == "at_least" || op == "at_most") && !value.is_number())
        throw Error(what + "." + subject + "." + op + " must be a number");
    return {subject, op, value};
}

LessonTask task_of(const json& j, const std::string& what) {
    if (!j.is_object()) throw Error(what + " must be an object");
    LessonTask task;
    for (const auto& [key, value] : j.items()) {
        if (key == "instruction") task.instruction = parse_localized(value, what + ".instruction");
        else if (key == "done_when") {
            if (!value.is_object() || value.empty()) throw Error(what + ".done_when must hold at least one condition");
            for (const auto& [subject, test] : value.items())
                task.done_when.push_back(condition(subject, test, what + ".done_when"));
        } else throw Error(what + ": unknown field '" + key + "'");
    }
    if (task.instruction.empty()) throw Error(what + " has no instruction");
    if (task.done_when.empty()) throw Error(what + " has no done_when");
    return task;
}

LessonStep step_of(const json& j, const std::string& what) {
    if (!j.is_object()) throw Error(what + " must be an object");
    LessonStep step;
    for (const auto& [key, value] : j.items()) {
        if (!contains(kStepKeys, key)) throw Error(what + ": unknown field '" + key + "'");
        const std::string field = what + "." + key;
        if (key == "title") step.title = parse_localized(value, field);
        else if (key == "text") step.text = parse_localized(value, field);
        else if (key == "preset") step.preset = parse_text_field(value, field);
        else if (key == "config") {
            if (!value.is_object()) throw Error(field + " must be an object of config fields");
            step.config = value;
        } else if (key == "src_text") step.src_text = parse_text_field(value, field);
        else if (key == "tgt_text") step.tgt_text = parse_text_field(value, field);
        else if (key == "stage") step.stage = parse_text_field(value, field);
        else if (key == "model") {
            step.model = parse_text_field(value, field);
            if (step.model != "gpt2" && step.model != "bert") throw Error(field + " must be \"gpt2\" or \"bert\", not '" + step.model + "'");
        }
        else if (key == "head") step.head = parse_index_field(value, field);
        else if (key == "cell") step.cell = parse_cell_field(value, field);
        else if (key == "show") {
            step.show = parse_text_field(value, field);
            if (!contains(kLessonViews, step.show)) throw Error(field + ": unknown view '" + step.show + "'");
        } else if (key == "mistake") {
            step.mistake = parse_text_field(value, field);
            const bool known = std::any_of(kAllMistakes.begin(), kAllMistakes.end(),
                                           [&](Mistake m) { return step.mistake == to_string(m); });
            if (!known) throw Error(field + ": unknown mistake '" + step.mistake + "'");
        } else if (key == "pin") {
            if (!value.is_boolean()) throw Error(field + " must be true or false");
            step.pin = value.get<bool>();
        } else if (key == "task") step.task = task_of(value, field);
        else if (key == "predict") step.predict = parse_quiz(value, field);
    }
    if (step.text.empty()) throw Error(what + " has no text");
    return step;
}

// The value a condition looks at, as JSON.
json subject_value(const std::string& subject, const LessonState& s) {
    if (subject.rfind("config.", 0) == 0) {
        const json config = json::parse(config_to_json(s.session.config));
        const std::string field = subject.substr(7);
        return config.contains(field) ? config[field] : json();
    }
    if (subject == "head_dim") return s.session.config.head_dim();
    if (subject == "src_text") return s.session.src_text;
    if (subject == "src.repeated_words") {  // how many words of the source text appear more than once
        std::map<std::string, int> seen;
        for (const std::string& token : tokenize_for(s.session.config, s.session.src_text)) ++seen[token];
        return std::count_if(seen.begin(), seen.end(), [](const auto& entry) { return entry.second > 1; });
    }
    if (subject == "src.tokens") return tokenize_for(s.session.config, s.session.src_text).size();
    if (subject == "tgt_text") return s.session.tgt_text;
    if (subject == "stage") return s.stage;
    if (subject == "head") return s.head;
    if (subject == "knocked_out") return s.session.knocked_out;  // ["3.2", …] as the session keeps them
    if (subject == "training.task") return s.training_task;
    if (subject == "training.steps") return s.training_steps;
    if (subject == "training.accuracy") return s.training_accuracy;
    return s.pinned;
}

bool holds(const TaskCondition& c, const LessonState& now, const LessonState& at_start) {
    const json value = subject_value(c.subject, now);
    if (c.op == "changed") return (value != subject_value(c.subject, at_start)) == c.value.get<bool>();
    if (c.op == "equals") return value == c.value;
    if (!value.is_number()) return false;
    return c.op == "at_least" ? value.get<double>() >= c.value.get<double>()
                              : value.get<double>() <= c.value.get<double>();
}

}  // namespace

Lesson parse_lesson(const std::string& json_text) {
    const json j = parse_json_strict(json_text, "lesson");
    if (!j.is_object()) throw Error("a lesson must be a JSON object");
    Lesson lesson;
    for (const auto& [key, value] : j.items()) {
        if (key == "id") lesson.id = parse_text_field(value, "id");
        else if (key == "title") lesson.title = parse_localized(value, "title");
        else if (key == "summary") lesson.summary = parse_localized(value, "summary");
        else if (key == "steps") {
            if (!value.is_array() || value.empty()) throw Error("steps must be a non-empty list");
            for (size_t i = 0; i < value.size(); ++i)
                lesson.steps.push_back(step_of(value[i], "step " + std::to_string(i + 1)));
        } else throw Error("lesson: unknown field '" + key + "'");
    }
    if (lesson.id.empty()) throw Error("a lesson needs an id");
    if (lesson.title.empty()) throw Error("lesson '" + lesson.id + "' has no title");
    if (lesson.steps.empty()) throw Error("lesson '" + lesson.id + "' has no steps");
    return lesson;
}

Session apply_step(const Session& base, const LessonStep& step) {
    Session out = base;
    if (!step.config.empty()) {
        json config = json::parse(config_to_json(base.config));
        for (const auto& [key, value] : step.config.items()) config[key] = value;
        out.config = parse_config(config.dump());
        // Edits made for another shape would be dropped with a warning anyway; a lesson starts clean.
        if (out.config.d_model != base.config.d_model) out.embedding_edits.clear();
    }
    if (step.src_text) out.src_text = *step.src_text, out.src_token_ids.clear();
    if (step.tgt_text) out.tgt_text = *step.tgt_text;
    if (!step.stage.empty()) out.view.stage = step.stage;
    if (step.head) out.view.head = *step.head;
    return out;
}

bool step_fits_model(const LessonStep& step, const Config& open) {
    if (step.model.empty()) return true;
    return step.model == describe(open.family).model_type;  // "gpt2", "bert": a step about an opened model of that family
}

bool task_done(const LessonTask& task, const LessonState& now, const LessonState& at_start) {
    return std::all_of(task.done_when.begin(), task.done_when.end(),
                       [&](const TaskCondition& c) { return holds(c, now, at_start); });
}

}  // namespace attn
