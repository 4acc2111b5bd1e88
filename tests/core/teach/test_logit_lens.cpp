// The logit lens: its last row is the model's own prediction (output.probs) for every kind of
// model; its first row is the embeddings through the final norm and the head, computed here by hand.
#include "teach/logit_lens.h"
#include "engine/forward.h"
#include "hf/hf_model.h"
#include "io/builtin_models.h"
#include "io/safetensors.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace attn {
namespace {

const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

// The lens's last row against output.probs: the same top tokens with the same probabilities.
void expect_last_row_is_the_prediction(const Model& model, const Trace& trace) {
    const LogitLens lens = logit_lens(model, trace, 5);
    ASSERT_EQ(lens.rows.size(), static_cast<size_t>(model.config.has_decoder() ? model.config.decoder_layers() : model.config.encoder_layers()) + 1);
    EXPECT_EQ(lens.rows.front().layer, "embeddings");
    const Mat probs = trace.tensor("output.probs")->matrix();
    ASSERT_EQ(lens.positions.size(), static_cast<size_t>(probs.rows()));
    for (size_t p = 0; p < lens.positions.size(); ++p) {
        const auto& top = lens.rows.back().top[p];
        for (const Candidate& c : top) EXPECT_NEAR(c.probability, probs(static_cast<Eigen::Index>(p), c.id), 1e-5) << "position " << p;
        Eigen::Index best;
        probs.row(static_cast<Eigen::Index>(p)).maxCoeff(&best);
        EXPECT_EQ(top.front().id, best) << "position " << p;
    }
}

TEST(LogitLens, TheLastLayerIsTheModelsPrediction) {
    for (const char* folder : {"gpt2-tiny", "bert-tiny", "llama-tiny", "qwen3-tiny"}) {
        SCOPED_TRACE(folder);
        const Model model = open_hf_model(kData + folder);
        const Trace trace = run_forward(model, {sequence_from_ids(model, model.bind(), {5, 9, 12, 7, 3}), {}});
        expect_last_row_is_the_prediction(model, trace);
    }
    const Model shakespeare = make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare"));
    expect_last_row_is_the_prediction(shakespeare, run_forward(shakespeare, {sequence_from_text(shakespeare, "to be or not"), {}}));
    Config post = test::small_causal();  // post-norm, no final norm: the stream goes to the head as it is
    post.vocab = {"the", "cat", "sat", "on", "mat"};
    const Model classroom = make_model(post);
    expect_last_row_is_the_prediction(classroom, test::causal_trace(post));
}

// GPT-2's embeddings row: ln_f(wte[id] + wpe[p]) · wteᵀ, in double, by hand.
TEST(LogitLens, TheEmbeddingsRowIsTheInputThroughTheFinalNormAndTheHead) {
    const Model model = open_hf_model(kData + "gpt2-tiny");
    const Trace trace = run_forward(model, {sequence_from_ids(model, model.bind(), {5, 9, 12}), {}});
    const LogitLens lens = logit_lens(model, trace, 3, {2});
    ASSERT_EQ(lens.positions, (std::vector<int64_t>{2}));
    EXPECT_EQ(lens.rows.front().stage, "src.input");
    const ModelWeights w = model.bind();
    const Mat x = trace.tensor("src.input")->matrix();
    const int64_t D = x.cols();
    double mean = 0, var = 0;
    for (int64_t d = 0; d < D; ++d) mean += x(2, d);
    mean /= static_cast<double>(D);
    for (int64_t d = 0; d < D; ++d) var += (x(2, d) - mean) * (x(2, d) - mean);
    var /= static_cast<double>(D);
    std::vector<double> h(static_cast<size_t>(D));
    for (int64_t d = 0; d < D; ++d)
        h[static_cast<size_t>(d)] = (x(2, d) - mean) / std::sqrt(var + model.config.layer_norm_eps) * w.decoder.final_norm->weight.map()(d) +
                                    w.decoder.final_norm->bias.map()(d);
    const auto W = w.generator->weight.map();
    std::vector<double> logits(static_cast<size_t>(W.rows()));
    double top = -INFINITY, sum = 0;
    for (int64_t v = 0; v < W.rows(); ++v) {
        for (int64_t d = 0; d < D; ++d) logits[static_cast<size_t>(v)] += h[static_cast<size_t>(d)] * W(v, d);
        top = std::max(top, logits[static_cast<size_t>(v)]);
    }
    for (double l : logits) sum += std::exp(l - top);
    for (const Candidate& c : lens.rows.front().top[0])
        EXPECT_NEAR(c.probability, std::exp(logits[static_cast<size_t>(c.id)] - top) / sum, 1e-5) << c.id;
    EXPECT_EQ(lens.rows.front().top[0].size(), 3u);
}

TEST(LogitLens, RefusesWhatItCannotRead) {
    const Config c = test::small_causal();  // no vocab: no head
    EXPECT_THROW(logit_lens(make_model(c), test::causal_trace(c), 3), Error);
    const Model model = open_hf_model(kData + "gpt2-tiny");
    const Trace trace = run_forward(model, {sequence_from_ids(model, model.bind(), {5, 9}), {}});
    try {
        logit_lens(model, trace, 3, {2});
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "position 2 is outside the text's 2 tokens");
    }
}

}  // namespace
}  // namespace attn
