// Direct logit attribution: the terms add up to the logit for every pre-norm family (LayerNorm,
// RMSNorm, no final norm, biases or none, cross-attention), one head's term is checked by hand,
// and a post-norm model is refused.
#include "teach/logit_attribution.h"
#include "engine/forward.h"
#include "hf/hf_model.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace attn {
namespace {

const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

float total(const LogitAttribution& a) {
    double sum = a.embeddings + a.constant + a.heads.sum() + a.cross_heads.sum();
    for (float b : a.attention_bias) sum += b;
    for (float f : a.feed_forward) sum += f;
    return static_cast<float>(sum);
}

void expect_terms_add_up(const Model& model, const Trace& trace) {
    const Mat logits = trace.tensor("output.logits")->matrix();
    for (int64_t p = 0; p < logits.rows(); ++p)
        for (int32_t t : {0, 3, static_cast<int32_t>(logits.cols() - 1)}) {
            const LogitAttribution a = attribute_logit(model, trace, p, t);
            EXPECT_FLOAT_EQ(a.logit, logits(p, t));
            EXPECT_NEAR(total(a), a.logit, 1e-4f * (1 + std::abs(a.logit))) << "position " << p << " token " << t;
        }
}

TEST(LogitAttribution, TheTermsAddUpToTheLogit) {
    for (const char* folder : {"gpt2-tiny", "llama-tiny", "qwen2-tiny", "qwen3-tiny"}) {
        SCOPED_TRACE(folder);
        const Model model = open_hf_model(kData + folder);
        expect_terms_add_up(model, run_forward(model, {sequence_from_ids(model, model.bind(), {5, 9, 12, 7}), {}}));
        // A big trace derives what it does not keep: the same terms.
        expect_terms_add_up(model, run_forward(model, {sequence_from_ids(model, model.bind(), {5, 9, 12, 7}), {}}, {.keep_everything_up_to = 0}));
    }
    Config pre = test::small_causal();  // the app's own pre-norm encoder-decoder: cross-attention heads too
    pre.architecture = Architecture::EncoderDecoder, pre.norm_first = true;
    pre.vocab = {"the", "cat", "sat", "on", "mat"};
    const Model translation = make_model(pre);
    const Trace t = run_forward(translation, {sequence_from_text(translation, "the cat sat"), sequence_from_text(translation, "on the mat")});
    expect_terms_add_up(translation, t);
    EXPECT_EQ(attribute_logit(translation, t, 1, 2).cross_heads.rows(), 1);
}

// Without a final norm the readout is linear: head h's term is Σ_d W_U[t, d] · Σ_k context[p, h·Dk + k] · W_O[d, h·Dk + k].
TEST(LogitAttribution, AHeadsTermIsItsOutputReadByTheUnembedding) {
    Config c = test::small_causal();
    c.architecture = Architecture::DecoderOnly, c.norm_first = true, c.num_decoder_layers = 2;
    c.vocab = {"the", "cat", "sat", "on", "mat"};
    const Model model = make_model(c);
    ASSERT_FALSE(model.bind().decoder.final_norm);
    const Trace trace = test::causal_trace(c);
    const LogitAttribution a = attribute_logit(model, trace, 4, 2);
    const Mat context = trace.tensor("decoder.layers.1.self_attn.context")->matrix();
    const auto wo = model.bind().decoder.layers[1].self_attn.out.weight.map();
    const auto wu = model.bind().generator->weight.map();
    double term = 0;
    for (int64_t d = 0; d < 8; ++d)
        for (int64_t k = 0; k < 4; ++k) term += static_cast<double>(wu(2, d)) * context(4, 4 + k) * wo(d, 4 + k);
    EXPECT_NEAR(a.heads(1, 1), term, 1e-5);
    expect_terms_add_up(model, trace);
}

TEST(LogitAttribution, RefusesWhatItCannotSplit) {
    Config post = test::small_causal();
    post.vocab = {"the", "cat", "sat", "on", "mat"};
    const Model model = make_model(post);
    try {
        attribute_logit(model, test::causal_trace(post), 0, 0);
        FAIL();
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("needs a pre-norm model (norm_first)"), std::string::npos);
    }
    const Model gpt2 = open_hf_model(kData + "gpt2-tiny");
    const Trace t = run_forward(gpt2, {sequence_from_ids(gpt2, gpt2.bind(), {5, 9}), {}});
    EXPECT_THROW(attribute_logit(gpt2, t, 2, 0), Error);
    EXPECT_THROW(attribute_logit(gpt2, t, 0, 1 << 20), Error);
}

}  // namespace
}  // namespace attn
