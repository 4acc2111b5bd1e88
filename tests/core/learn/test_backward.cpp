// Every parameter's and input's gradient against central finite differences of
// the loss computed in double precision by the naive reference
// (reference_transformer.cpp, which shares no code with core/), on small random
// models of every architecture, norm placement, activation, positional
// encoding and mask, with padding and a fully masked row.
#include "io/session.h"
#include "learn/backward.h"
#include "learn/tasks.h"
#include "teach/explain.h"
#include "learn/loss.h"
#include "engine/forward.h"
#include "base/rng.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace attn {
namespace {

struct Case {
    const char* name;
    Architecture architecture;
    bool norm_first;
    Activation activation;
    PositionalEncoding positions;
    int sliding_window = 0;
    int block_size = 0;
    bool final_norms = false;
    bool tied_vocab = false;     // a vocab list, text input and tie_embeddings (else vocab_size and embeddings)
    bool causal = false;
    std::vector<bool> src_padding = {};
    int pe_concat = 0;
    RopeStyle rope_style = RopeStyle::Interleaved;
    // The modern parts (Llama, Qwen): RMSNorm, SwiGLU, grouped-query attention, QK-norm.
    NormKind norm = NormKind::LayerNorm;
    FeedForwardKind ffn = FeedForwardKind::Standard;
    int nhead = 2;
    int kv_heads = 0;
    bool qk_norm = false;
    int head_size = 0;          // d_k other than d_model / nhead (Qwen3's wider heads)
    bool attention_bias = true; // Llama's attention_bias false: no q, k, v, o biases
};

// log-softmax cross-entropy in double, mean over labels that are not −100.
double reference_loss(const ref::Matrix& logits, const std::vector<int64_t>& labels) {
    double loss = 0;
    int counted = 0;
    for (size_t t = 0; t < logits.size(); ++t) {
        if (labels[t] == kIgnoreLabel) continue;
        double max = -INFINITY, sum = 0;
        for (double v : logits[t]) max = std::max(max, v);
        for (double v : logits[t]) sum += std::exp(v - max);
        loss += std::log(sum) + max - logits[t][static_cast<size_t>(labels[t])];
        ++counted;
    }
    return loss / counted;
}

class BackwardVsFiniteDifferences : public ::testing::TestWithParam<Case> {
protected:
    void SetUp() override {
        const Case& k = GetParam();
        c.architecture = k.architecture;
        c.d_model = 8;
        c.nhead = 2;
        c.num_encoder_layers = 2;
        c.num_decoder_layers = 1;
        c.dim_feedforward = 12;
        c.norm_first = k.norm_first;
        c.activation = k.activation;
        c.positional_encoding = k.positions;
        c.sliding_window = k.sliding_window;
        c.block_size = k.block_size;
        c.causal = k.causal;
        c.pe_concat = k.pe_concat;
        c.rope_style = k.rope_style;
        c.norm = k.norm;
        c.ffn = k.ffn;
        c.nhead = k.nhead;
        c.num_kv_heads = k.kv_heads;
        c.qk_norm = k.qk_norm;
        c.head_size = k.head_size;
        c.qkv_bias = c.out_bias = k.attention_bias;
        c.max_len = 8;
        c.seed = 21;
        if (k.tied_vocab) {
            c.vocab = {"a", "b", "c", "d", "e", "[PAD]"};
            c.tie_embeddings = true;
        } else {
            c.vocab_size = 5;
        }
        weights = initial_state_dict(c);
        if (!k.final_norms)
            for (const char* n : {"encoder.norm.weight", "encoder.norm.bias", "decoder.norm.weight", "decoder.norm.bias"}) weights.erase(n);
        else if (!c.has_decoder() || !c.has_encoder())
            for (const char* part : {".norm.weight", ".norm.bias"})
                if (c.norm == NormKind::LayerNorm || std::string(part) == ".norm.weight")  // RMSNorm has no β
                    weights[std::string(c.has_encoder() ? "encoder" : "decoder") + part] = Tensor({c.d_model});
        // Non-trivial values everywhere (biases, norms), so every term of the chain rule is exercised.
        Rng rng(7, k.name);
        for (auto& [name, t] : weights)
            for (float& v : t.data) v += static_cast<float>(0.3 * rng.normal());
        src_len = 5;
        tgt_len = 4;
    }

