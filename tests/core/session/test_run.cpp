// Turning a session into a trace (session/run.h), as the app and the command line both do:
// problems filed by field, the same trace as building the model and running it by hand, base
// weights reused only when config and weights file are those they were made for.
#include "session/run.h"
#include "test_helpers.h"

#include "engine/forward.h"
#include "hf/hf_model.h"
#include "model/text_tokenizer.h"

#include <gtest/gtest.h>

#include <atomic>

namespace attn {
namespace {

RunLimits roomy() {
    RunLimits limits;
    limits.memory_bytes = int64_t{4} << 30;
    return limits;
}

const std::string* problem_of(const std::vector<SessionProblem>& problems, const std::string& field) {
    for (const auto& p : problems)
        if (p.field == field) return &p.message;
    return nullptr;
}

TEST(SessionRun, ProblemsAreFiledUnderTheFieldThatCausedThem) {
    Session s;
    s.config.nhead = 3;  // 8 features over 3 heads
    EXPECT_NE(problem_of(prepare_session(s, nullptr).problems, "d_model"), nullptr);  // "must be divisible by nhead"
    s = Session{};
    s.src_text = "   ";
    const PreparedSession empty = prepare_session(s, nullptr);
    ASSERT_NE(problem_of(empty.problems, kSourceTextField), nullptr);
    EXPECT_NE(problem_of(empty.problems, kSourceTextField)->find("type at least one word"), std::string::npos);
    EXPECT_EQ(run_session(s, empty, roomy()).trace, nullptr);
    s = Session{};
    s.model_folder = "/nowhere";
    EXPECT_NE(problem_of(prepare_session(s, nullptr).problems, kWeightsField), nullptr);  // not open
    s = Session{};
    s.weights_path = "/nowhere/model.safetensors";
    EXPECT_NE(problem_of(run_session(s, prepare_session(s, nullptr), roomy()).problems, kWeightsField), nullptr);
    RunLimits tight = roomy();
    tight.memory_bytes = 1000;
    const SessionRun refused = run_session(Session{}, prepare_session(Session{}, nullptr), tight);
    ASSERT_NE(problem_of(refused.problems, kSizeField), nullptr);
    EXPECT_NE(problem_of(refused.problems, kSizeField)->find("GB of memory"), std::string::npos);
}

// A big trace derives stages from the model's weights when asked: it holds the model, so the
// stage still computes after everything else let the model go (under ASan, a use after free if not).
TEST(SessionRun, ABigTraceHoldsTheModelItDerivesFrom) {
    Session s;
    s.config.d_model = 64, s.config.nhead = 4, s.config.num_encoder_layers = 2, s.config.max_len = 1024;
    for (int i = 0; i < 700; ++i) s.src_text += std::to_string(i % 10) + " ";
    SessionRun r = run_session(s, prepare_session(s, nullptr), roomy());
    ASSERT_TRUE(r.problems.empty());
    const std::string derived = "encoder.layers.1.ffn.hidden";  // the feed-forward hidden layer, from W₁
    ASSERT_NE(r.trace->find(derived), nullptr);
    ASSERT_TRUE(r.trace->find(derived)->data->derived()) << "the trace is small enough to keep everything";
    const Model copy = *r.model;
    EXPECT_EQ(r.trace->weights_owner.get(), r.model.get());
    r.model.reset();
    r.base.reset();
    const Tensor first = *r.trace->tensor(derived);
    const Trace by_hand = run_forward(copy, build_inputs(copy, s));
    EXPECT_EQ(first, *by_hand.tensor(derived));
}

TEST(SessionRun, TheTraceIsTheModelRunByHandAndBaseWeightsAreReusedOnlyWhenTheyFit) {
    Session s;
    s.src_text = "the cat sat";
    const SessionRun r = run_session(s, prepare_session(s, nullptr), roomy());
    ASSERT_TRUE(r.problems.empty());
    const Model model = build_model(s, base_weights(s));
    const Trace by_hand = run_forward(model, build_inputs(model, s));
    ASSERT_EQ(r.trace->stages().size(), by_hand.stages().size());
    for (const auto& stage : by_hand.stages())
        EXPECT_EQ(r.trace->tensor(stage.name)->data, by_hand.tensor(stage.name)->data) << stage.name;

    RunLimits cached = roomy();
    cached.cached_base = r.base, cached.cached_config = s.config, cached.cached_weights_path = s.weights_path;
    EXPECT_EQ(run_session(s, prepare_session(s, nullptr), cached).base, r.base);  // the same weights, not rebuilt
    Session other = s;
    other.config.seed = 7;
    EXPECT_NE(run_session(other, prepare_session(other, nullptr), cached).base, r.base);
}

// A run whose cancel flag is set (by the app's GUI thread, when newer typing overtakes the run)
// stops at its next layer: no trace and no problem to show.
TEST(SessionRun, ACancelledRunComesBackCancelledWithNothingToShow) {
    Session s;
    RunLimits limits = roomy();
    auto cancel = std::make_shared<std::atomic<bool>>(true);
    limits.cancel = cancel;
    const SessionRun stopped = run_session(s, prepare_session(s, nullptr), limits);
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_EQ(stopped.trace, nullptr);
    EXPECT_TRUE(stopped.problems.empty());
    cancel->store(false);
    const SessionRun whole = run_session(s, prepare_session(s, nullptr), limits);
    EXPECT_FALSE(whole.cancelled);
    ASSERT_NE(whole.trace, nullptr);

    // The engine's own check: the pass reads the flag before each layer.
    const Model deep = [] {
        Config c = test::small_causal();
        c.num_encoder_layers = 24;
        return make_model(c);
    }();
    std::atomic<bool> raised{true};
    TraceOptions options;
    options.cancel = &raised;
    EXPECT_THROW(run_forward(deep, {sequence_from_text(deep, "the cat sat"), {}}, options), Cancelled);
    raised.store(false);
    EXPECT_NO_THROW(run_forward(deep, {sequence_from_text(deep, "the cat sat"), {}}, options));
}

TEST(SessionRun, AnOpenedModelRunsOnItsOwnIdsWithTheKvCacheStages) {
    auto model = std::make_shared<const Model>(open_hf_model(std::string(ATTN_TEST_DATA) + "/hf/gpt2-tiny"));
    Session s;
    s.config = model->config;
    s.model_folder = "gpt2-tiny";
    s.src_text = "hello world";
    const PreparedSession prepared = prepare_session(s, model);
    ASSERT_TRUE(prepared.problems.empty());
    EXPECT_EQ(prepared.ids, model->tokenizer->encode("hello world"));
    const SessionRun r = run_session(s, prepared, roomy());
    ASSERT_NE(r.trace, nullptr);
    EXPECT_EQ(r.model, model);
    EXPECT_EQ(r.trace->src_token_ids, prepared.ids);
    EXPECT_NE(r.trace->find("decoder.layers.0.self_attn.k_cache"), nullptr);
    EXPECT_FALSE(prepare_ids(model, {}).problems.empty());
}

// A decoder to knock heads out of: the opened GPT-2 fixture (2 layers; `model` is set to it) or the
// app's own model with `layers` layers.
Session decoder_session(bool imported, int layers, std::shared_ptr<const Model>& model) {
    Session s;
    if (imported) {
        model = std::make_shared<const Model>(open_hf_model(std::string(ATTN_TEST_DATA) + "/hf/gpt2-tiny"));
        s.config = model->config, s.model_folder = "gpt2-tiny", s.src_text = "hello world";
    } else {
        s.config.architecture = Architecture::DecoderOnly, s.config.num_decoder_layers = layers;
        s.config.vocab = {"the", "cat", "sat", "on", "mat"};
        s.src_text = "the cat sat on the mat";
    }
    return s;
}

// Knocked-out heads (issue 27, point 1): the trace is the model with those heads zeroed, the rows
// the predictions read are also kept as the model computes them untouched, and a head the model
// does not have is a problem filed under knocked_out.
TEST(SessionRun, KnockedOutHeadsChangeTheTraceAndKeepTheUntouchedPrediction) {
    for (const bool imported : {false, true}) {
        SCOPED_TRACE(imported ? "an opened model" : "the app's own model");
        std::shared_ptr<const Model> model;
        Session s = decoder_session(imported, 2, model);
        const SessionRun plain = run_session(s, prepare_session(s, model), roomy());
        s.knocked_out = {"1.0", "0.1"};
        const SessionRun knocked = run_session(s, prepare_session(s, model), roomy());
        ASSERT_NE(knocked.trace, nullptr);
        const Mat before = plain.trace->tensor("output.logits")->matrix(), after = knocked.trace->tensor("output.logits")->matrix();
        const int64_t last = before.rows() - 1;
        EXPECT_FALSE(after.row(last).isApprox(before.row(last), 1e-4f));
        ASSERT_EQ(knocked.trace->unablated_logits.count(last), 1u);
        const auto& untouched = knocked.trace->unablated_logits.at(last);
        EXPECT_TRUE(ConstRowVecMap(untouched.data(), before.cols()).isApprox(before.row(last), 1e-5f));
        EXPECT_TRUE(plain.trace->unablated_logits.empty());
        Inputs by_hand = build_inputs(*knocked.model, s);
        if (!imported) {
            EXPECT_EQ(by_hand.interventions.size(), 2u);
        }

        s.knocked_out = {"0.7"};
        const PreparedSession bad = prepare_session(s, model);
        ASSERT_NE(problem_of(bad.problems, kKnockedOutField), nullptr);
        EXPECT_NE(problem_of(bad.problems, kKnockedOutField)->find("head 0.7: the model has 2 heads a layer"), std::string::npos);
    }
}

// With the run of every head on at hand (the app's last run, RunLimits::heads_on), a knock-out
// reuses its model and its layers before the first knocked-out head, and reads the untouched rows
// from it: the same trace, stage for stage, and the same rows as the run without it.
TEST(SessionRun, AKnockOutReusesTheRunWithEveryHeadOn) {
    for (const bool imported : {false, true}) {
        SCOPED_TRACE(imported ? "an opened model" : "the app's own model");
        std::shared_ptr<const Model> model;
        Session s = decoder_session(imported, 3, model);
        const SessionRun every_head = run_session(s, prepare_session(s, model), roomy());
        s.knocked_out = {"1.1", "1.0"};  // layer 1 of 2 (GPT-2's) or 3 (the app's)
        RunLimits limits = roomy();
        limits.heads_on = every_head.trace, limits.heads_on_model = every_head.model;
        const SessionRun reused = run_session(s, prepare_session(s, model), limits);
        const SessionRun whole = run_session(s, prepare_session(s, model), roomy());
        ASSERT_TRUE(reused.trace && whole.trace);
        EXPECT_EQ(reused.model, every_head.model);
        ASSERT_EQ(reused.trace->stages().size(), whole.trace->stages().size());
        for (size_t i = 0; i < whole.trace->stages().size(); ++i)
            EXPECT_EQ(*reused.trace->stages()[i].tensor(), *whole.trace->stages()[i].tensor()) << whole.trace->stages()[i].name;
        EXPECT_EQ(reused.trace->find("decoder.layers.0.self_attn.weights")->data, every_head.trace->find("decoder.layers.0.self_attn.weights")->data);
        EXPECT_NE(reused.trace->find("decoder.layers.1.self_attn.weights")->data, every_head.trace->find("decoder.layers.1.self_attn.weights")->data);
        ASSERT_EQ(reused.trace->unablated_logits.size(), whole.trace->unablated_logits.size());
        for (const auto& [row, logits] : whole.trace->unablated_logits) {
            const auto& mine = reused.trace->unablated_logits.at(row);
            ASSERT_EQ(mine.size(), logits.size());
            EXPECT_TRUE(ConstRowVecMap(mine.data(), static_cast<Eigen::Index>(mine.size()))
                            .isApprox(ConstRowVecMap(logits.data(), static_cast<Eigen::Index>(logits.size())), 1e-6f));
        }
    }
}

}  // namespace
}  // namespace attn
