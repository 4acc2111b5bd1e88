// Lesson files: parsing (and its errors), applying a step to a session,
// checking tasks; and every built-in lesson in resources/lessons.
#include "base/json_util.h"
#include "teach/lesson.h"
#include "engine/forward.h"
#include "io/session.h"
#include "engine/softmax.h"
#include "engine/feed_forward.h"
#include "engine/positional_encoding.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <cstdio>
#include <cmath>
#include <sstream>
#include <regex>
#include <numbers>

namespace attn {
namespace {

const char* kLesson = R"({
  "id": "demo",
  "title": {"en": "Demo", "zh_CN": "演示"},
  "steps": [
    {"text": {"en": "Look.", "zh_CN": "看。"}, "preset": "classroom", "config": {"d_model": 16},
     "src_text": "a b", "stage": "encoder.layers.0.self_attn.weights", "head": 1, "cell": [1, 0], "show": "heads"},
    {"text": "Now you.", "pin": true,
     "task": {"instruction": "Make d_k at least 8 and change the text.",
              "done_when": {"head_dim": {"at_least": 8}, "src_text": {"changed": true}}}}
  ]
})";

TEST(Lesson, ParsesEveryField) {
    const Lesson l = parse_lesson(kLesson);
    EXPECT_EQ(l.id, "demo");
    EXPECT_EQ(l.title.in("zh_CN"), "演示");
    EXPECT_EQ(l.title.in("fr"), "Demo");  // falls back to English
    ASSERT_EQ(l.steps.size(), 2u);
    const LessonStep& s = l.steps[0];
    EXPECT_EQ(s.preset, "classroom");
    EXPECT_EQ(*s.src_text, "a b");
    EXPECT_EQ(*s.head, 1);
    EXPECT_EQ(*s.cell, std::make_pair(1, 0));
    EXPECT_EQ(s.show, "heads");
    EXPECT_TRUE(s.sets_session());
    EXPECT_FALSE(l.steps[1].sets_session());
    EXPECT_TRUE(l.steps[1].pin);
    EXPECT_EQ(l.steps[1].task->done_when.size(), 2u);
}

TEST(Lesson, ErrorsNameTheStepAndField) {
    auto error = [](const std::string& text) {
        try {
            parse_lesson(text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": [{"text": "a", "colour": 1}]})"),
              "step 1: unknown field 'colour'");
    EXPECT_EQ(error(R"({"id": "x", "title": {"zh_CN": "标题"}, "steps": [{"text": "a"}]})"),
              "title has no English (\"en\") text");
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": [{"text": "a"}, {"text": "b", "show": "nothing"}]})"),
              "step 2.show: unknown view 'nothing'");
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": [{"text": "a", "task": {"instruction": "i",
              "done_when": {"mood": {"equals": 1}}}}]})"),
              "step 1.task.done_when: unknown subject 'mood'");
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": [{"text": "a", "task": {"instruction": "i",
              "done_when": {"head": {"above": 1}}}}]})"),
              "step 1.task.done_when.head: unknown test 'above'");
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": []})"), "steps must be a non-empty list");
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": [{"title": "no text"}]})"), "step 1 has no text");
    EXPECT_EQ(error(R"({"id": "x", "title": "T", "steps": [{"text": "a", "cell": [1]}]})"), "step 1.cell must be [row, column]");
}

TEST(Lesson, ApplyingAStepSetsConfigTextsAndView) {
    const Lesson l = parse_lesson(kLesson);
    Session base;
    base.embedding_edits["a"] = std::vector<float>(8, 1.0f);
    const Session s = apply_step(base, l.steps[0]);
    EXPECT_EQ(s.config.d_model, 16);
    EXPECT_EQ(s.config.nhead, base.config.nhead);  // fields the step does not name are kept
    EXPECT_EQ(s.src_text, "a b");
    EXPECT_EQ(s.view.stage, "encoder.layers.0.self_attn.weights");
    EXPECT_EQ(s.view.head, 1);
    EXPECT_TRUE(s.embedding_edits.empty());  // 8-wide edits do not fit d_model 16

    LessonStep bad = l.steps[0];
    bad.config = {{"d_model", 10}, {"nhead", 4}};
    EXPECT_THROW(apply_step(base, bad), Error);
}

