// Predict-then-check: each kind of prediction is read from the live trace and model,
// and the feedback says the truth and how far the guess was.
#include "teach/quiz.h"

#include "engine/forward.h"
#include "model/checkpoint_torch.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

using nlohmann::json;

struct Classroom : ::testing::Test {
    Classroom() : model(make_model(Config{})), trace(run_forward(model, {sequence_from_text(model, "the cat sat on the mat"), {}})) {}
    QuizCheck check(const std::string& prediction, const QuizAnswer& answer) {
        return check_quiz(parse_quiz(json::parse(prediction), "predict"), answer, trace, model, "en");
    }
    Model model;
    Trace trace;
};

TEST_F(Classroom, NumberIsComparedWithTheCellOfTheStage) {
    const std::string p = R"({"kind": "number", "question": "q", "reveal": "r",
                              "stage": "encoder.layers.0.self_attn.scores", "head": 1, "cell": [2, 3], "tolerance": 0.05})";
    const Tensor& scores = *trace.tensor("encoder.layers.0.self_attn.scores");  // (H, T, T)
    const double truth = scores.data[(1 * 6 + 2) * 6 + 3];
    QuizAnswer near;
    near.number = truth + 0.04;
    EXPECT_TRUE(check(p, near).right);
    QuizAnswer far;
    far.number = truth + 0.5;
    const QuizCheck wrong = check(p, far);
    EXPECT_FALSE(wrong.right);
    EXPECT_TRUE(wrong.understood);
    EXPECT_NE(wrong.feedback.find("you were off by 0.500"), std::string::npos) << wrong.feedback;
    QuizAnswer nothing;
    nothing.number = std::nan("");
    EXPECT_FALSE(check(p, nothing).understood);
}

TEST_F(Classroom, ShapeIsTheTensorsWhateverTheHeads) {
    const std::string p = R"({"kind": "shape", "question": "q", "reveal": "r", "tensor": "encoder.layers.0.self_attn.in_proj_weight"})";
    QuizAnswer a;
    a.shape = "24 × 8";
    EXPECT_TRUE(check(p, a).right);
    a.shape = "(24, 8)";
    EXPECT_TRUE(check(p, a).right);
    a.shape = "8x24";
    const QuizCheck wrong = check(p, a);
    EXPECT_FALSE(wrong.right);
    EXPECT_EQ(wrong.feedback, "You said 8 × 24; the shape is 24 × 8.");
    a.shape = "big";
    EXPECT_FALSE(check(p, a).understood);
    EXPECT_EQ(parse_shape_text("[6 ,8]"), (std::vector<int64_t>{6, 8}));
    EXPECT_TRUE(parse_shape_text("6 × ").empty());
}

TEST_F(Classroom, CellIsTheLargestOfTheRow) {
    const std::string p = R"({"kind": "cell", "question": "q", "reveal": "r", "stage": "encoder.layers.0.self_attn.weights", "head": 0, "row": 1})";
    const Tensor& w = *trace.tensor("encoder.layers.0.self_attn.weights");
    int best = 0;
    for (int j = 1; j < 6; ++j)
        if (w.data[6 + j] > w.data[6 + best]) best = j;
    QuizAnswer a;
    a.column = best;
    EXPECT_TRUE(check(p, a).right);
    a.column = (best + 1) % 6;
    const QuizCheck wrong = check(p, a);
    EXPECT_FALSE(wrong.right);
    EXPECT_NE(wrong.feedback.find("is in column " + std::to_string(best)), std::string::npos) << wrong.feedback;
    a.column = -1;
    EXPECT_FALSE(check(p, a).understood);
}

TEST_F(Classroom, ChoiceNamesTheAnswerInTheLearnersLanguage) {
    const std::string p = R"({"kind": "choice", "question": "q", "reveal": "r", "correct": 1,
                              "options": [{"en": "only itself", "zh_CN": "只有自己"}, {"en": "everything", "zh_CN": "全部"}]})";
    QuizAnswer a;
    a.choice = 0;
    EXPECT_EQ(check(p, a).feedback, "Not quite: the answer is “everything”.");
    EXPECT_NE(check_quiz(parse_quiz(json::parse(p), "predict"), a, trace, model, "zh_CN").feedback.find("全部"),
              std::string::npos);
    a.choice = 1;
    EXPECT_TRUE(check(p, a).right);
}

TEST_F(Classroom, WhatTheTraceLacksIsNamed) {
    QuizAnswer a;
    a.number = 1;
    EXPECT_THROW(check(R"({"kind": "number", "question": "q", "reveal": "r", "stage": "nope", "cell": [0, 0]})", a), Error);
    EXPECT_THROW(check(R"({"kind": "number", "question": "q", "reveal": "r", "stage": "src.input", "cell": [9, 0]})", a), Error);
}

TEST(Quiz, MalformedOnesAreRefusedWithTheField) {
    auto error_of = [](const std::string& text) {
        try {
            parse_quiz(json::parse(text), "step 2.predict");
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_EQ(error_of(R"({"question": "q", "reveal": "r", "value": 1})"), "step 2.predict needs a kind (number, shape, choice or cell)");
    EXPECT_EQ(error_of(R"({"kind": "guess", "question": "q", "reveal": "r"})"), "step 2.predict.kind must be number, shape, choice or cell");
    EXPECT_EQ(error_of(R"({"kind": "number", "question": "q", "value": 1})"),
              "step 2.predict has no reveal (the text shown after the learner answers)");
    EXPECT_EQ(error_of(R"({"kind": "number", "question": "q", "reveal": "r", "stage": "s"})"),
              "step 2.predict (a number) needs a value, or a stage and a cell");
    EXPECT_EQ(error_of(R"({"kind": "choice", "question": "q", "reveal": "r", "options": ["a", "b"], "correct": 2})"),
              "step 2.predict.correct is not one of the options");
    EXPECT_EQ(error_of(R"({"kind": "shape", "question": "q", "reveal": "r"})"), "step 2.predict (a shape) needs a tensor or a stage");
    EXPECT_EQ(error_of(R"({"kind": "cell", "question": "q", "reveal": "r", "colour": 1})"), "step 2.predict: unknown field 'colour'");
}

}  // namespace
}  // namespace attn
