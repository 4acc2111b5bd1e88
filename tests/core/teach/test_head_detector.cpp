// The head detector (teach/head_detector.h): its scores by hand, and the heads the shipped models
// must have — an induction head in the induction model and in builtin:shakespeare, which also has a
// previous-token head.
#include "engine/forward.h"
#include "engine/sequence.h"
#include "io/builtin_models.h"
#include "io/safetensors.h"
#include "teach/explain.h"
#include "teach/head_detector.h"
#include "teach/lesson.h"
#include "base/json_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <set>

namespace {

using namespace attn;

Tensor weights(int64_t H, int64_t T, const std::vector<float>& values) {
    Tensor t({H, T, T});
    t.data.assign(values.begin(), values.end());
    return t;
}

TEST(HeadDetector, PreviousTokenScoreIsTheMeanWeightOnTheTokenBefore) {
    // Head 0 looks one back exactly; head 1 spreads evenly over what the causal mask lets it see.
    const Tensor w = weights(2, 3, {1, 0, 0, 1, 0, 0, 0, 1, 0,  //
                                    1, 0, 0, 0.5f, 0.5f, 0, 1 / 3.f, 1 / 3.f, 1 / 3.f});
    const auto scores = previous_token_scores(w);
    ASSERT_EQ(scores.size(), 2u);
    EXPECT_NEAR(scores[0], 1.0, 1e-7);
    EXPECT_NEAR(scores[1], (0.5 + 1 / 3.0) / 2, 1e-7);
}

TEST(HeadDetector, InductionScoreIsTheWeightOnTheTokenAfterTheEarlierOccurrence) {
    // "a b a b": query 2 (the second a) should read key 1 (b, after the first a); query 3 key 2.
    std::vector<float> v(16, 0.f);
    v[2 * 4 + 1] = 0.75f, v[2 * 4 + 0] = 0.25f;  // row 2
    v[3 * 4 + 2] = 0.5f, v[3 * 4 + 3] = 0.5f;    // row 3
    EXPECT_NEAR(induction_scores(weights(1, 4, v), 2).at(0), (0.75 + 0.5) / 2, 1e-7);
    EXPECT_TRUE(induction_scores(weights(1, 4, v), 3).empty());  // 2 × 3 does not fit in 4
}

TEST(HeadDetector, TheProbeRepeatsDistinctTokens) {
    const Model model = make_model(load_model_config("builtin:induction"), read_safetensors("builtin:induction"));
    const auto ids = repeated_random_ids(model, 0);
    ASSERT_EQ(ids.size(), 16u);  // max_len 16: two copies of 8
    EXPECT_TRUE(std::equal(ids.begin(), ids.begin() + 8, ids.begin() + 8));
    EXPECT_EQ(std::set<int32_t>(ids.begin(), ids.begin() + 8).size(), 8u);
    EXPECT_NE(repeated_random_ids(model, 1), ids);
}

// The best head of a kind, for the message that says which it is.
const HeadScores& best(const std::vector<HeadScores>& scores, double HeadScores::*score) {
    return *std::max_element(scores.begin(), scores.end(), [&](const auto& a, const auto& b) { return a.*score < b.*score; });
}

TEST(HeadDetector, TheInductionModelHasAnInductionHead) {
    const Model model = make_model(load_model_config("builtin:induction"), read_safetensors("builtin:induction"));
    const Trace trace = run_forward(model, {sequence_from_text(model, "c h a m e l c h a m e l c h a m"), {}});
    const auto scores = score_heads(model, trace);
    ASSERT_EQ(scores.size(), 4u);  // 2 layers × 2 heads
    const HeadScores& head = best(scores, &HeadScores::induction);
    EXPECT_GE(head.induction, kInductionThreshold) << "layer " << head.layer << " head " << head.head;
    EXPECT_EQ(head.layer, 1) << "an induction head needs a head before it that marks each token's predecessor";
    // Not a fixed offset: on periods other than the probe's 8 the head still reads the token after
    // the earlier occurrence.
    for (const std::string probe : {"a b c d e a b c d e", "p o n m l k j p o n m l k j"}) {
        const Trace t = run_forward(model, {sequence_from_text(model, probe), {}});
        const auto period = static_cast<int64_t>(t.src_tokens.size() / 2);
        const auto scores_of_period = induction_scores(*t.tensor(head.stage), period);
        EXPECT_GE(scores_of_period.at(static_cast<size_t>(head.head)), kInductionThreshold) << probe;
    }
    // The review's case: "a b c d e f g h" then "c d e f g h a b". The copied run continues (after the
    // second c comes d, …), where a model that looks 7 back would answer b, c, ….
    const Trace rotated = run_forward(model, {sequence_from_text(model, "a b c d e f g h c d e f g h a b"), {}});
    const Mat logits = rotated.tensor("output.logits")->matrix();
    for (int t = 8; t <= 12; ++t) {
        Eigen::Index best;
        logits.row(t).maxCoeff(&best);
        EXPECT_EQ(model.config.vocab.at(static_cast<size_t>(best)), std::string(1, static_cast<char>('d' + (t - 8))))
            << "after position " << t;
    }
}

TEST(HeadDetector, ShakespeareHasAnInductionHeadAndAPreviousTokenHead) {
    const Model model = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    const std::string text = "ROMEO:\nBut, soft! what light through yonder window breaks?";
    const Trace trace = run_forward(model, {sequence_from_text(model, text), {}});
    const auto scores = score_heads(model, trace);
    const HeadScores& induction = best(scores, &HeadScores::induction);
    const HeadScores& previous = best(scores, &HeadScores::previous_token);
    EXPECT_GE(induction.induction, 0.4) << "the best induction head: layer " << induction.layer << " head " << induction.head;
    EXPECT_GE(previous.previous_token, 0.6) << "the best previous-token head: layer " << previous.layer << " head " << previous.head;
    std::cout << "builtin:shakespeare: induction head " << induction.layer << "." << induction.head << " (" << induction.induction
              << "), previous-token head " << previous.layer << "." << previous.head << " (" << previous.previous_token << ")\n";
    EXPECT_LT(previous.layer, induction.layer) << "the previous-token head feeds the induction head";
}

}  // namespace