TEST(Lesson, TaskIsDoneWhenEveryConditionHolds) {
    const Lesson lesson = parse_lesson(kLesson);
    const LessonTask& task = *lesson.steps[1].task;
    LessonState start;
    start.session.config.d_model = 8;  // d_k 4
    LessonState now = start;
    EXPECT_FALSE(task_done(task, now, start));
    now.session.config.d_model = 16;  // d_k 8, text unchanged
    EXPECT_FALSE(task_done(task, now, start));
    now.session.src_text = "something else";
    EXPECT_TRUE(task_done(task, now, start));
    now.session.config.nhead = 4;  // d_k back to 4
    EXPECT_FALSE(task_done(task, now, start));
}

TEST(Lesson, ConfigAndSelectionConditions) {
    const Lesson l = parse_lesson(R"({"id": "x", "title": "T", "steps": [{"text": "a", "task": {"instruction": "i",
        "done_when": {"config.positional_encoding": {"equals": "rope"}, "stage": {"equals": "src.input"},
                      "head": {"at_most": 1}, "pinned": {"equals": true}}}}]})");
    LessonState s;
    s.session.config.positional_encoding = PositionalEncoding::Rope;
    s.stage = "src.input";
    s.head = 1;
    s.pinned = true;
    EXPECT_TRUE(task_done(*l.steps[0].task, s, LessonState{}));
    s.head = 2;
    EXPECT_FALSE(task_done(*l.steps[0].task, s, LessonState{}));
}

// "Knock out head 3.2" is done with exactly that head out, not with another or none.
TEST(Lesson, KnockedOutHeadsCondition) {
    const Lesson l = parse_lesson(R"({"id": "x", "title": "T", "steps": [{"text": "a", "task": {"instruction": "i",
        "done_when": {"knocked_out": {"equals": ["3.2"]}}}}]})");
    LessonState s;
    EXPECT_FALSE(task_done(*l.steps[0].task, s, s));
    s.session.knocked_out = {"3.2"};
    EXPECT_TRUE(task_done(*l.steps[0].task, s, s));
    s.session.knocked_out = {"3.2", "0.0"};
    EXPECT_FALSE(task_done(*l.steps[0].task, s, s));
}

// "Make a word appear twice" checks exactly that: the classroom text already does ("the").
TEST(Lesson, RepeatedWordsCountsWordsThatAppearMoreThanOnce) {
    const Lesson l = parse_lesson(R"({"id": "x", "title": "T", "steps": [{"text": "a", "task": {"instruction": "i",
        "done_when": {"src.repeated_words": {"at_least": 1}}}}]})");
    LessonState s;
    s.session.src_text = "the cat sat on the mat";
    EXPECT_TRUE(task_done(*l.steps[0].task, s, s));
    s.session.src_text = "a cat sat on my mat";
    EXPECT_FALSE(task_done(*l.steps[0].task, s, s));
    s.session.src_text = "cat sat cat";
    EXPECT_TRUE(task_done(*l.steps[0].task, s, s));
}

// Lesson 2: "even with d_k = 4 they differ: without the division by √d_k each row is sharper,
// its largest weight higher" — on the lesson's own input, for every row of every head (a
// softmax of scores times 2 has a larger maximum, unless the row is flat).
TEST(LessonClaims, WithoutScalingEveryRowIsSharperAtDk4) {
    const Model model = make_model(Config{});  // the classroom model: d_model 8, 2 heads, d_k 4
    ASSERT_EQ(model.config.head_dim(), 4);
    const Trace trace = run_forward(model, {sequence_from_text(model, "the cat sat on the mat"), {}});
    const Tensor scores = *trace.tensor("encoder.layers.0.self_attn.scores");
    const Tensor weights = *trace.tensor("encoder.layers.0.self_attn.weights");
    for (int64_t h = 0; h < scores.dim(0); ++h) {
        Mat unscaled = scores.slice(h);
        softmax_rows(unscaled);
        for (Eigen::Index i = 0; i < unscaled.rows(); ++i)
            EXPECT_GT(unscaled.row(i).maxCoeff(), weights.slice(h).row(i).maxCoeff() + 0.01f) << "head " << h << ", row " << i;
    }
}