    // The model's inputs: text through the vocab (tied case) or random embeddings.
    Inputs inputs(const Model& model) {
        const Case& k = GetParam();
        Inputs in;
        if (k.tied_vocab) {
            in.src = sequence_from_text(model, "a c [PAD] b e");
        } else {
            Rng rng(3, "src");
            Mat x(src_len, c.d_model);
            for (float& v : x.reshaped()) v = static_cast<float>(rng.normal());
            in.src = sequence_from_embeddings(model, x);
            if (!k.src_padding.empty()) in.src.padding = k.src_padding;
        }
        if (c.architecture == Architecture::EncoderDecoder) {
            Rng rng(4, "tgt");
            Mat y(tgt_len, c.d_model);
            for (float& v : y.reshaped()) v = static_cast<float>(rng.normal());
            in.tgt = sequence_from_embeddings(model, y);
        }
        return in;
    }

    // The loss of the same model through the double-precision reference.
    double loss_of(const StateDict& w, const ref::SequenceIn& src, const ref::SequenceIn& tgt) const {
        return reference_loss(ref::forward(c, w, src, tgt).matrices.at("output.logits"), labels);
    }

    ref::SequenceIn ref_sequence(const Sequence& seq, const StateDict& w) const {
        ref::SequenceIn out;
        for (int64_t i = 0; i < seq.embeddings.rows(); ++i) {
            std::vector<double> row(seq.embeddings.row(i).data(), seq.embeddings.row(i).data() + c.d_model);
            // Tokens of the vocab take their row of the (possibly perturbed) table.
            const auto v = std::find(c.vocab.begin(), c.vocab.end(), seq.tokens[static_cast<size_t>(i)]);
            if (v != c.vocab.end())
                for (int j = 0; j < c.d_model; ++j) row[j] = w.at("embedding.weight").data[(v - c.vocab.begin()) * c.d_model + j];
            out.embeddings.push_back(row);
        }
        out.padding = seq.padding;
        return out;
    }