namespace {

using namespace attn;

// Lesson 10's claims about the Shakespeare model, measured as the lesson states them.
TEST(LessonClaims, ShakespearesPreviousTokenHeadAndInductionHeadAreWhereLesson10Says) {
    const Model model = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    const std::string text = "ROMEO:\nI love thee, Juliet.\nJULIET:\nI love thee, Romeo.";  // the step's text
    const Trace trace = run_forward(model, {sequence_from_text(model, text), {}});
    const auto scores = score_heads(model, trace);
    auto at = [&](int layer, int head) {
        return *std::find_if(scores.begin(), scores.end(), [&](const HeadScores& s) { return s.layer == layer && s.head == head; });
    };
    EXPECT_GE(at(0, 0).previous_token, 0.985);             // "99 % of each row on the character before"
    EXPECT_NEAR(at(3, 2).induction, 0.52, 0.005);          // "induction score 0.52"
    // "the second 'I love thee, ' lights the stripe": from each of its characters (after the first),
    // head 3.2 looks to the character after the same one in the first.
    const size_t first = text.find("I love thee"), second = text.rfind("I love thee");
    const auto w = trace.tensor("decoder.layers.3.self_attn.weights");
    double stripe = 0;
    const size_t n = std::string("I love thee, ").size();
    for (size_t k = 1; k < n; ++k) stripe += w->slice(2)(static_cast<Eigen::Index>(second + k), static_cast<Eigen::Index>(first + k + 1));
    EXPECT_GE(stripe / (n - 1), 0.3) << "mean weight on the stripe";
}

// Lesson 13's step on the Shakespeare model: its text, head and the numbers of its answer.
TEST(LessonClaims, Lesson13FindsGpt2sHeadsInTheShakespeareModel) {
    const Lesson lesson = parse_lesson(read_text_file(std::string(ATTN_RESOURCES) + "/lessons/13-trained-here.json", "lesson"));
    const auto step = std::find_if(lesson.steps.begin(), lesson.steps.end(), [](const LessonStep& s) { return s.preset == "trained-shakespeare"; });
    ASSERT_NE(step, lesson.steps.end());
    ASSERT_EQ(step->stage, "decoder.layers.3.self_attn.weights");
    ASSERT_EQ(step->head.value_or(-1), 2);
    const Model model = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    ASSERT_TRUE(step->src_text);
    const std::string text = *step->src_text;
    const Trace trace = run_forward(model, {sequence_from_text(model, text), {}});
    const auto scores = score_heads(model, trace);
    EXPECT_GE(scores[0].previous_token, 0.985) << "\"layer 0 head 0 (99 % on the character before)\"";
    EXPECT_GE(scores[0].previous_token, kPreviousTokenThreshold) << "marked prev";
    EXPECT_GE(scores[3 * 4 + 2].induction, kInductionThreshold) << "layer 3 head 2 marked induction";
    // The answer: from the second "c" the row's largest weight is on the "a" after the first (77 %),
    // and from the next "a" on the "t" after the first "a" (85 %).
    const Mat w = trace.tensor(step->stage)->slice(2);
    const auto first = static_cast<Eigen::Index>(text.find("cat")), second = static_cast<Eigen::Index>(text.rfind("cat"));
    for (const auto& [offset, percent] : {std::pair{0, 0.77}, std::pair{1, 0.85}}) {
        Eigen::Index where;
        const float weight = w.row(second + offset).maxCoeff(&where);
        EXPECT_EQ(where, first + offset + 1) << "row of the second cat's character " << offset;
        EXPECT_NEAR(weight, percent, 0.005) << "row of the second cat's character " << offset;
    }
}

// Lesson 10's 床前明月光 step: the Tang-poem model keeps the form.
TEST(LessonClaims, TheTangModelPutsACommaAfterFiveCharacters) {
    const Model model = make_model(load_model_config("builtin:tang-poems"), read_safetensors("builtin:tang-poems"));
    auto next = [&](const std::string& text) {
        const Trace trace = run_forward(model, {sequence_from_text(model, text), {}});
        const Mat probs = trace.tensor("output.probs")->matrix();
        Eigen::Index best;
        const float p = probs.row(probs.rows() - 1).maxCoeff(&best);
        return std::pair{model.config.vocab.at(static_cast<size_t>(best)), p};
    };
    const auto [comma, p] = next("床前明月光，疑是地上霜。\n举头望明月");
    EXPECT_EQ(comma, "，");
    EXPECT_GE(p, 0.9) << "\"a comma, with high probability\"";
    EXPECT_EQ(next("床前明月光，疑是地上霜。").first, "\n");  // a full stop ends the line
}

}  // namespace

namespace {

using namespace attn;

// Explain gives a head's scores beside the softmax of its cell.
TEST(HeadDetector, ExplainNamesTheHeadsScores) {
    const Model model = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    const Trace trace = run_forward(model, {sequence_from_text(model, "ROMEO:\nI love thee, Juliet."), {}});
    auto text_of = [&](int layer, int head) {
        std::string all;
        for (const auto& l : explain_cell(trace, model, "decoder.layers." + std::to_string(layer) + ".self_attn.weights", head, 5, 4).lines)
            all += l + "\n";
        return all;
    };
    const auto scores = score_heads(model, trace);
    char previous[32];
    std::snprintf(previous, sizeof previous, "%.4f", scores[0].previous_token);  // layer 0 head 0
    EXPECT_NE(text_of(0, 0).find("previous-token score"), std::string::npos) << text_of(0, 0);
    EXPECT_NE(text_of(0, 0).find(std::string(previous).substr(0, 4)), std::string::npos) << previous << "\n" << text_of(0, 0);
    EXPECT_NE(text_of(3, 2).find("induction score 0.5"), std::string::npos) << text_of(3, 2);
}

}  // namespace
