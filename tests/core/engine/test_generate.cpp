// Generation with a KV cache: each step's logits equal the whole sequence recomputed; the cache
// holds exactly the keys and values of the full pass; sampling follows its rule and seed.
#include "test_helpers.h"

#include "engine/attention.h"
#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "hf/hf_model.h"

#include <gtest/gtest.h>

#include <set>

namespace attn {
namespace {

const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

// The next-token logits of the whole sequence, recomputed from scratch without a cache.
RowVec recomputed(const Model& model, const std::vector<int32_t>& ids) {
    Sequence seq;
    if (model.tokenizer) {
        seq = sequence_from_ids(model, model.bind(), ids);
    } else {
        std::vector<std::string> tokens;
        for (int32_t id : ids) tokens.push_back(model.config.vocab.at(static_cast<size_t>(id)));
        seq = sequence_from_tokens(model, tokens);
    }
    const ForwardOutput out = run_forward_untraced(model, {seq, {}});
    return out.logits.bottomRows(1);
}

void expect_cached_equals_recomputed(const Model& model, std::vector<int32_t> prompt, const std::vector<int32_t>& more) {
    KvCacheGenerator gen(model, prompt);
    std::vector<int32_t> ids = prompt;
    auto check = [&] {
        const RowVec want = recomputed(model, ids);
        ASSERT_EQ(gen.logits().size(), want.size());
        EXPECT_LE((gen.logits() - want).cwiseAbs().maxCoeff(), 1e-5f * std::max(1.0f, want.cwiseAbs().maxCoeff()))
            << "after " << ids.size() << " tokens";
    };
    check();
    for (int32_t id : more) {
        gen.append(id);
        ids.push_back(id);
        check();
    }
    EXPECT_EQ(gen.ids(), ids);
}

TEST(KvCache, CachedLogitsEqualRecomputingTheWholeSequence) {
    for (const char* folder : {"gpt2-tiny", "gpt2-tiny-scaled", "gpt2-tiny-f16"}) {
        SCOPED_TRACE(folder);
        expect_cached_equals_recomputed(open_hf_model(kData + folder), {258, 263, 101}, {33, 264, 259, 7, 258});
    }
    // The app's own decoder-only models: post-norm and pre-norm, learned and sinusoidal positions.
    for (bool pre : {false, true}) {
        Config c;
        c.architecture = Architecture::DecoderOnly;
        c.d_model = 12, c.nhead = 3, c.num_decoder_layers = 2, c.dim_feedforward = 20, c.norm_first = pre;
        c.positional_encoding = pre ? PositionalEncoding::Learned : PositionalEncoding::Sinusoidal;
        c.activation = pre ? Activation::Gelu : Activation::Relu;
        c.vocab = {"a", "b", "c", "d", "e"};
        c.seed = 5;
        SCOPED_TRACE(pre ? "pre-norm" : "post-norm");
        expect_cached_equals_recomputed(make_model(c), {0}, {3, 1, 4, 1, 2});
    }
}

// Generation runs the forward pass itself with a cache, so every position kind and mask the pass
// computes is cached too: each new row at its own position (RoPE's rotation, ALiBi's distance, the
// learned or fixed table's row, the window and block rules), padding keys hidden from later rows.
TEST(KvCache, EveryPositionKindAndMaskGivesTheRecomputedLogits) {
    struct Case {
        const char* name;
        PositionalEncoding positions;
        int window = 0, block = 0, concat = 0;
        bool halves = false;
        int kv_heads = 0;     // grouped-query: the cache holds H_kv heads
        bool modern = false;  // RMSNorm, SwiGLU and QK-norm
        int pattern = 0, sinks = 0;  // local/global layers, attention sinks
    };
    for (const Case& k : {Case{"rope", PositionalEncoding::Rope}, Case{"alibi", PositionalEncoding::Alibi},
                          Case{"rope, window 3", PositionalEncoding::Rope, 3}, Case{"rope in halves", PositionalEncoding::Rope, 0, 0, 0, true}, Case{"learned, blocks of 2", PositionalEncoding::Learned, 0, 2},
                          Case{"sinusoidal concatenated", PositionalEncoding::Sinusoidal, 0, 0, 4},
                          Case{"binary, window 2", PositionalEncoding::Binary, 2}, Case{"none", PositionalEncoding::None},
                          Case{"rope in halves, one K/V head, QK-norm, RMSNorm, SwiGLU", PositionalEncoding::Rope, 0, 0, 0, true, 1, true},
                          Case{"alibi, window 2, one K/V head", PositionalEncoding::Alibi, 2, 0, 0, false, 1},
                          Case{"rope, window 2 with a sink, every 2nd layer global", PositionalEncoding::Rope, 2, 0, 0, true, 0, false, 2, 1}}) {
        Config c;
        c.architecture = Architecture::DecoderOnly;
        c.d_model = 12, c.nhead = 3, c.num_decoder_layers = 2, c.dim_feedforward = 20, c.norm_first = true;
        c.positional_encoding = k.positions, c.sliding_window = k.window, c.block_size = k.block, c.pe_concat = k.concat;
        if (k.halves) c.rope_style = RopeStyle::Half;
        c.num_kv_heads = k.kv_heads;
        c.sliding_window_pattern = k.pattern, c.sink_tokens = k.sinks;
        if (k.modern) c.norm = NormKind::RmsNorm, c.ffn = FeedForwardKind::SwiGlu, c.qk_norm = true;
        c.vocab = {"a", "b", "c", "d", "[PAD]"};
        c.seed = 11;
        SCOPED_TRACE(k.name);
        expect_cached_equals_recomputed(make_model(c), {0, 2, 4}, {3, 1, 4, 1, 2, 0});
    }
}

TEST(KvCache, TheCacheHoldsTheFullPassKeysAndValuesAndGrowsByOneRowPerStep) {
    const Model m = open_hf_model(kData + "gpt2-tiny");
    KvCacheGenerator gen(m, {258, 263});
    EXPECT_EQ(gen.cache_trace().find("decoder.layers.1.self_attn.k_cache")->shape(), (std::vector<int64_t>{2, 2, 8}));
    gen.append(101);
    const Trace cache = gen.cache_trace();
    const Stage* k = cache.find("decoder.layers.1.self_attn.k_cache");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->kind, StageKind::KvCache);
    EXPECT_EQ(k->shape(), (std::vector<int64_t>{2, 3, 8}));  // (H, S, Dk)
    const Trace full = run_forward(m, {sequence_from_ids(m, m.bind(), {258, 263, 101}), {}});
    const Tensor keys = split_heads(full.tensor("decoder.layers.1.self_attn.k")->matrix(), 2);
    const Tensor values = split_heads(full.tensor("decoder.layers.1.self_attn.v")->matrix(), 2);
    EXPECT_LE((Eigen::Map<const RowVec>(keys.data.data(), keys.numel()) -
               Eigen::Map<const RowVec>(k->tensor()->data.data(), keys.numel())).cwiseAbs().maxCoeff(), 1e-5f);
    const auto v = cache.tensor("decoder.layers.1.self_attn.v_cache");
    EXPECT_LE((Eigen::Map<const RowVec>(values.data.data(), values.numel()) -
               Eigen::Map<const RowVec>(v->data.data(), values.numel())).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_EQ(cache.src_tokens.size(), 3u);
}

TEST(KvCache, SamplingFollowsItsRule) {
    const Model m = open_hf_model(kData + "gpt2-tiny");
    KvCacheGenerator gen(m, {258, 263});
    const ConstRowVecMap row(gen.logits().data(), gen.logits().size());
    const int32_t best = top_candidates(row, 1).front().id;
    Eigen::Index argmax;
    gen.logits().maxCoeff(&argmax);
    EXPECT_EQ(best, argmax);
    EXPECT_EQ(gen.choose({}), best);                 // greedy by default
    EXPECT_EQ(gen.choose({5.0, 1, 9}), best);        // top-1 sampling is greedy at any temperature
    std::set<int32_t> seen;
    std::vector<int32_t> first_run;
    KvCacheGenerator fresh(m, {258, 263});
    for (int i = 0; i < 40; ++i) first_run.push_back(fresh.choose({1e6, 5, 3}));
    seen.insert(first_run.begin(), first_run.end());
    EXPECT_GT(seen.size(), 2u);   // a huge temperature spreads over the top 5…
    EXPECT_LE(seen.size(), 5u);   // …and never beyond them
    const auto top5 = top_candidates(row, 5);
    for (int32_t id : seen) EXPECT_TRUE(std::any_of(top5.begin(), top5.end(), [&](const Candidate& c) { return c.id == id; }));
    KvCacheGenerator again(m, {258, 263});
    std::vector<int32_t> second_run;
    for (int i = 0; i < 40; ++i) second_run.push_back(again.choose({1e6, 5, 3}));
    EXPECT_EQ(first_run, second_run);  // the same seed, the same draws
}

TEST(TopCandidates, ProbabilitiesAreTheSoftmaxOfTheWholeRow) {
    const RowVec logits = (RowVec(4) << 1.0f, 3.0f, 2.0f, 3.0f).finished();
    const auto top = top_candidates(ConstRowVecMap(logits.data(), 4), 3);
    ASSERT_EQ(top.size(), 3u);
    EXPECT_EQ(top[0].id, 1);  // ties: the lower id first
    EXPECT_EQ(top[1].id, 3);
    EXPECT_EQ(top[2].id, 2);
    const double z = std::exp(1.0) + 2 * std::exp(3.0) + std::exp(2.0);
    EXPECT_NEAR(top[0].probability, std::exp(3.0) / z, 1e-12);
    EXPECT_NEAR(top[2].probability, std::exp(2.0) / z, 1e-12);
}

TEST(KvCache, ModelsThatCannotGenerateSayWhy) {
    EXPECT_EQ(generation_problem(open_hf_model(kData + "bert-tiny")), "BERT does not generate text: it fills in [MASK]s (attentionlab predict)");
    EXPECT_NE(prediction_problem(open_hf_model(kData + "bert-tiny-no-head")).find("has no masked-word head"), std::string::npos);
    EXPECT_EQ(prediction_problem(open_hf_model(kData + "bert-tiny")), "");
    Config c;
    c.architecture = Architecture::DecoderOnly;
    c.vocab = {"a", "b"};
    c.positional_encoding = PositionalEncoding::Rope;
    EXPECT_EQ(generation_problem(make_model(c)), "");  // the cached pass is the forward pass: RoPE generates too
    c.architecture = Architecture::EncoderOnly;
    EXPECT_EQ(generation_problem(make_model(c)), "generation needs a decoder-only model");
    const Model gpt2 = open_hf_model(kData + "gpt2-tiny");
    EXPECT_THROW(KvCacheGenerator(gpt2, {}), Error);
    KvCacheGenerator gen(gpt2, std::vector<int32_t>(31, 101));
    gen.append(101);  // position 31: the last of n_positions = 32
    EXPECT_THROW(gen.append(101), Error);
}

}  // namespace
}  // namespace attn
