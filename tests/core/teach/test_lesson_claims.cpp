// "You will see …": each such claim of a lesson, measured on the state the lesson sets (its preset
// and config), so the wording follows the measurement (issue 26, point 3).
#include "base/json_util.h"
#include "engine/forward.h"
#include "engine/softmax.h"
#include "engine/attention.h"
#include "engine/cost.h"
#include "engine/positional_encoding.h"
#include "engine/sequence.h"
#include "io/session.h"
#include "learn/trainer.h"
#include "teach/lesson.h"
#include "teach/logit_attribution.h"
#include "teach/logit_lens.h"
#include "teach/patching.h"
#include "teach/online_softmax.h"
#include "teach/stage_cost.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {
namespace {

Lesson lesson_named(const std::string& file) {
    return parse_lesson(read_text_file(std::string(ATTN_RESOURCES) + "/lessons/" + file, "lesson"));
}

// The session a lesson's step sets, starting from its first step.
Session session_at(const std::string& file, size_t step) {
    const Lesson l = lesson_named(file);
    Session s;
    for (size_t i = 0; i <= step; ++i) {
        if (!l.steps[i].preset.empty()) s = load_session(std::string(ATTN_RESOURCES) + "/presets/" + l.steps[i].preset + ".json");
        s = apply_step(s, l.steps[i]);
    }
    return s;
}

Trace trace_of(const Session& s) {
    const Model model = build_model(s, base_weights(s));
    return run_forward(model, build_inputs(model, s));
}

double stddev(const Tensor& t) {
    const Eigen::Map<const Eigen::ArrayXf> a(t.data.data(), static_cast<Eigen::Index>(t.data.size()));
    const double mean = a.cast<double>().mean();
    return std::sqrt((a.cast<double>() - mean).square().mean());
}

// The unscaled softmax of head h (the Mistakes view's "forgetting the scale"): each row's largest weight.
std::vector<float> unscaled_row_maxima(const Trace& trace, int64_t h) {
    const std::string a = "encoder.layers.0.self_attn.";
    Mat w = trace.tensor(a + "scores")->slice(h) + (*trace.tensor(a + "masked_scores")).slice(h) - (*trace.tensor(a + "scaled_scores")).slice(h);
    softmax_rows(w);
    std::vector<float> maxima;
    for (Eigen::Index i = 0; i < w.rows(); ++i) maxima.push_back(w.row(i).maxCoeff());
    return maxima;
}

// Lesson 1, "Try it: the same word twice": with the task's example "cat sat cat", the positions
// (as large as the embeddings at d_model 8) make the two "cat" columns of the scores differ, in
// every head, by a good part of the scores' spread, not "close but not equal".
TEST(LessonClaims, TheSameWordTwiceScoresDifferentlyByPosition) {
    Session s = session_at("01-dot-products.json", 5);
    s.src_text = "cat sat cat";
    const Trace trace = trace_of(s);
    const Tensor scores = *trace.tensor("encoder.layers.0.self_attn.scores");
    const Tensor embeddings = *trace.tensor("src.embeddings"), positions = *trace.tensor("src.positional");
    EXPECT_GT(positions.matrix().cwiseAbs().maxCoeff(), 0.5f * embeddings.matrix().cwiseAbs().maxCoeff());
    for (int64_t h = 0; h < scores.dim(0); ++h) {
        const ConstMatMap m = scores.slice(h);
        const float difference = (m.col(0) - m.col(2)).cwiseAbs().maxCoeff();
        Tensor head = Tensor::from_matrix(m);
        EXPECT_GT(difference, 0.3 * stddev(head)) << "head " << h;
    }
}

// Lesson 5: the app adds the positions to the embeddings as they are (the paper scales the
// embeddings by √d_model first).
TEST(LessonClaims, TheInputIsTheEmbeddingsPlusThePositionsUnscaled) {
    const Trace trace = trace_of(session_at("05-positions.json", 2));
    const Mat sum = trace.tensor("src.embeddings")->matrix() + trace.tensor("src.positional")->matrix();
    EXPECT_EQ(Mat(trace.tensor("src.input")->matrix()), sum);
}

// Lesson 7, "Try it: pre-norm": post-norm leaves each row of the layer's output with mean 0 and
// variance 1 (its last norm, γ 1 and β 0 in the classroom model); with norm_first this model adds
// no final norm, so its output rows are not normalised.
TEST(LessonClaims, PreNormLeavesTheClassroomModelsOutputUnnormalised) {
    Session s = session_at("07-whole-block.json", 4);
    auto worst = [](const Trace& trace) {
        const Mat out = trace.tensor("encoder.output")->matrix();
        double off = 0;
        for (Eigen::Index i = 0; i < out.rows(); ++i) {
            const double mean = out.row(i).mean();
            const double variance = (out.row(i).array() - static_cast<float>(mean)).square().mean();
            off = std::max({off, std::abs(mean), std::abs(variance - 1)});
        }
        return off;
    };
    s.config.norm_first = false;
    EXPECT_LT(worst(trace_of(s)), 1e-3);
    s.config.norm_first = true;  // the step's task
    const Trace pre = trace_of(s);
    EXPECT_EQ(pre.find("encoder.norm"), nullptr);
    EXPECT_GT(worst(pre), 0.2);
}

// Lesson 9 on the trained translation model: every target row of the head shown puts nearly all its
// weight on one source word, the one it is about to translate — 爱's row (which writes 猫) on
// "cats", 我's row (which writes 爱) on "love": the prediction's answer and its reveal.
TEST(LessonClaims, TheTrainedTranslationModelAlignsEachRowWithTheWordItWritesNext) {
    const Session s = session_at("09-cross-attention.json", 1);
    const Trace trace = trace_of(s);
    ASSERT_EQ(trace.src_tokens, (std::vector<std::string>{"I", "love", "cats"}));
    ASSERT_EQ(trace.tgt_tokens, (std::vector<std::string>{"<s>", "我", "爱", "猫"}));
    const ConstMatMap w = trace.tensor("decoder.layers.0.multihead_attn.weights")->slice(s.view.head);
    Eigen::Index column = 0;
    for (Eigen::Index i = 0; i < w.rows(); ++i) EXPECT_GT(w.row(i).maxCoeff(), 0.9f) << "row " << i;
    w.row(2).maxCoeff(&column);
    EXPECT_EQ(column, 2);  // 爱 -> cats
    EXPECT_NEAR(w(2, 2), 0.93, 0.01);
    w.row(1).maxCoeff(&column);
    EXPECT_EQ(column, 1);  // 我 -> love
    const Lesson l = lesson_named("09-cross-attention.json");
    EXPECT_EQ(l.steps[1].predict->correct, 2);
}

// Lesson 14, grouped-query attention on the Llama-like example: 2 K/V heads for 4 query heads, query
// head 3 reading K/V head 1; heads 0 and 1 sharing keys but not weights; the cache after 512 tokens
// 131 072 bytes (twice that with multi-head); with one K/V head, one K head and half the cache.
TEST(LessonClaims, GroupedQueryAttentionSharesKeysAndShrinksTheCache) {
    Session s = session_at("14-grouped-query.json", 2);
    const Trace trace = trace_of(s);
    const auto k_heads = trace.tensor("decoder.layers.0.self_attn.k_heads");
    EXPECT_EQ(k_heads->dim(0), 2);
    EXPECT_EQ(trace.tensor("decoder.layers.0.self_attn.q_heads")->dim(0), 4);
    EXPECT_EQ(trace.tensor("decoder.layers.0.self_attn.k_rotated")->shape, (std::vector<int64_t>{8, 16}));  // the step's K: 8 × 16
    EXPECT_EQ(trace.tensor("decoder.layers.0.self_attn.q_rotated")->shape, (std::vector<int64_t>{8, 32}));
    EXPECT_EQ(kv_head_of(3, 4, 2), 1);
    const Lesson l = lesson_named("14-grouped-query.json");
    EXPECT_EQ(l.steps[0].predict->correct, 1);
    const Tensor weights = *trace.tensor("decoder.layers.0.self_attn.weights");
    EXPECT_GT((weights.slice(0) - weights.slice(1)).cwiseAbs().maxCoeff(), 0.01f);
    EXPECT_EQ(s.config.max_len, 512);
    EXPECT_EQ(kv_cache_bytes(s.config, 512), 131072);
    EXPECT_DOUBLE_EQ(*l.steps[2].predict->value, 131072.0);
    Config multi_head = s.config;
    multi_head.num_kv_heads = 0;
    EXPECT_EQ(kv_cache_bytes(multi_head, 512), 2 * 131072);
    s.config.num_kv_heads = 1;  // the last step's task
    EXPECT_EQ(trace_of(s).tensor("decoder.layers.0.self_attn.k_rotated")->shape, (std::vector<int64_t>{8, 8}));
    EXPECT_EQ(kv_cache_bytes(s.config, 512), 131072 / 2);
}

// Lesson 15, RoPE in detail, on the Llama-like example (d_k 8, base 10 000, pairs in halves): row 0
// is not turned; θ = 1, 0.1, 0.01, 0.001; the other pairing changes q_rotated and not q; shifting every
// position keeps the scores; linear scaling by 4 turns position 4 000 as 1 000; NTK's base slows the
// slowest pair by exactly s; Llama 3.1's rule keeps 29 of 64 pairs, blends 6 and divides 29 by 8.
TEST(LessonClaims, RopeInDetail) {
    Session s = session_at("15-rope-in-detail.json", 0);
    ASSERT_EQ(s.config.rope_style, RopeStyle::Half);
    ASSERT_EQ(s.config.head_dim(), 8);
    const Trace half = trace_of(s);
    const std::string a = "decoder.layers.0.self_attn.";
    EXPECT_EQ(Mat(half.tensor(a + "q")->matrix().row(0)), Mat(half.tensor(a + "q_rotated")->matrix().row(0)));
    for (int i = 0; i < 4; ++i) EXPECT_NEAR(rope_frequency(i, 8, s.config.pe_base), std::pow(10.0, -i), 1e-12) << i;
    const Lesson l = lesson_named("15-rope-in-detail.json");
    EXPECT_NEAR(*l.steps[0].predict->value, rope_frequency(3, 8, s.config.pe_base), 1e-12);
    s.config.rope_style = RopeStyle::Interleaved;  // step 2's task
    const Trace interleaved = trace_of(s);
    EXPECT_EQ(Mat(interleaved.tensor(a + "q")->matrix()), Mat(half.tensor(a + "q")->matrix()));
    EXPECT_GT((interleaved.tensor(a + "q_rotated")->matrix() - half.tensor(a + "q_rotated")->matrix()).cwiseAbs().maxCoeff(), 0.01f);
    // Step 3: every position shifted by 100, the same scores (q·k of the rotated rows).
    const Mat q = half.tensor(a + "q")->matrix(), k = half.tensor(a + "k")->matrix();
    Mat q0 = q, k0 = k, q100 = q, k100 = k;
    apply_rope(q0, 4, 10000.0, 0, RopeStyle::Half), apply_rope(k0, 2, 10000.0, 0, RopeStyle::Half);
    apply_rope(q100, 4, 10000.0, 100, RopeStyle::Half), apply_rope(k100, 2, 10000.0, 100, RopeStyle::Half);
    EXPECT_LT(((q0.leftCols(8) * k0.leftCols(8).transpose()) - (q100.leftCols(8) * k100.leftCols(8).transpose())).cwiseAbs().maxCoeff(), 1e-4f);
    EXPECT_EQ(l.steps[2].predict->correct, 0);
    // Step 4: linear scaling by 4 turns position 4 000 by 1 000·θ_i; NTK's base slows the slowest pair by s.
    RopeScaling linear;
    linear.type = RopeScalingType::Linear;
    linear.factor = 4;
    for (int i = 0; i < 64; ++i) EXPECT_NEAR(4000 * rope_frequency(i, 128, 10000.0, linear), 1000 * rope_frequency(i, 128, 10000.0), 1e-9);
    EXPECT_DOUBLE_EQ(*l.steps[3].predict->value, 1000.0);
    const double ntk_base = 10000.0 * std::pow(4.0, 128.0 / 126.0);
    EXPECT_NEAR(rope_frequency(0, 128, ntk_base), 1.0, 1e-12);
    EXPECT_NEAR(rope_frequency(63, 128, 10000.0) / rope_frequency(63, 128, ntk_base), 4.0, 1e-9);
    // Step 5: Llama 3.1's rule.
    RopeScaling llama3;
    llama3.type = RopeScalingType::Llama3;
    llama3.factor = 8;
    llama3.low_freq_factor = 1;
    llama3.high_freq_factor = 4;
    llama3.original_max_position_embeddings = 8192;
    int kept = 0, blended = 0, divided = 0;
    for (int i = 0; i < 64; ++i) {
        const double ratio = rope_frequency(i, 128, 500000.0, llama3) / rope_frequency(i, 128, 500000.0);
        if (std::abs(ratio - 1) < 1e-12) ++kept;
        else if (std::abs(ratio - 0.125) < 1e-12) ++divided;
        else ++blended;
    }
    EXPECT_EQ(kept, 29);
    EXPECT_EQ(blended, 6);
    EXPECT_EQ(divided, 29);
}

// Lesson 2, "Try it: a big head": d_k 4 → 64 makes the raw scores spread about 2.5 times wider here
// (not √16 = 4: the classroom model's q and k features do not all have the same variance), the
// scaled scores keep their range, and in the Mistakes view every unscaled row of the head shown is
// sharper than the scaled one while only some saturate.
TEST(LessonClaims, ABigHeadSpreadsTheScoresAbout2Point5TimesAndSaturatesSomeRows) {
    Session s = session_at("02-scaling.json", 3);
    const Trace small = trace_of(s);
    ASSERT_EQ(s.config.head_dim(), 4);
    s.config.d_model = 128;  // the step's task
    const Trace big = trace_of(s);
    ASSERT_EQ(s.config.head_dim(), 64);
    const std::string a = "encoder.layers.0.self_attn.";
    const double raw = stddev(*big.tensor(a + "scores")) / stddev(*small.tensor(a + "scores"));
    EXPECT_GT(raw, 2.2);
    EXPECT_LT(raw, 2.9);
    const double scaled = stddev(*big.tensor(a + "scaled_scores")) / stddev(*small.tensor(a + "scaled_scores"));
    EXPECT_LT(scaled, 1.0);
    EXPECT_GT(scaled, 0.5);
    const std::vector<float> maxima = unscaled_row_maxima(big, s.view.head);
    const Tensor weights = *big.tensor(a + "weights");
    int saturated = 0;
    for (size_t i = 0; i < maxima.size(); ++i) {
        EXPECT_GT(maxima[i], weights.slice(s.view.head).row(static_cast<Eigen::Index>(i)).maxCoeff()) << "row " << i;
        saturated += maxima[i] > 0.99f;
    }
    EXPECT_GE(saturated, 1);
    EXPECT_LE(saturated, static_cast<int>(maxima.size()) / 2);
}

// Lesson 19, "Forgetting the scale" (causal, d_k 32): every row but the first is peakier without
// the scale, the first is 1 either way (the causal mask leaves it one key), and only some saturate.
TEST(LessonClaims, ForgettingTheScaleMakesRowsPeakierAndSomeSaturate) {
    const Session s = session_at("19-mistakes.json", 0);
    ASSERT_TRUE(s.config.causal);
    const Trace trace = trace_of(s);
    const std::vector<float> maxima = unscaled_row_maxima(trace, s.view.head);
    const Tensor weights = *trace.tensor("encoder.layers.0.self_attn.weights");
    EXPECT_FLOAT_EQ(maxima[0], 1.0f);
    EXPECT_FLOAT_EQ(weights.slice(s.view.head)(0, 0), 1.0f);
    int saturated = 0;
    for (size_t i = 1; i < maxima.size(); ++i) {
        EXPECT_GT(maxima[i], weights.slice(s.view.head).row(static_cast<Eigen::Index>(i)).maxCoeff()) << "row " << i;
        saturated += maxima[i] > 0.99f;
    }
    EXPECT_LE(saturated, static_cast<int>(maxima.size() - 1) / 2);
}

// Lesson 11: with the Cost view's own counter (which also counts the element-wise scale, mask and
// softmax stages), the n² stages of the classroom model (d = 8, d_ff = 32) pass the four
// projections at n = 12 and the whole layer at n = 38 or 39; the matrix products alone cross at
// n = 2d = 16 and 6d = 48.
TEST(LessonClaims, TheCostViewsCounterCrossesAt12And39) {
    const Session s = session_at("11-cost.json", 1);
    ASSERT_EQ(s.config.d_model, 8);
    ASSERT_EQ(s.config.dim_feedforward, 32);
    const Model model = build_model(s, base_weights(s));
    int products_attention = 0, products_layer = 0, counter_attention = 0, counter_layer = 0;
    for (int n = 1; n <= 64; ++n) {
        std::string text;
        for (int i = 0; i < n; ++i) text += "w" + std::to_string(i) + " ";
        const Trace trace = run_forward(model, {sequence_from_text(model, text), {}});
        int64_t quadratic_products = 0, quadratic = 0, projections = 0, feed_forward = 0, rest = 0;
        const auto token = [](Axis a) { return a == Axis::SrcToken || a == Axis::TgtToken; };
        for (const StageCost& c : stage_costs(trace, model.config)) {
            const Stage& stage = *trace.find(c.stage);
            const size_t r = stage.axes.size();
            const bool n_squared = r >= 2 && token(stage.axes[r - 2]) && token(stage.axes[r - 1]);  // (…, T, S)
            if (stage.kind == StageKind::Scores || stage.kind == StageKind::ContextHeads) quadratic_products += c.multiply_adds;
            if (n_squared || stage.kind == StageKind::ContextHeads) quadratic += c.multiply_adds;
            else rest += c.multiply_adds;
            if (stage.kind == StageKind::Query || stage.kind == StageKind::Key || stage.kind == StageKind::Value ||
                stage.kind == StageKind::AttentionOutput)
                projections += c.multiply_adds;
            if (stage.kind == StageKind::FfnHidden || stage.kind == StageKind::FfnOutput) feed_forward += c.multiply_adds;
        }
        const int64_t products_rest = projections + feed_forward;
        if (!products_attention && quadratic_products >= projections) products_attention = n;
        if (!products_layer && quadratic_products >= products_rest) products_layer = n;
        if (!counter_attention && quadratic >= projections) counter_attention = n;
        if (!counter_layer && quadratic >= rest) counter_layer = n;
    }
    EXPECT_EQ(products_attention, 16);
    EXPECT_EQ(products_layer, 48);
    EXPECT_EQ(counter_attention, 12);
    EXPECT_GE(counter_layer, 38);
    EXPECT_LE(counter_layer, 39);
}

// Lesson 10, "Watch the pattern form", on the default run (seed 0, AdamW, lr 0.003, batch 32): the
// loss falls from the first steps (no plateau); the anti-diagonal takes most of head 0's weight on
// a held-out example before the exact-sequence accuracy moves, which reaches 100 % some twenty steps
// later; the whole change takes about 50 steps.
TEST(LessonClaims, ReversalsAntiDiagonalFormsBeforeTheAccuracyMoves) {
    const auto task = make_task("reverse");
    const TrainOptions options = default_train_options(*task);
    Trainer trainer(*task, make_model(task->defaults().config), options);
    const std::string probe = task->held_out().front().src_text;
    auto anti_diagonal = [&] {
        const Model& model = trainer.model();
        const Trace trace = run_forward(model, {sequence_from_text(model, probe), {}});
        const ConstMatMap w = trace.tensor(task->probe_stage())->slice(0);
        double sum = 0;
        for (Eigen::Index i = 0; i < w.rows(); ++i) sum += w(i, w.rows() - 1 - i);
        return sum / static_cast<double>(w.rows());
    };
    std::vector<double> losses;
    int formed_before_accuracy = 0, learned = 0;
    while (trainer.steps_done() < 80) {
        losses.push_back(trainer.step().loss);
        if (trainer.steps_done() % 10 != 0) continue;
        const double accuracy = trainer.accuracy();
        if (!formed_before_accuracy && anti_diagonal() > 0.5 && accuracy < 0.1) formed_before_accuracy = trainer.steps_done();
        if (!learned && accuracy > 0.95) learned = trainer.steps_done();
    }
    const double first = (losses[0] + losses[1] + losses[2]) / 3, at_20 = (losses[18] + losses[19] + losses[20]) / 3;
    EXPECT_LT(at_20, first - 0.4) << "the loss falls from the start";
    EXPECT_GT(formed_before_accuracy, 0) << "the anti-diagonal forms while the accuracy is still below 10 %";
    EXPECT_GT(learned, formed_before_accuracy);
    EXPECT_LE(learned - formed_before_accuracy, 30) << "some twenty steps from the pattern to the accuracy";
    EXPECT_LE(learned, 70) << "about 50 steps in all";
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// Lesson 16 on the Shakespeare model: the last row of layer 0 head 0, four keys a tile. The max
// rises in the last tile to the previous character's score (99 % of the row), so the rescale shown
// there is small; o / ℓ ends at the trace's context within 10⁻⁶; one tile as long as the row is
// never rescaled; a row of GPT-2 small keeps 2 + 64 floats.
TEST(LessonClaims, TheOnlineSoftmaxRowRisesInItsLastTileAndEndsAtTheContext) {
    const Session s = session_at("16-flash-attention.json", 0);
    const Trace trace = trace_of(s);
    const std::string block = "decoder.layers.0.self_attn";
    const int64_t T = trace.find(block + ".weights")->dim(1);
    EXPECT_EQ(T, 22);  // "the cat sat on the mat", a character a token: step 3's "22, the whole row"
    const OnlineSoftmaxRow r = online_softmax_row(trace, block, s.view.head, T - 1, 4);
    ASSERT_EQ(r.online.tiles.size(), 6u);
    const auto& last = r.online.tiles.back();
    EXPECT_GT(last.max, last.max_before);
    EXPECT_LT(last.rescale, 0.05f);
    EXPECT_GT(r.full_weights[static_cast<size_t>(T - 2)], 0.985f);  // "99 % there"
    EXPECT_LE(r.max_difference, 1e-6f);
    for (int64_t tile = 1; tile <= T; ++tile) EXPECT_LE(online_softmax_row(trace, block, s.view.head, T - 1, tile).max_difference, 1e-6f);
    const OnlineSoftmaxRow whole = online_softmax_row(trace, block, s.view.head, T - 1, T);
    ASSERT_EQ(whole.online.tiles.size(), 1u);
    EXPECT_EQ(whole.online.tiles[0].rescale, 0.0f);  // nothing carried over: never rescaled
    EXPECT_EQ(online_softmax(std::vector<float>(1024, 0.0f), Mat::Zero(1024, 64), 128).floats_kept, 66);
}

// Lesson 17: window 3 on the Llama-like model (2 layers): the last output (decoder.output) depends on the token 4
// places back, not on the one 5 back; with one sink the last row sees 4 keys; with "Global every" 2
// layer 1's mask is the causal one and layer 0's keeps the window and the sink.
TEST(LessonClaims, AWindowOf3Over2LayersReaches4BackAndASinkAddsAKey) {
    Session s = session_at("17-sinks-and-windows.json", 0);
    ASSERT_EQ(s.config.sliding_window, 3);
    ASSERT_EQ(s.config.num_decoder_layers, 2);
    const Model model = build_model(s, base_weights(s));
    const Inputs in = build_inputs(model, s);
    const auto T = static_cast<int64_t>(in.src.tokens.size());
    const Mat logits = run_forward(model, in).tensor("decoder.output")->matrix();
    const auto last_row_with_changed = [&](int64_t back) -> RowVec {  // a copy: the trace ends with the call
        Inputs changed = in;
        changed.src.embeddings.row(T - 1 - back).array() += 1.0f;
        return run_forward(model, changed).tensor("decoder.output")->matrix().row(T - 1);
    };
    EXPECT_GT((last_row_with_changed(4) - logits.row(T - 1)).cwiseAbs().maxCoeff(), 1e-4f);
    EXPECT_EQ(last_row_with_changed(5), logits.row(T - 1));
    const auto visible = [](const Mat& mask, int64_t row) { return (mask.row(row).array() == 0.0f).count(); };
    EXPECT_EQ(visible(trace_of(s).tensor("decoder.layers.0.self_attn.mask")->matrix(), T - 1), 3);
    s.config.sink_tokens = 1;
    EXPECT_EQ(visible(trace_of(s).tensor("decoder.layers.0.self_attn.mask")->matrix(), T - 1), 4);
    s.config.sliding_window_pattern = 2;
    const Trace both = trace_of(s);
    const Mat layer1 = both.tensor("decoder.layers.1.self_attn.mask")->matrix();
    for (int64_t i = 0; i < T; ++i) EXPECT_EQ(visible(layer1, i), i + 1) << "row " << i;
    EXPECT_EQ(visible(both.tensor("decoder.layers.0.self_attn.mask")->matrix(), T - 1), 4);
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// Lesson 13's caveat (issue 26, point 12): on the lesson's text, layer 3 head 0 gives the first
// character about a quarter (24 %) of its weight, but the value it reads there is 1.5 long against
// 4.5 for the others, so weight × length gives it 16 %.
TEST(LessonClaims, Lesson13sSinkLikeHeadReadsASmallValue) {
    const Session s = session_at("13-trained-here.json", 1);
    ASSERT_EQ(s.view.head, 0);
    const Trace trace = trace_of(s);
    const Mat w = trace.tensor("decoder.layers.3.self_attn.weights")->slice(0);
    const Mat v = trace.tensor("decoder.layers.3.self_attn.v_heads")->slice(0);
    const Eigen::Index T = w.rows();
    EXPECT_NEAR(w.col(0).mean(), 0.24, 0.005);
    double others = 0;
    for (Eigen::Index j = 1; j < T; ++j) others += v.row(j).norm();
    EXPECT_NEAR(v.row(0).norm(), 1.5, 0.05);
    EXPECT_NEAR(others / static_cast<double>(T - 1), 4.5, 0.05);
    double share = 0;  // token 0's part of Σ_j α_ij·|v_j|, averaged over the rows
    for (Eigen::Index i = 0; i < T; ++i) {
        double total = 0;
        for (Eigen::Index j = 0; j <= i; ++j) total += w(i, j) * v.row(j).norm();
        share += w(i, 0) * v.row(0).norm() / total;
    }
    EXPECT_NEAR(share / static_cast<double>(T), 0.16, 0.005);
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

const float kHidden = -std::numeric_limits<float>::infinity();

// Lesson 3's screens: every row sums to 1; causal leaves the first query only itself (weight 1);
// the padding mask hides the [PAD] columns whole; window 1 keeps only the diagonal (weight 1); a
// row with every key hidden is zeros with a warning; the context stays within the values' range.
TEST(LessonClaims, Lesson3sMasksDoWhatItsStepsSay) {
    const std::string a = "encoder.layers.0.self_attn.";
    const Trace causal = trace_of(session_at("03-softmax-masks.json", 2));
    const Tensor w = *causal.tensor(a + "weights");
    for (int64_t h = 0; h < w.dim(0); ++h) {
        EXPECT_FLOAT_EQ(w.slice(h)(0, 0), 1.0f) << "\"the first token can only look at itself\"";
        for (Eigen::Index i = 0; i < w.slice(h).rows(); ++i) EXPECT_NEAR(w.slice(h).row(i).sum(), 1.0f, 1e-6f);
    }
    const Trace padded = trace_of(session_at("03-softmax-masks.json", 3));
    const Mat pad_mask = padded.tensor(a + "mask")->matrix();
    ASSERT_EQ(padded.src_tokens.size(), 5u);
    for (Eigen::Index j = 0; j < 5; ++j)
        for (Eigen::Index i = 0; i < 5; ++i) EXPECT_EQ(pad_mask(i, j) == kHidden, j >= 3) << i << "," << j;
    Session window = session_at("03-softmax-masks.json", 4);
    window.config.sliding_window = 1;  // the prediction's window of 1
    const Tensor diagonal = *trace_of(window).tensor(a + "weights");
    for (int64_t h = 0; h < diagonal.dim(0); ++h)
        EXPECT_TRUE(diagonal.slice(h).isApprox(Mat::Identity(6, 6))) << "head " << h;
    const Trace empty = trace_of(session_at("03-softmax-masks.json", 5));
    const Tensor none = *empty.tensor(a + "weights");  // (H, T, S)
    EXPECT_TRUE(std::all_of(none.data.begin(), none.data.end(), [](float v) { return v == 0.0f; })) << "a row of zeros";
    EXPECT_FALSE(empty.warnings.empty()) << "and the status bar says so";
    const Trace values = trace_of(session_at("03-softmax-masks.json", 6));
    const Tensor v = *values.tensor(a + "v_heads"), ctx = *values.tensor(a + "context_heads");
    for (int64_t h = 0; h < v.dim(0); ++h)
        for (Eigen::Index d = 0; d < v.slice(h).cols(); ++d) {
            EXPECT_LE(ctx.slice(h).col(d).maxCoeff(), v.slice(h).col(d).maxCoeff() + 1e-6f);
            EXPECT_GE(ctx.slice(h).col(d).minCoeff(), v.slice(h).col(d).minCoeff() - 1e-6f);
        }
}

// Lesson 4: Q is 6 × 8 and head 1 is its columns 4–7; in_proj_weight is 24 × 8 with 2 heads or 4.
TEST(LessonClaims, Lesson4sHeadsAreColumnBlocksAndCostNoParameters) {
    Session s = session_at("04-multi-head.json", 1);
    const Trace t = trace_of(s);
    const Mat q = t.tensor("encoder.layers.0.self_attn.q")->matrix();
    ASSERT_EQ(q.rows(), 6);
    ASSERT_EQ(q.cols(), 8);
    EXPECT_EQ(Mat(t.tensor("encoder.layers.0.self_attn.q_heads")->slice(1)), Mat(q.rightCols(4)));
    for (int heads : {2, 4}) {
        s.config.nhead = heads;
        EXPECT_EQ(base_weights(s).at("encoder.layers.0.self_attn.in_proj_weight").shape, (std::vector<int64_t>{24, 8}));
        EXPECT_EQ(base_weights(s).at("encoder.layers.0.self_attn.out_proj.weight").shape, (std::vector<int64_t>{8, 8}));
    }
}

// Lesson 6: RoPE keeps each row's length; ALiBi's slopes for 4 heads are 1/4 … 1/256; with
// pe_concat 4 the input's first 4 features are the token's and the last 4 the binary code.
TEST(LessonClaims, Lesson6sRotationsSlopesAndConcatenation) {
    const Trace rope = trace_of(session_at("06-position-in-attention.json", 0));
    const Mat q = rope.tensor("decoder.layers.0.self_attn.q")->matrix(), turned = rope.tensor("decoder.layers.0.self_attn.q_rotated")->matrix();
    for (Eigen::Index i = 0; i < q.rows(); ++i) EXPECT_NEAR(turned.row(i).norm(), q.row(i).norm(), 1e-5f * q.row(i).norm());
    EXPECT_GT((turned.bottomRows(1) - q.bottomRows(1)).cwiseAbs().maxCoeff(), 1e-3f);  // the directions do turn
    const Session alibi = session_at("06-position-in-attention.json", 1);
    ASSERT_EQ(alibi.config.nhead, 4);
    const std::vector<double> slopes = alibi_slopes(4);
    for (size_t h = 0; h < 4; ++h) EXPECT_DOUBLE_EQ(slopes[h], std::pow(4.0, -static_cast<double>(h + 1)));
    const Trace alibi_trace = trace_of(alibi);
    EXPECT_FLOAT_EQ(alibi_trace.tensor("decoder.layers.0.self_attn.alibi_bias")->slice(1)(3, 1), -2.0f / 16);
    const Trace concat = trace_of(session_at("06-position-in-attention.json", 3));
    const Mat input = concat.tensor("src.input")->matrix(), tokens = concat.tensor("src.embeddings")->matrix();
    ASSERT_EQ(input.cols(), 8);
    EXPECT_EQ(Mat(input.leftCols(4)), Mat(tokens.leftCols(4)));
    EXPECT_EQ(Mat(input.rightCols(4)), Mat(concat.tensor("src.positional")->matrix()));
}

// Lesson 8, the BERT-like example: d_model 32, 4 heads, 2 layers, d_ff 128, [CLS] … [SEP]; the
// residual is 9 × 32; norm1 gives each token mean 0 and variance 1 (γ 1, β 0 before training).
TEST(LessonClaims, Lesson8sBertBlockHasTheShapesAndNormsItStates) {
    const Session s = session_at("08-bert-block.json", 3);
    EXPECT_EQ(s.config.d_model, 32);
    EXPECT_EQ(s.config.nhead, 4);
    EXPECT_EQ(s.config.num_encoder_layers, 2);
    EXPECT_EQ(s.config.dim_feedforward, 128);
    const Trace t = trace_of(s);
    EXPECT_EQ(t.src_tokens.front(), "[CLS]");
    EXPECT_EQ(t.src_tokens.back(), "[SEP]");
    EXPECT_EQ(t.find("encoder.layers.0.residual1")->shape(), (std::vector<int64_t>{9, 32}));
    const Mat n = t.tensor("encoder.layers.0.norm1")->matrix();
    for (Eigen::Index i = 0; i < n.rows(); ++i) {
        EXPECT_NEAR(n.row(i).mean(), 0.0f, 1e-5f);
        EXPECT_NEAR((n.row(i).array() - n.row(i).mean()).square().mean(), 1.0f, 1e-3f);
    }
    EXPECT_EQ(t.find("encoder.layers.0.ffn.activation")->shape(), (std::vector<int64_t>{9, 128}));
}

// Lesson 18, "Ask the model why", on the Shakespeare model after "the cat … the c": the lens's
// guesses per layer, the direct terms, the ablations and the patch its steps quote.
TEST(LessonClaims, Lesson18FindsTheInductionHeadByAblationAndPatching) {
    const std::string file = "18-asking-why.json";
    const Session s = session_at(file, 0);
    const Model model = build_model(s, base_weights(s));
    const Trace trace = trace_of(s);
    const auto id = [&](const std::string& token) {
        return static_cast<int32_t>(std::find(model.config.vocab.begin(), model.config.vocab.end(), token) - model.config.vocab.begin());
    };
    const auto probability = [&](const Trace& t, const std::string& token) { return t.tensor("output.probs")->matrix()(35, id(token)); };
    // Step 1: "k" from the embeddings, "o" after layers 0–2 (22, 35, 39 %), "a" after layer 3 (74.4 %).
    const LogitLens lens = logit_lens(model, trace, 1, {35});
    const std::vector<std::pair<std::string, double>> guesses{{"k", 28.1}, {"o", 22.2}, {"o", 35.0}, {"o", 39.3}, {"a", 74.4}};
    ASSERT_EQ(lens.rows.size(), guesses.size());
    for (size_t r = 0; r < guesses.size(); ++r) {
        const Candidate& top = lens.rows[r].top[0][0];
        EXPECT_EQ(model.config.vocab[static_cast<size_t>(top.id)], guesses[r].first) << "row " << r;
        EXPECT_NEAR(100 * top.probability, guesses[r].second, 0.6) << "row " << r;
    }
    // Step 2: 0.0 +1.33 the largest direct term, then 3.0 +1.02 and 3.2 +0.84; the logit 6.63.
    const LogitAttribution a = attribute_logit(model, trace, 35, id("a"));
    Eigen::Index layer = 0, head = 0;
    a.heads.maxCoeff(&layer, &head);
    EXPECT_EQ(layer, 0);
    EXPECT_EQ(head, 0);
    EXPECT_NEAR(a.heads(0, 0), 1.33, 0.005);
    EXPECT_NEAR(a.heads(3, 0), 1.02, 0.005);
    EXPECT_NEAR(a.heads(3, 2), 0.84, 0.005);
    EXPECT_NEAR(a.logit, 6.63, 0.005);
    // Steps 3 and 4: without 3.2 "a" 33.5 % and "o" 34.8 % above it; without 0.0 "a" 14.6 %, "h" 57.4 %.
    Session without = s;
    without.knocked_out = {"3.2"};
    const Trace no_induction = trace_of(without);
    EXPECT_NEAR(100 * probability(no_induction, "a"), 33.5, 0.05);
    EXPECT_NEAR(100 * probability(no_induction, "o"), 34.8, 0.05);
    without.knocked_out = {"0.0"};
    const Trace no_previous = trace_of(without);
    EXPECT_NEAR(100 * probability(no_previous, "a"), 14.6, 0.05);
    EXPECT_NEAR(100 * probability(no_previous, "h"), 57.4, 0.05);
    EXPECT_LT(probability(no_previous, "a"), probability(no_induction, "a"));
    // Steps 5 and 6: after "the cot … the c", "o" 81.7 % and "a" 6.4 %; 3.2 from "the cat …" moves
    // "a" to 34.8 % and "o" to 44.2 %; 2.1 moves neither by a point.
    const Session cot = session_at(file, 5);
    const Inputs cot_inputs = build_inputs(model, cot);
    const Trace cot_trace = run_forward(model, cot_inputs);
    EXPECT_NEAR(100 * probability(cot_trace, "o"), 81.7, 0.05);
    EXPECT_NEAR(100 * probability(cot_trace, "a"), 6.4, 0.05);
    const auto moved = [&](int l, int h, const std::string& token) {
        for (const PatchedToken& t : patch_head(model, cot_inputs, cot_trace, trace, l, h).tokens)
            if (t.id == id(token)) return std::pair{100 * t.patched, 100 * t.target};
        return std::pair{-1.0, -1.0};
    };
    EXPECT_NEAR(moved(3, 2, "a").first, 34.8, 0.05);
    EXPECT_NEAR(moved(3, 2, "o").first, 44.2, 0.05);
    for (const char* token : {"a", "o"}) {
        const auto [patched, before] = moved(2, 1, token);
        EXPECT_LT(std::abs(patched - before), 1.0) << token;
    }
}

}  // namespace
}  // namespace attn