// Lesson 1's worked example: the three 4-feature inputs and integer weights many tutorials
// use, with the numbers the lesson quotes, by hand.
TEST(LessonClaims, ThreeTokenWorkedExampleByHand) {
    const Session s = load_session(std::string(ATTN_RESOURCES) + "/presets/three-tokens.json");
    const Model model = build_model(s, base_weights(s));
    const Trace trace = run_forward(model, build_inputs(model, s));
    auto row = [&](const std::string& stage, int r) {
        const Tensor& t = *trace.tensor(stage);
        const int64_t cols = t.shape.back();
        return std::vector<float>(t.data.begin() + r * cols, t.data.begin() + (r + 1) * cols);
    };
    using V = std::vector<float>;
    const std::string a = "encoder.layers.0.self_attn.";
    EXPECT_EQ(row(a + "q", 0), (V{1, 0, 2, 0}));  // x1 = [1, 0, 1, 0]: rows 1 and 3 of the article's W_Q
    EXPECT_EQ(row(a + "q", 1), (V{2, 2, 2, 0}));
    EXPECT_EQ(row(a + "q", 2), (V{2, 1, 3, 0}));
    EXPECT_EQ(row(a + "k", 1), (V{4, 4, 0, 0}));
    EXPECT_EQ(row(a + "v", 1), (V{2, 8, 0, 0}));
    EXPECT_EQ(row(a + "scores", 0), (V{2, 4, 4}));
    // Scaled by √d_k = √4 = 2 (the zero fourth feature pads the three outputs): softmax([1, 2, 2]).
    const V w = row(a + "weights", 0);
    EXPECT_NEAR(w[0], 0.1554, 1e-4);
    EXPECT_NEAR(w[1], 0.4223, 1e-4);
    EXPECT_NEAR(w[2], 0.4223, 1e-4);
    const V context = row(a + "context", 0);
    EXPECT_NEAR(context[0], 1.8446, 1e-4);
    EXPECT_NEAR(context[1], 6.2232, 1e-4);
    EXPECT_NEAR(context[2], 1.7330, 1e-4);
    // The tutorial skips the scale: softmax([2, 4, 4]) = [0.0634, 0.4683, 0.4683], which it rounds to
    // [0, 0.5, 0.5]; its output [2, 7, 1.5] is then [1.94, 6.68, 1.60] unrounded.
    Mat unscaled = trace.tensor(a + "scores")->slice(0);
    softmax_rows(unscaled);
    EXPECT_NEAR(unscaled(0, 0), 0.0634, 1e-4);
    EXPECT_NEAR(unscaled(0, 1), 0.4683, 1e-4);
    const Mat values = trace.tensor(a + "v")->matrix();
    const RowVec out = unscaled.row(0) * values;
    EXPECT_NEAR(out(0), 1.937, 1e-3);
    EXPECT_NEAR(out(1), 6.683, 1e-3);
    EXPECT_NEAR(out(2), 1.595, 1e-3);
}

// Lesson 11: a sliding window w = 2 over 10 tokens attends 10·3 − 2 = 28 of the 100 pairs.
TEST(LessonClaims, WindowOfTwoOverTenTokensAttends28Pairs) {
    Config c;
    c.sliding_window = 2;
    const Model model = make_model(c);
    const Trace trace = run_forward(model, {sequence_from_text(model, "a b c d e f g h i j"), {}});
    const auto held = trace.tensor("encoder.layers.0.self_attn.mask");  // (T, S), 0 where attended, −∞ where hidden
    const Mat mask = held->rank() == 3 ? held->slice(0) : held->matrix();
    ASSERT_EQ(mask.rows(), 10);
    EXPECT_EQ((mask.array() == 0.0f).count(), 28);
}

// Lesson 8: GELU(−3) = −3·Φ(−3) = −0.00405, and GELU's minimum is about −0.17 near h = −0.75.
TEST(LessonClaims, GeluLetsSmallNegativesThrough) {
    Mat h(1, 3);
    h << -3.0f, -0.75f, -0.5f;
    apply_activation(Activation::Gelu, h);
    EXPECT_NEAR(h(0, 0), -0.00405, 1e-5);
    EXPECT_NEAR(h(0, 1), -0.170, 1e-3);
    EXPECT_GT(h(0, 2), h(0, 1));  // past the minimum
}

