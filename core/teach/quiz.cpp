#include "teach/quiz.h"

#include "base/i18n.h"
#include "base/tensor.h"
#include "teach/explain.h"

#include <cmath>
#include <regex>

namespace attn {
namespace {

using nlohmann::json;

const std::map<std::string, QuizKind> kKinds = {
    {"number", QuizKind::Number}, {"shape", QuizKind::Shape},
    {"choice", QuizKind::Choice}, {"cell", QuizKind::Cell}};

// The value of (head, row, col) of a stage, whatever its rank.
float cell_of(const Tensor& t, int head, int row, int col) {
    if (t.rank() == 3) return t.data[static_cast<size_t>((head * t.dim(1) + row) * t.dim(2) + col)];
    return t.matrix()(row, col);
}

std::shared_ptr<const Tensor> stage_tensor(const Trace& trace, const std::string& stage) {
    auto t = trace.tensor(stage);
    if (!t) throw Error("the trace has no stage '" + stage + "' for this prediction");
    return t;
}

void require_in(const Tensor& t, int head, int row, int col, const std::string& stage) {
    const int64_t heads = t.rank() == 3 ? t.dim(0) : 1, rows = t.rank() == 3 ? t.dim(1) : t.dim(0);
    if (t.rank() < 2 || head >= heads || row >= rows || col >= t.shape.back())
        throw Error("the prediction's cell is outside the stage '" + stage + "' of shape " + shape_to_string(t.shape, false));
}

}  // namespace

std::vector<int64_t> parse_shape_text(const std::string& text) {
    // Numbers separated by ×, x, *, commas or spaces, optionally in brackets.
    static const std::regex whole(R"(^\s*[\(\[]?\s*\d+(\s*(×|x|X|\*|,|\s)\s*\d+)*\s*[\)\]]?\s*$)");
    if (!std::regex_match(text, whole)) return {};
    std::vector<int64_t> shape;
    static const std::regex number(R"(\d+)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it) {
        if (it->str().size() > 9) return {};
        shape.push_back(std::stoll(it->str()));
    }
    return shape;
}

Quiz parse_quiz(const json& j, const std::string& what) {
    if (!j.is_object()) throw Error(what + " must be an object");
    Quiz p;
    bool has_kind = false;
    for (const auto& [key, value] : j.items()) {
        const std::string field = what + "." + key;
        if (key == "kind") {
            const auto it = kKinds.find(parse_text_field(value, field));
            if (it == kKinds.end()) throw Error(field + " must be number, shape, choice or cell");
            p.kind = it->second;
            has_kind = true;
        } else if (key == "question") p.question = parse_localized(value, field);
        else if (key == "reveal") p.reveal = parse_localized(value, field);
        else if (key == "stage") p.stage = parse_text_field(value, field);
        else if (key == "tensor") p.tensor = parse_text_field(value, field);
        else if (key == "head") p.head = parse_index_field(value, field);
        else if (key == "row") p.row = parse_index_field(value, field);
        else if (key == "cell") p.cell = parse_cell_field(value, field);
        else if (key == "value") {
            if (!value.is_number()) throw Error(field + " must be a number");
            p.value = value.get<double>();
        } else if (key == "tolerance") {
            if (!value.is_number() || value.get<double>() < 0) throw Error(field + " must be a number from 0");
            p.tolerance = value.get<double>();
        } else if (key == "options") {
            if (!value.is_array()) throw Error(field + " must be a list of texts");
            for (size_t i = 0; i < value.size(); ++i) p.options.push_back(parse_localized(value[i], field + "[" + std::to_string(i) + "]"));
        } else if (key == "correct") p.correct = parse_index_field(value, field);
        else throw Error(what + ": unknown field '" + key + "'");
    }
    if (!has_kind) throw Error(what + " needs a kind (number, shape, choice or cell)");
    if (p.question.empty()) throw Error(what + " has no question");
    if (p.reveal.empty()) throw Error(what + " has no reveal (the text shown after the learner answers)");
    switch (p.kind) {
        case QuizKind::Number:
            if (!p.value && (p.stage.empty() || !p.cell)) throw Error(what + " (a number) needs a value, or a stage and a cell");
            break;
        case QuizKind::Shape:
            if (p.tensor.empty() == p.stage.empty()) throw Error(what + " (a shape) needs a tensor or a stage");
            break;
        case QuizKind::Choice:
            if (p.options.size() < 2) throw Error(what + " (a choice) needs at least two options");
            if (p.correct >= static_cast<int>(p.options.size())) throw Error(what + ".correct is not one of the options");
            break;
        case QuizKind::Cell:
            if (p.stage.empty()) throw Error(what + " (a cell) needs the stage whose largest entry is asked for");
            break;
    }
    return p;
}

QuizCheck check_quiz(const Quiz& p, const QuizAnswer& a, const Trace& trace, const Model& model,
                                 const std::string& language) {
    QuizCheck out;
    switch (p.kind) {
        case QuizKind::Number: {
            double truth = 0;
            if (p.value) truth = *p.value;
            else {
                const auto t = stage_tensor(trace, p.stage);
                require_in(*t, p.head, p.cell->first, p.cell->second, p.stage);
                truth = cell_of(*t, p.head, p.cell->first, p.cell->second);
            }
            if (!std::isfinite(a.number)) {
                out.understood = false;
                out.feedback = translate_text("attn", "Type a number first, such as 0.5.");
                return out;
            }
            const double off = std::abs(a.number - truth);
            out.right = off <= p.tolerance;
            out.feedback = out.right ? fill(translate_text("attn", "Right: you said %1 and the model computes %2."),
                                            {format_number(a.number), format_number(truth)})
                                     : fill(translate_text("attn", "You said %1; the model computes %2, so you were off by %3."),
                                            {format_number(a.number), format_number(truth), format_number(off)});
            return out;
        }
        case QuizKind::Shape: {
            std::vector<int64_t> truth;
            if (!p.tensor.empty()) {
                const auto shape = weight_shape(model, p.tensor);
                if (!shape) throw Error("the model has no tensor '" + p.tensor + "' for this prediction");
                truth = *shape;
            } else {
                truth = stage_tensor(trace, p.stage)->shape;
            }
            const std::vector<int64_t> guess = parse_shape_text(a.shape);
            if (guess.empty()) {
                out.understood = false;
                out.feedback = translate_text("attn", "Type a shape such as 24 × 8 (or 24x8) first.");
                return out;
            }
            out.right = guess == truth;
            out.feedback = out.right ? fill(translate_text("attn", "Right: the shape is %1."), {shape_to_string(truth, false)})
                                     : fill(translate_text("attn", "You said %1; the shape is %2."),
                                            {shape_to_string(guess, false), shape_to_string(truth, false)});
            return out;
        }
        case QuizKind::Choice: {
            if (a.choice < 0 || a.choice >= static_cast<int>(p.options.size())) {
                out.understood = false;
                out.feedback = translate_text("attn", "Pick one of the options first.");
                return out;
            }
            out.right = a.choice == p.correct;
            const std::string answer = p.options[static_cast<size_t>(p.correct)].in(language);
            out.feedback = out.right ? fill(translate_text("attn", "Right: %1."), {answer})
                                     : fill(translate_text("attn", "Not quite: the answer is “%1”."), {answer});
            return out;
        }
        case QuizKind::Cell: {
            const auto t = stage_tensor(trace, p.stage);
            require_in(*t, p.head, p.row, 0, p.stage);
            if (a.column < 0 || a.column >= t->shape.back()) {
                out.understood = false;
                out.feedback = fill(translate_text("attn", "Click a cell of row %1 in the heatmap first."), {std::to_string(p.row)});
                return out;
            }
            int best = 0;
            for (int col = 1; col < t->shape.back(); ++col)
                if (cell_of(*t, p.head, p.row, col) > cell_of(*t, p.head, p.row, best)) best = col;
            const float picked = cell_of(*t, p.head, p.row, a.column), largest = cell_of(*t, p.head, p.row, best);
            out.right = picked == largest;  // a tie with the largest counts
            out.feedback = out.right ? fill(translate_text("attn", "Right: column %1 holds the largest value of row %2 (%3)."),
                                            {std::to_string(a.column), std::to_string(p.row), format_number(largest)})
                                     : fill(translate_text("attn", "You picked column %1 (%2); the largest value of row %3 is in column %4 (%5)."),
                                            {std::to_string(a.column), format_number(picked), std::to_string(p.row),
                                             std::to_string(best), format_number(largest)});
            return out;
        }
    }
    return out;
}

}  // namespace attn