    Config c;
    StateDict weights;
    int64_t src_len = 0, tgt_len = 0;
    std::vector<int64_t> labels;
};

::testing::AssertionResult close(double analytic, double numeric, const std::string& what) {
    const double tol = 4e-4 + 4e-3 * std::abs(numeric);
    if (std::abs(analytic - numeric) <= tol) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << what << ": backward " << analytic << ", finite differences " << numeric;
}

TEST_P(BackwardVsFiniteDifferences, EveryParameterAndInputGradient) {
    const Model model = make_model(c, weights);
    const Inputs in = inputs(model);
    const int64_t T = c.architecture == Architecture::EncoderDecoder ? tgt_len : src_len;
    labels.assign(static_cast<size_t>(T), 0);
    for (int64_t t = 0; t < T; ++t) labels[static_cast<size_t>(t)] = (3 * t + 1) % c.output_vocab();
    labels[1] = kIgnoreLabel;

    const Trace trace = run_forward(model, in);
    const LossResult loss = cross_entropy(trace.tensor("output.logits")->matrix(), labels);
    const Gradients g = backward(model, trace, "output.logits", Tensor::from_matrix(loss.dlogits));

    const ref::SequenceIn src = ref_sequence(in.src, weights);
    const ref::SequenceIn tgt = c.architecture == Architecture::EncoderDecoder ? ref_sequence(in.tgt, weights) : ref::SequenceIn{};
    EXPECT_NEAR(loss.loss, loss_of(weights, src, tgt), 1e-5);

    // Every parameter tensor; every element of small ones, a spread of elements of the rest.
    int checked = 0;
    for (const auto& [name, tensor] : weights) {
        ASSERT_TRUE(g.params.count(name)) << name;
        const int64_t n = tensor.numel();
        const int64_t stride = std::max<int64_t>(1, n / 24);
        for (int64_t k = 0; k < n; k += stride) {
            StateDict w = weights;
            const float original = w.at(name).data[k];
            const float up = original + 1e-3f, down = original - 1e-3f;
            w.at(name).data[k] = up;
            const double plus = loss_of(w, ref_sequence(in.src, w), c.architecture == Architecture::EncoderDecoder ? ref_sequence(in.tgt, w) : tgt);
            w.at(name).data[k] = down;
            const double minus = loss_of(w, ref_sequence(in.src, w), c.architecture == Architecture::EncoderDecoder ? ref_sequence(in.tgt, w) : tgt);
            const double numeric = (plus - minus) / (static_cast<double>(up) - static_cast<double>(down));
            EXPECT_TRUE(close(g.params.at(name).data[k], numeric, name + "[" + std::to_string(k) + "]"));
            ++checked;
        }
    }
    EXPECT_GT(checked, 200);

    // The inputs: dL/d(embeddings before positions), of both sequences.
    for (const char* which : {"src", "tgt"}) {
        const bool source = std::string(which) == "src";
        if (!source && c.architecture != Architecture::EncoderDecoder) continue;
        const Tensor& analytic = g.stages.at(std::string(which) + ".embeddings");
        for (int64_t i = 0; i < analytic.dim(0); ++i)
            for (int64_t j = 0; j < analytic.dim(1); ++j) {
                ref::SequenceIn s = source ? src : tgt;
                s.embeddings[i][j] += 1e-4;
                const double plus = source ? loss_of(weights, s, tgt) : loss_of(weights, src, s);
                s.embeddings[i][j] -= 2e-4;
                const double minus = source ? loss_of(weights, s, tgt) : loss_of(weights, src, s);
                EXPECT_TRUE(close(analytic.matrix()(i, j), (plus - minus) / 2e-4,
                                  std::string(which) + ".embeddings[" + std::to_string(i) + "," + std::to_string(j) + "]"));
            }
    }
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, BackwardVsFiniteDifferences,
    ::testing::Values(
        Case{"encoder_post_relu_sinusoidal_padding", Architecture::EncoderOnly, false, Activation::Relu,
             PositionalEncoding::Sinusoidal, 0, 0, false, false, false, {false, false, false, true, false}},
        Case{"encoder_pre_gelu_learned_window_tied", Architecture::EncoderOnly, true, Activation::Gelu, PositionalEncoding::Learned,
             2, 0, true, true},
        Case{"encoder_post_gelu_fully_masked_row", Architecture::EncoderOnly, false, Activation::Gelu, PositionalEncoding::None,
             1, 0, false, false, false, {false, false, true, false, false}},
        Case{"decoder_pre_gelu_rope_final_norm", Architecture::DecoderOnly, true, Activation::Gelu, PositionalEncoding::Rope, 0,
             0, true},
        Case{"decoder_post_relu_rope_halves_window", Architecture::DecoderOnly, false, Activation::Relu, PositionalEncoding::Rope,
             3, 0, false, false, false, {}, 0, RopeStyle::Half},
        Case{"decoder_post_relu_alibi_blocks", Architecture::DecoderOnly, false, Activation::Relu, PositionalEncoding::Alibi, 0, 2},
        Case{"translation_post_gelu_sinusoidal", Architecture::EncoderDecoder, false, Activation::Gelu,
             PositionalEncoding::Sinusoidal, 0, 0, true, false, false, {false, true, false, false, false}},
        Case{"translation_pre_relu_causal_encoder", Architecture::EncoderDecoder, true, Activation::Relu, PositionalEncoding::None,
             0, 0, false, false, true},
        Case{"encoder_post_relu_binary_concatenated_tied", Architecture::EncoderOnly, false, Activation::Relu,
             PositionalEncoding::Binary, 0, 0, false, true, false, {}, 4},
        Case{"translation_pre_gelu_sinusoidal_concatenated", Architecture::EncoderDecoder, true, Activation::Gelu,
             PositionalEncoding::Sinusoidal, 0, 0, false, false, false, {}, 2},
        Case{"decoder_pre_rmsnorm_swiglu_gqa_qknorm_rope_halves", Architecture::DecoderOnly, true, Activation::Relu,
             PositionalEncoding::Rope, 0, 0, true, false, false, {}, 0, RopeStyle::Half, NormKind::RmsNorm,
             FeedForwardKind::SwiGlu, 4, 2, true},
        Case{"translation_post_rmsnorm_mqa_qknorm_sinusoidal", Architecture::EncoderDecoder, false, Activation::Gelu,
             PositionalEncoding::Sinusoidal, 0, 0, true, false, false, {false, true, false, false, false}, 0,
             RopeStyle::Interleaved, NormKind::RmsNorm, FeedForwardKind::Standard, 2, 1, true},
        Case{"encoder_pre_swiglu_mqa_alibi_padding", Architecture::EncoderOnly, true, Activation::Relu, PositionalEncoding::Alibi,
             0, 0, false, false, false, {false, false, false, true, false}, 0, RopeStyle::Interleaved, NormKind::LayerNorm,
             FeedForwardKind::SwiGlu, 4, 1, false},
        Case{"decoder_pre_rmsnorm_wide_heads_qknorm_no_attention_bias", Architecture::DecoderOnly, true, Activation::Relu,
             PositionalEncoding::Rope, 0, 0, true, false, false, {}, 0, RopeStyle::Half, NormKind::RmsNorm,
             FeedForwardKind::SwiGlu, 2, 1, true, 6, false}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace attn

namespace attn {
namespace {

// The trained reversal, labelled by its task: gradient stages in backward order, and a
// gradient cell through the softmax explained with numbers that add up.
TEST(GradientStages, FollowTheForwardStagesBackwardsAndExplainTheSoftmax) {
    const Session s = load_session(std::string(ATTN_RESOURCES) + "/presets/trained-reverse.json");
    ASSERT_EQ(s.task, "reverse");
    const Model model = build_model(s, base_weights(s));
    Trace trace = run_forward(model, build_inputs(model, s));
    const size_t forward = trace.stages().size();
    const auto labels = make_task("reverse")->labels_for(s.src_text, s.tgt_text);
    ASSERT_TRUE(labels);
    add_loss_and_gradients(trace, model, *labels);
    EXPECT_LT(trace.loss, 0.01);  // a trained model: almost no loss left
    ASSERT_GT(trace.stages().size(), forward + 20);
    EXPECT_EQ(trace.stages()[forward].name, "grad.output.logits");
    EXPECT_EQ(trace.stages().back().name, "grad.src.embeddings");
    for (size_t i = forward; i < trace.stages().size(); ++i) {
        const Stage& g = trace.stages()[i];
        EXPECT_EQ(g.kind, StageKind::Gradient);
        EXPECT_EQ(g.shape(), trace.find(g.operands.at(0))->shape()) << g.name;
    }

    const std::string name = "grad.encoder.layers.0.self_attn.masked_scores";
    const Tensor& P = *trace.tensor("encoder.layers.0.self_attn.weights");
    const Tensor& gP = *trace.tensor("grad.encoder.layers.0.self_attn.weights");
    const int h = 1, i = 2, j = 4;
    double dot = 0;
    for (int k = 0; k < 8; ++k) dot += double(P.slice(h)(i, k)) * gP.slice(h)(i, k);
    const double expected = P.slice(h)(i, j) * (gP.slice(h)(i, j) - dot);
    EXPECT_NEAR(trace.tensor(name)->slice(h)(i, j), expected, 1e-6 + 1e-4 * std::abs(expected));
    const Explanation e = explain_cell(trace, model, name, h, i, j);
    std::string text;
    for (const auto& l : e.lines) text += l + "\n";
    EXPECT_NE(text.find("through the softmax"), std::string::npos) << text;
    EXPECT_NE(text.find(format_number(trace.tensor(name)->slice(h)(i, j))), std::string::npos) << text;

    const Explanation logit = explain_cell(trace, model, "grad.output.logits", 0, 0, (*labels)[0]);
    std::string logit_text;
    for (const auto& l : logit.lines) logit_text += l + "\n";
    EXPECT_NE(logit_text.find("− 1) / 8"), std::string::npos) << logit_text;  // the label's own logit, 8 scored positions
}

TEST(GradientStages, AnInputOutsideTheTaskHasNoLabels) {
    const auto task = make_task("reverse");
    EXPECT_FALSE(task->labels_for("the cat sat", ""));
    EXPECT_FALSE(task->labels_for("1 2 3", ""));
    EXPECT_TRUE(make_task("induction")->labels_for("a b c d e f g h a b c d e f g h", ""));
    EXPECT_FALSE(make_task("induction")->labels_for("a b c d e f g h a b c d e f g i", ""));
    EXPECT_TRUE(make_task("translation")->labels_for("I love cats", "<s> 我 爱 猫"));
    EXPECT_FALSE(make_task("translation")->labels_for("I love cats", "<s> 我 爱 狗"));
}

}  // namespace
}  // namespace attn
