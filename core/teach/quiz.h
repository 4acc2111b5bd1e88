// Predict, then check: a lesson step asks the learner to commit a guess (a number, a
// shape, one of several options, or a cell of the heatmap) before the app shows the
// answer, then says how close the guess was. The answer is read from the live trace
// and model, so it stays right when the learner has changed the input.
#pragma once

#include "engine/trace.h"
#include "model/model.h"
#include "teach/localized_text.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace attn {

enum class QuizKind {
    Number,  // a typed number against one cell of a stage (or a fixed value)
    Shape,   // a typed shape such as "24 × 8" against a weight tensor's or a stage's shape
    Choice,  // one of several options
    Cell,    // the learner selects the cell of a row that will be largest in `stage`
};

struct Quiz {
    QuizKind kind = QuizKind::Number;
    LocalizedText question;
    LocalizedText reveal;  // shown once the learner has committed
    // Number: stage + head + cell, or value; right within tolerance (absolute).
    // Cell: the largest entry of row cell->first of stage (head); the learner's column counts.
    // Shape: tensor (a state-dict name) or stage.
    std::string stage, tensor;
    int head = 0;
    int row = 0;  // Cell
    std::optional<std::pair<int, int>> cell;
    std::optional<double> value;
    double tolerance = 0.01;
    std::vector<LocalizedText> options;  // Choice
    int correct = 0;
};

// Throws attn::Error naming `what` and the field for anything malformed.
Quiz parse_quiz(const nlohmann::json& j, const std::string& what);

// What the learner committed: the field that matches the kind is read.
struct QuizAnswer {
    double number = 0;
    std::string shape;
    int choice = -1;
    int column = -1;  // Cell: the column of the selected cell
};

struct QuizCheck {
    bool understood = true;  // false: the typed text is not a number or a shape (nothing is committed)
    bool right = false;
    std::string feedback;  // one sentence in the UI language: the truth and how far the guess was
};

// Throws attn::Error when the trace or model lacks what the prediction reads.
QuizCheck check_quiz(const Quiz& p, const QuizAnswer& answer, const Trace& trace, const Model& model,
                                 const std::string& language);

// "24 × 8", "24x8", "(24, 8)" -> {24, 8}; empty when the text is not a shape.
std::vector<int64_t> parse_shape_text(const std::string& text);

}  // namespace attn