// Lessons 5 and 15: pe_base 10000 stretches the slowest of four pairs to a period of 2π·10000^(6/8) ≈ 6283
// positions; lesson 20: the sinusoidal table stays within [−1, 1] where article 004's code overflows
// (test_lesson_sources.cpp).
TEST(LessonClaims, SinusoidalPeriodsAndRange) {
    EXPECT_NEAR(2 * std::numbers::pi * std::pow(10000.0, 6.0 / 8.0), 6283.2, 0.1);
    const Mat pe = sinusoidal_encoding(101, 8, 10000.0);
    EXPECT_LE(pe.cwiseAbs().maxCoeff(), 1.0f);
    EXPECT_NEAR(pe(100, 0), std::sin(100.0), 1e-4);  // pair 0 turns by one radian a position
}

// Each built-in lesson parses and is complete in both languages.
TEST(Lesson, BuiltInLessonsParseAndHaveChineseEverywhere) {
    int count = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTN_RESOURCES) + "/lessons")) {
        if (entry.path().extension() != ".json") continue;
        ++count;
        SCOPED_TRACE(entry.path().filename().string());
        const Lesson l = parse_lesson(read_text_file(entry.path().string(), "lesson"));
        auto both = [](const LocalizedText& t, const std::string& what) {
            if (t.empty()) return;
            EXPECT_FALSE(t.in("en").empty()) << what;
            EXPECT_TRUE(t.by_language.count("zh_CN") && !t.by_language.at("zh_CN").empty()) << what << " has no zh_CN";
        };
        both(l.title, "title");
        both(l.summary, "summary");
        for (size_t i = 0; i < l.steps.size(); ++i) {
            both(l.steps[i].title, "step title " + std::to_string(i + 1));
            both(l.steps[i].text, "step text " + std::to_string(i + 1));
            if (l.steps[i].task) both(l.steps[i].task->instruction, "task " + std::to_string(i + 1));
            if (const auto& p = l.steps[i].predict) {
                both(p->question, "prediction " + std::to_string(i + 1));
                both(p->reveal, "reveal " + std::to_string(i + 1));
                for (const LocalizedText& option : p->options) both(option, "option of step " + std::to_string(i + 1));
            }
        }
        // A lesson about the model the user opened keeps it: its first step says how to get one.
        const bool about_opened_model = std::any_of(l.steps.begin(), l.steps.end(), [](const LessonStep& s) { return !s.model.empty(); });
        if (about_opened_model) EXPECT_FALSE(l.steps.front().sets_session()) << "a lesson on the opened model must not replace it";
        else EXPECT_TRUE(l.steps.front().sets_session()) << "the first step should set the state it explains";
    }
    EXPECT_GE(count, 9);
}

// The audit's pedagogy rules, for every built-in lesson: at most eight steps, no step text over 100
// words (code spans, such as a download command, are not prose), at least one prediction, and a
// number the learner is asked to predict is not already written in the step's text.
TEST(Lesson, BuiltInLessonsAreShortAndAskFirst) {
    auto words = [](std::string text) {
        text = std::regex_replace(text, std::regex("`[^`]*`"), " ");
        std::istringstream in(text);
        int n = 0;
        for (std::string w; in >> w;)
            n += std::any_of(w.begin(), w.end(), [](unsigned char c) { return std::isalnum(c) || c >= 0x80; });
        return n;
    };
    int lessons = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(ATTN_RESOURCES) + "/lessons")) {
        if (entry.path().extension() != ".json") continue;
        ++lessons;
        SCOPED_TRACE(entry.path().filename().string());
        const Lesson l = parse_lesson(read_text_file(entry.path().string(), "lesson"));
        EXPECT_LE(l.steps.size(), 8u);
        int predictions = 0;
        for (size_t i = 0; i < l.steps.size(); ++i) {
            const std::string text = l.steps[i].text.in("en");
            EXPECT_LE(words(text), 100) << "step " << i;
            const auto& p = l.steps[i].predict;
            if (!p) continue;
            ++predictions;
            if (p->value && (*p->value != std::floor(*p->value) || std::abs(*p->value) >= 10)) {
                char fixed[32];
                std::snprintf(fixed, sizeof fixed, *p->value == std::floor(*p->value) ? "%.0f" : "%.2f", *p->value);
                EXPECT_EQ(text.find(fixed), std::string::npos) << "step " << i << " gives its own answer " << fixed;
            }
        }
        EXPECT_GE(predictions, 1);
    }
    EXPECT_EQ(lessons, 20);
}

}  // namespace
}  // namespace attn
