// The modern parts of the app's own model (issue 24, point 1): RMSNorm, SwiGLU, grouped-query
// attention and QK-norm, each against numbers worked by hand or an identity that must hold
// (a GQA model is the MHA model whose K/V heads are repeated, as modeling_llama's repeat_kv).
#include "engine/cost.h"
#include "engine/feed_forward.h"
#include "engine/forward.h"
#include "engine/layer_norm.h"
#include "engine/positional_encoding.h"
#include "model/checkpoint_torch.h"
#include "teach/attention_sinks.h"
#include "teach/explain.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

namespace attn {
namespace {

TEST(RmsNorm, DividesByTheRootMeanSquareThenScales) {
    Mat x(2, 2);
    x << 3, 4, 0, -2;
    RowVec gamma(2);
    gamma << 1, 0.5f;
    Mat out(2, 2);
    rms_norm(x, gamma, 0.0, out);
    const double r0 = std::sqrt((9.0 + 16.0) / 2);  // √12.5
    EXPECT_NEAR(out(0, 0), 3 / r0, 1e-6);
    EXPECT_NEAR(out(0, 1), 0.5 * 4 / r0, 1e-6);
    EXPECT_NEAR(out(1, 0), 0.0, 1e-7);              // no centring: 0 stays 0 (LayerNorm would move it)
    EXPECT_NEAR(out(1, 1), 0.5 * -2 / std::sqrt(2.0), 1e-6);
    rms_norm(x, gamma, 1e-2, out);
    EXPECT_NEAR(out(0, 0), 3 / std::sqrt(12.5 + 1e-2), 1e-6);  // ε inside the root
}

TEST(SwiGlu, TheGatesSiluTimesTheUpProjection) {
    Mat gate(1, 3), up(1, 3), out(1, 3);
    gate << 0, 2, -30;
    up << 5, 3, 7;
    swiglu(gate, up, out);
    EXPECT_FLOAT_EQ(out(0, 0), 0.0f);                                   // silu(0) = 0: nothing passes
    EXPECT_NEAR(out(0, 1), 2.0 / (1.0 + std::exp(-2.0)) * 3, 1e-6);    // 2·σ(2)·3 = 5.2848
    EXPECT_NEAR(out(0, 2), 0.0, 1e-9);                                  // a very negative gate closes
}

Config gqa_config(int kv_heads) {
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.d_model = 16, c.nhead = 4, c.num_kv_heads = kv_heads, c.num_decoder_layers = 2, c.dim_feedforward = 24;
    c.norm_first = true, c.norm = NormKind::RmsNorm, c.ffn = FeedForwardKind::SwiGlu;
    c.positional_encoding = PositionalEncoding::Rope, c.rope_style = RopeStyle::Half;
    c.vocab_size = 5, c.seed = 3;
    return c;
}

// The MHA weights that repeat each K/V head of `gqa` for every query head of its group.
StateDict repeated_kv(const Config& gqa, const StateDict& weights) {
    StateDict out = weights;
    const int64_t D = gqa.d_model, Dk = gqa.head_dim(), H = gqa.nhead, KV = gqa.kv_dim(), group = H / gqa.kv_heads();
    for (int l = 0; l < gqa.num_decoder_layers; ++l) {
        const std::string p = "decoder.layers." + std::to_string(l) + ".self_attn.in_proj_";
        const Tensor& w = weights.at(p + "weight");
        const Tensor& b = weights.at(p + "bias");
        Tensor W({3 * D, D}), B({3 * D});
        W.matrix().topRows(D) = w.matrix().topRows(D);
        B.data.assign(b.data.begin(), b.data.begin() + D);
        for (int part = 0; part < 2; ++part)  // K, then V
            for (int64_t h = 0; h < H; ++h) {
                const int64_t from = D + part * KV + h / group * Dk, to = D + part * D + h * Dk;
                W.matrix().middleRows(to, Dk) = w.matrix().middleRows(from, Dk);
                std::copy_n(b.data.begin() + from, Dk, B.data.begin() + to);
            }
        out[p + "weight"] = std::move(W);
        out[p + "bias"] = std::move(B);
    }
    return out;
}

TEST(GroupedQueryAttention, IsMultiHeadAttentionWithEachKvHeadRepeatedForItsGroup) {
    for (int kv : {1, 2}) {
        SCOPED_TRACE(kv);
        const Config gqa = gqa_config(kv);
        Config mha = gqa;
        mha.num_kv_heads = 0;
        const StateDict weights = initial_state_dict(gqa);
        EXPECT_EQ(weights.at("decoder.layers.0.self_attn.in_proj_weight").shape, (std::vector<int64_t>{16 + 2 * kv * 4, 16}));
        const Model grouped = make_model(gqa, weights), full = make_model(mha, repeated_kv(gqa, weights));
        Mat x(6, 16);
        x.setRandom();
        const Trace a = run_forward(grouped, {sequence_from_embeddings(grouped, x), {}});
        const Trace b = run_forward(full, {sequence_from_embeddings(full, x), {}});
        for (const char* stage : {"decoder.layers.0.self_attn.weights", "decoder.layers.1.self_attn.context", "output.logits"})
            EXPECT_TRUE(test::near(*a.tensor(stage), *b.tensor(stage), 1e-5)) << stage;
        EXPECT_EQ(a.find("decoder.layers.0.self_attn.k")->shape(), (std::vector<int64_t>{6, kv * 4}));       // (S, H_kv·d_k)
        EXPECT_EQ(a.find("decoder.layers.0.self_attn.v_heads")->shape(), (std::vector<int64_t>{kv, 6, 4}));  // (H_kv, S, d_k)
        EXPECT_EQ(a.find("decoder.layers.0.self_attn.weights")->shape(), (std::vector<int64_t>{4, 6, 6}));   // every query head
    }
}

TEST(QkNorm, NormalisesEachHeadOfQAndKBeforeRope) {
    Config c = gqa_config(2);
    c.qk_norm = true;
    const Model model = make_model(c);
    Mat x(5, 16);
    x.setRandom();
    const Trace t = run_forward(model, {sequence_from_embeddings(model, x), {}});
    const Stage* qn = t.find("decoder.layers.0.self_attn.q_norm");
    const Stage* kn = t.find("decoder.layers.0.self_attn.k_norm");
    ASSERT_NE(qn, nullptr);
    ASSERT_NE(kn, nullptr);
    EXPECT_EQ(qn->kind, StageKind::QueryNorm);
    EXPECT_EQ(kn->shape(), (std::vector<int64_t>{5, 8}));
    EXPECT_EQ(t.find("decoder.layers.0.self_attn.q_rotated")->operands, std::vector<std::string>{qn->name});  // RoPE reads the normed q
    // γ starts at 1: every head's 4 features of every token have mean square 1 (up to ε).
    const ConstMatMap q = qn->tensor()->matrix();
    for (int64_t i = 0; i < 5; ++i)
        for (int64_t h = 0; h < 4; ++h) EXPECT_NEAR(q.row(i).segment(h * 4, 4).squaredNorm() / 4, 1.0, 1e-4);
}

TEST(ModernStages, HaveTheirKindsAndExplainTheirCellsWithTheNumbers) {
    Config c = gqa_config(1);
    c.qk_norm = true;
    const Model model = make_model(c);
    Mat x(4, 16);
    x.setRandom();
    const Trace t = run_forward(model, {sequence_from_embeddings(model, x), {}});
    EXPECT_EQ(t.find("decoder.layers.0.norm1")->kind, StageKind::RmsNorm);
    EXPECT_EQ(t.find("decoder.layers.0.ffn.gate")->kind, StageKind::FfnGate);
    EXPECT_EQ(t.find("decoder.layers.0.ffn.activation")->operands,
              (std::vector<std::string>{"decoder.layers.0.ffn.gate", "decoder.layers.0.ffn.hidden"}));

    auto text = [](const Explanation& e) {
        std::string all;
        for (const auto& l : e.lines) all += l + "\n";
        return all;
    };
    // Query head 3 reads the one shared key head: its explanation says so and points at K's columns 0–3.
    const Explanation score = explain_cell(t, model, "decoder.layers.0.self_attn.scores", 3, 2, 1);
    EXPECT_NE(text(score).find("reads key head 0"), std::string::npos) << text(score);
    ASSERT_EQ(score.operands.size(), 2u);
    EXPECT_EQ(score.operands[1].cols, (std::vector<int64_t>{0, 1, 2, 3}));
    const Explanation norm = explain_cell(t, model, "decoder.layers.0.norm1", -1, 1, 5);
    EXPECT_NE(text(norm).find("mean(x²)"), std::string::npos) << text(norm);
    const Explanation act = explain_cell(t, model, "decoder.layers.0.ffn.activation", -1, 0, 2);
    EXPECT_NE(text(act).find("silu(g)"), std::string::npos) << text(act);
    EXPECT_EQ(act.operands.size(), 2u);
    // Every cell of every stage has an explanation whose operands exist and fit.
    for (const Stage& s : t.stages()) {
        const auto held = s.tensor();
        const int64_t heads = held->rank() == 3 ? held->dim(0) : 1, rows = held->rank() == 3 ? held->dim(1) : held->dim(0);
        for (int64_t h = 0; h < heads; ++h)
            for (int64_t i = 0; i < rows; ++i)
                for (int64_t j = 0; j < held->shape.back(); ++j) {
                    const Explanation e = explain_cell(t, model, s.name, h, i, j);
                    EXPECT_FALSE(e.lines.empty()) << s.name;
                    for (const auto& op : e.operands) {
                        const Stage* o = t.find(op.stage);
                        ASSERT_NE(o, nullptr) << s.name << " -> " << op.stage;
                        for (int64_t col : op.cols) EXPECT_LT(col, o->tensor()->shape.back()) << s.name << " -> " << op.stage;
                    }
                }
    }
}

// Llama 3.1's rope_scaling on d_k = 8, base 500 000, factor 8, low 1, high 16, original 2048: the
// wavelengths 2π/θ are 6.3 (below 2048/16 = 128: kept), 167 (between: blended), 4443 and 118 143
// (above 2048: divided by 8). Numbers worked in Python from transformers' rule.
TEST(RopeScaling, Llama3KeepsBlendsAndSlowsTheFrequenciesByTheirWavelength) {
    RopeScaling s;
    s.type = RopeScalingType::Llama3, s.factor = 8, s.low_freq_factor = 1, s.high_freq_factor = 16, s.original_max_position_embeddings = 2048;
    EXPECT_DOUBLE_EQ(rope_frequency(0, 8, 500000, s), 1.0);
    EXPECT_NEAR(rope_frequency(1, 8, 500000, s), 0.02939651603794983, 1e-15);
    EXPECT_NEAR(rope_frequency(2, 8, 500000, s), 0.00017677669529663688, 1e-17);
    EXPECT_NEAR(rope_frequency(3, 8, 500000, s), 6.647869871181235e-06, 1e-19);
    RopeScaling linear;
    linear.type = RopeScalingType::Linear, linear.factor = 4;
    EXPECT_DOUBLE_EQ(rope_frequency(1, 8, 10000, linear), std::pow(10000.0, -0.25) / 4);  // positions read 4× slower
    // And a config carries it through JSON both ways; an unknown kind is one sentence.
    Config c = gqa_config(2);
    c.rope_scaling = s;
    EXPECT_EQ(parse_config(config_to_json(c)), c);
    try {
        parse_config(R"({"rope_scaling": {"rope_type": "yarn", "factor": 4}})");
        ADD_FAILURE();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "rope_scaling \"yarn\" is not computed; Attention Lab computes \"linear\" and \"llama3\"");
    }
}

// RoPE's backward with scaling is the rotation by the opposite (scaled) angle: rotating forward then
// backward gives the input back.
TEST(RopeScaling, TheBackwardUndoesTheScaledRotation) {
    RopeScaling s;
    s.type = RopeScalingType::Llama3, s.factor = 8, s.low_freq_factor = 1, s.high_freq_factor = 16, s.original_max_position_embeddings = 2048;
    Mat x = Mat::Random(5, 16), y = x;
    apply_rope(y, 2, 500000, 0, RopeStyle::Half, s);
    EXPECT_GT((y - x).cwiseAbs().maxCoeff(), 0.1f);
    rope_backward(y, 2, 500000, RopeStyle::Half, s);
    EXPECT_LE((y - x).cwiseAbs().maxCoeff(), 1e-6f);
}

// Attention sinks: each head's mean weight on the first key, by hand.
TEST(AttentionSinks, TheMeanWeightOnTheFirstKeyPerHead) {
    Tensor w({2, 3, 3});
    // head 0: rows (1, 0, 0), (0.8, 0.2, 0), (0.6, 0.2, 0.2): mean of the first column 0.8, a sink.
    const float h0[] = {1, 0, 0, 0.8f, 0.2f, 0, 0.6f, 0.2f, 0.2f};
    // head 1: (1, 0, 0), (0, 1, 0), (0, 0, 0) (a fully masked row): 1/3, not a sink.
    const float h1[] = {1, 0, 0, 0, 1, 0, 0, 0, 0};
    std::copy(std::begin(h0), std::end(h0), w.data.begin());
    std::copy(std::begin(h1), std::end(h1), w.data.begin() + 9);
    const std::vector<double> shares = first_key_share(w);
    ASSERT_EQ(shares.size(), 2u);
    EXPECT_NEAR(shares[0], 0.8, 1e-7);
    EXPECT_NEAR(shares[1], 1.0 / 3, 1e-7);
    EXPECT_GT(shares[0], kSinkShare);
    EXPECT_LT(shares[1], kSinkShare);
}

TEST(KvCacheSize, IsTwoLayersTokensKvHeadsAndHeadSize) {
    Config c = gqa_config(1);
    EXPECT_EQ(kv_cache_bytes(c, 100), 2 * 2 * 100 * 1 * 4 * 4);  // K and V · layers · tokens · H_kv · d_k · 4 bytes
    c.num_kv_heads = 0;
    EXPECT_EQ(kv_cache_bytes(c, 100), 2 * 2 * 100 * 4 * 4 * 4);  // multi-head: 4× more
    // Qwen2.5-0.5B's shape: 24 layers, 14 query heads sharing 2 K/V heads of 64, BF16, 1024 tokens: 12 MiB.
    Config qwen;
    qwen.architecture = Architecture::DecoderOnly, qwen.num_decoder_layers = 24, qwen.d_model = 896, qwen.nhead = 14,
    qwen.num_kv_heads = 2;
    EXPECT_EQ(kv_cache_bytes(qwen, 1024, 2), int64_t{12} << 20);
}

}  // namespace
}  // namespace attn
