// Activation patching of one head from prompt A into prompt B: checked against the head's
// context copied by hand into a traced run of B and the softmax taken here in double; a head
// patched from its own prompt changes nothing; prompts of different lengths are refused.
#include "teach/patching.h"
#include "engine/interventions.h"
#include "io/builtin_models.h"
#include "io/safetensors.h"

#include <gtest/gtest.h>

#include <cmath>

namespace attn {
namespace {

Model shakespeare() { return make_model(load_model_config("builtin:shakespeare"), read_safetensors("builtin:shakespeare")); }

Inputs inputs_of(const Model& model, const std::string& text) { return {sequence_from_text(model, text), {}}; }

const PatchedToken& token_of(const PatchEffect& effect, const Model& model, const std::string& token) {
    const auto it = std::find(model.config.vocab.begin(), model.config.vocab.end(), token);
    for (const PatchedToken& t : effect.tokens)
        if (t.id == it - model.config.vocab.begin()) return t;
    throw std::runtime_error("token " + token + " is not in the effect");
}

// The reference: B's traced run with head 3.2's block of the context set to A's by hand, and
// the last row's softmax in double.
std::vector<double> patched_by_hand(const Model& model, const Trace& a, const std::string& b_text) {
    const int64_t Dk = model.config.head_dim();
    HeadIntervention patch;
    patch.stack = StackKind::Decoder, patch.layer = 3, patch.head = 2, patch.change = HeadChange::Patch;
    const auto context = a.tensor("decoder.layers.3.self_attn.context");
    patch.values = std::make_shared<const Mat>(context->matrix().middleCols(2 * Dk, Dk));
    Inputs b = inputs_of(model, b_text);
    b.interventions = {patch};
    const Trace patched = run_forward(model, b);
    const auto logits = patched.tensor("output.logits");
    const auto last = logits->matrix().bottomRows(1);
    double max = last.maxCoeff(), sum = 0;
    std::vector<double> p(static_cast<size_t>(last.cols()));
    for (Eigen::Index i = 0; i < last.cols(); ++i) sum += (p[static_cast<size_t>(i)] = std::exp(double(last(0, i)) - max));
    for (double& x : p) x /= sum;
    return p;
}

const std::string kCat = "the cat sat on the mat because the c";
const std::string kCot = "the cot sat on the mat because the c";

TEST(Patching, MatchesTheHeadsContextCopiedByHand) {
    const Model model = shakespeare();
    const Trace a = run_forward(model, inputs_of(model, kCat));
    const Inputs b_inputs = inputs_of(model, kCot);
    const Trace b = run_forward(model, b_inputs);
    const PatchEffect effect = patch_head(model, b_inputs, b, a, 3, 2);
    EXPECT_EQ(effect.position, 35);
    const std::vector<double> reference = patched_by_hand(model, a, kCot);
    const auto probs_b = b.tensor("output.probs"), probs_a = a.tensor("output.probs");
    ASSERT_GE(effect.tokens.size(), 5u);
    for (const PatchedToken& t : effect.tokens) {
        EXPECT_NEAR(t.patched, reference[static_cast<size_t>(t.id)], 1e-6) << model.config.vocab[static_cast<size_t>(t.id)];
        EXPECT_NEAR(t.target, probs_b->matrix()(35, t.id), 1e-6);
        EXPECT_NEAR(t.source, probs_a->matrix()(35, t.id), 1e-6);
    }
    // The induction head carries A's answer: after "the cot … the c", 'o'; with head 3.2 from
    // "the cat … the c", 'a' rises and 'o' falls.
    const PatchedToken& a_token = token_of(effect, model, "a");
    const PatchedToken& o_token = token_of(effect, model, "o");
    EXPECT_GT(o_token.target, a_token.target);
    EXPECT_GT(a_token.patched, a_token.target + 0.1);
    EXPECT_LT(o_token.patched, o_token.target - 0.1);
    // The figures lesson 18 quotes: 'a' 6.4 % → 34.8 % (74.4 % on A), 'o' 81.7 % → 44.2 %.
    EXPECT_NEAR(a_token.target, 0.0636, 5e-4);
    EXPECT_NEAR(a_token.patched, 0.3477, 5e-4);
    EXPECT_NEAR(a_token.source, 0.7441, 5e-4);
    EXPECT_NEAR(o_token.target, 0.8173, 5e-4);
    EXPECT_NEAR(o_token.patched, 0.4425, 5e-4);
}

TEST(Patching, AHeadFromItsOwnPromptChangesNothing) {
    const Model model = shakespeare();
    const Inputs in = inputs_of(model, kCat);
    const Trace a = run_forward(model, in);
    for (const PatchedToken& t : patch_head(model, in, a, a, 1, 3).tokens) EXPECT_NEAR(t.patched, t.target, 1e-6);
}

TEST(Patching, RefusesPromptsOfDifferentLengthsAndHeadsNotInTheModel) {
    const Model model = shakespeare();
    const Inputs in = inputs_of(model, kCat);
    const Trace a = run_forward(model, in);
    const Trace shorter = run_forward(model, inputs_of(model, "the cat"));
    try {
        patch_head(model, in, a, shorter, 3, 2);
        FAIL() << "patched from a shorter prompt";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the prompts must have as many tokens to patch a head: the pinned one has 7, this one 36");
    }
    EXPECT_THROW(patch_head(model, in, a, a, 4, 0), Error);
    EXPECT_THROW(patch_head(model, in, a, a, 0, 4), Error);
}

}  // namespace
}  // namespace attn
