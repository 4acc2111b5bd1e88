// Llama, Qwen2 and Mistral folders (issue 24, point 2), beyond the fixtures' forward passes
// (test_hf_model.cpp): their tokenizer.json pipelines worked by hand, generation with the KV cache
// (now of H_kv heads) against recomputing, and every config.json problem refused in one sentence.
#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "hf/hf_model.h"
#include "hf/tokenizer_files.h"
#include "model/text_tokenizer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace attn {
namespace {

namespace fs = std::filesystem;
const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

// The fixture's vocab (scripts/make_hf_fixtures.py): ids 0–255 are the bytes, then the merges
// Ġt 256, he 257, Ġthe 258, Ġc 259, at 260, Ġcat 261, 12 262, 123 263, then the special tokens.
TEST(LlamaTokenizer, SplitRegexByteLevelAndTheBeginOfTextTemplate) {
    const Model llama = open_hf_model(kData + "llama-tiny");
    // Llama 3's regex: "the", " cat", " in", "!", " ", "123", "45" (\p{N}{1,3}: digits in threes); the
    // template puts <|begin_of_text|> (264) first.
    EXPECT_EQ(llama.tokenizer->encode("the cat in! 12345"),
              (std::vector<int32_t>{264, 116, 257, 261, 32, 105, 110, 33, 32, 263, 52, 53}));
    EXPECT_EQ(llama.tokenizer->encode("the cat", false), (std::vector<int32_t>{116, 257, 261}));  // no template
    EXPECT_EQ(llama.tokenizer->encode("<|end_of_text|>the"), (std::vector<int32_t>{264, 265, 116, 257}));  // special in text
    EXPECT_EQ(llama.tokenizer->encode("e\xCC\x81", false), (std::vector<int32_t>{101, 204, 129}));  // e + U+0301, not normalised
    EXPECT_EQ(llama.tokenizer->decode({264, 116, 257, 261}), "<|begin_of_text|>the cat");
}

// tokenizer.json constructs the pipeline does not compute, and keys of the wrong type: one sentence each.
TEST(TokenizerJson, UnsupportedPipelinePartsAreRefusedInOneSentence) {
    std::ifstream in(kData + "llama-tiny/tokenizer.json");
    const std::string good{std::istreambuf_iterator<char>(in), {}};
    auto error_with = [&](const std::string& from, const std::string& to) {
        std::string text = good;
        const size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
        try {
            (void)parse_tokenizer_json(text);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("(parsed)");
    };
    EXPECT_EQ(error_with("\"normalizer\": null", "\"normalizer\": {\"type\": \"NFKC\"}"),
              "tokenizer.json: the normalizer \"NFKC\" is not supported (NFC, Prepend, Replace and Sequence are)");
    EXPECT_EQ(error_with("\"normalizer\": null", "\"normalizer\": {\"type\": \"Replace\", \"pattern\": {\"Regex\": \" +\"}, \"content\": \" \"}"),
              "tokenizer.json: the normalizer Replace needs a {\"String\": …} pattern");
    EXPECT_EQ(error_with("\"decoder\": {", "\"decoder\": {\"type\": \"CTC\"}, \"unused\": {"),
              "tokenizer.json: the decoder \"CTC\" is not supported (ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace and Sequence are)");
    EXPECT_EQ(error_with("\"behavior\": \"Isolated\"", "\"behavior\": \"Removed\""),
              "tokenizer.json: Split with behavior \"Removed\" is not supported (Isolated is)");
    EXPECT_EQ(error_with("{\"type\": \"Split\"", "{\"type\": \"Whitespace\""),
              "tokenizer.json: the pre-tokenizer \"Whitespace\" is not supported (ByteLevel, Split, Digits, Metaspace and Sequence are)");
    EXPECT_EQ(error_with("{\"type\": \"Split\"", "{\"type\": \"Metaspace\", \"prepend_scheme\": \"sometimes\""),
              "tokenizer.json: Metaspace's prepend_scheme \"sometimes\" is not one of always, first, never");
    EXPECT_EQ(error_with("\"byte_fallback\": false", "\"byte_fallback\": \"no\"").rfind("tokenizer.json: a setting has the wrong type", 0), 0u);
    EXPECT_EQ(error_with("\"Regex\": \"", "\"Regex\": \"(").rfind("the pre-tokenizer's regex did not compile", 0), 0u);
}

TEST(Qwen2Tokenizer, NfcSingleDigitsAndNoBeginOfText) {
    const Model qwen = open_hf_model(kData + "qwen2-tiny");
    EXPECT_EQ(qwen.tokenizer->encode("the cat 123"), (std::vector<int32_t>{116, 257, 261, 32, 49, 50, 51}));  // \p{N}: one digit each
    EXPECT_EQ(qwen.tokenizer->encode("e\xCC\x81"), (std::vector<int32_t>{195, 169}));  // NFC: é (U+00E9) is C3 A9
    EXPECT_EQ(qwen.tokenizer->encode("<|im_start|>user"), (std::vector<int32_t>{265, 117, 115, 101, 114}));
}

TEST(LlamaFamily, TheConfigSaysGroupedQueryRmsNormSwiGluAndRopeInHalves) {
    const Model llama = open_hf_model(kData + "llama-tiny");
    const Config& c = llama.config;
    EXPECT_EQ(c.family, Family::Llama);
    EXPECT_EQ(c.kv_heads(), 2);
    EXPECT_EQ(c.norm, NormKind::RmsNorm);
    EXPECT_EQ(c.ffn, FeedForwardKind::SwiGlu);
    EXPECT_EQ(c.rope_style, RopeStyle::Half);
    EXPECT_DOUBLE_EQ(c.pe_base, 500000.0);
    EXPECT_FALSE(c.qkv_bias || c.out_bias || c.ffn_bias);
    EXPECT_EQ(llama.card->kind, "Llama");
    EXPECT_EQ(llama.card->end_token_ids, std::vector<int32_t>{265});
    EXPECT_EQ(end_of_text_ids(llama), std::vector<int32_t>{265});
    const Model qwen = open_hf_model(kData + "qwen2-tiny");
    EXPECT_TRUE(qwen.config.qkv_bias);
    EXPECT_FALSE(qwen.config.out_bias);
    EXPECT_EQ(qwen.config.kv_heads(), 1);
    EXPECT_TRUE(qwen.config.tie_embeddings);
    EXPECT_EQ(open_hf_model(kData + "mistral-tiny").config.sliding_window, 3);
    // The trace's K and V are as wide as the K/V heads: (tokens, H_kv · d_k).
    const Trace t = run_forward(llama, {sequence_from_ids(llama, llama.bind(), {264, 258, 261}), {}});
    EXPECT_EQ(t.find("decoder.layers.0.self_attn.k")->shape(), (std::vector<int64_t>{3, 8}));
    EXPECT_EQ(t.find("decoder.layers.0.self_attn.weights")->shape(), (std::vector<int64_t>{4, 3, 3}));
    EXPECT_EQ(t.find("decoder.layers.0.norm1")->kind, StageKind::RmsNorm);
}

// Qwen3: QK-norm before RoPE, and heads wider than the model: 4 query heads of d_k 8 are 32 features
// over hidden_size 16, so Q, its norm, its rotation and the concatenated heads are 32 wide and W_O
// maps them back to 16.
TEST(LlamaFamily, Qwen3NormalisesQAndKAndItsHeadsAreWiderThanTheModel) {
    const Model qwen3 = open_hf_model(kData + "qwen3-tiny");
    const Config& c = qwen3.config;
    EXPECT_EQ(c.family, Family::Qwen3);
    EXPECT_TRUE(c.qk_norm);
    EXPECT_EQ(c.head_dim(), 8);
    EXPECT_EQ(c.attention_dim(), 32);
    EXPECT_EQ(c.d_model, 16);
    const Trace t = run_forward(qwen3, {sequence_from_ids(qwen3, qwen3.bind(), {258, 261, 105}), {}});
    for (const char* stage : {"q", "q_norm", "q_rotated", "context"})
        EXPECT_EQ(t.find(std::string("decoder.layers.0.self_attn.") + stage)->shape(), (std::vector<int64_t>{3, 32})) << stage;
    EXPECT_EQ(t.find("decoder.layers.0.self_attn.k_norm")->shape(), (std::vector<int64_t>{3, 16}));  // 2 K/V heads × 8
    EXPECT_EQ(t.find("decoder.layers.0.self_attn.output")->shape(), (std::vector<int64_t>{3, 16}));
}

TEST(LlamaFamily, GenerationWithTheCacheGivesTheRecomputedLogits) {
    for (const char* folder : {"llama-tiny", "qwen2-tiny", "qwen3-tiny", "mistral-tiny", "smollm-tiny", "llama-tiny-rope-llama3"}) {
        SCOPED_TRACE(folder);
        const Model model = open_hf_model(kData + folder);
        std::vector<int32_t> ids = {258, 261, 105, 110};
        KvCacheGenerator gen(model, ids);
        for (int32_t next : {33, 263, 52, 116, 257, 261}) {  // past Mistral's window of 3
            const RowVec want = run_forward_untraced(model, {sequence_from_ids(model, model.bind(), ids), {}}).logits.bottomRows(1);
            EXPECT_LE((gen.logits() - want).cwiseAbs().maxCoeff(), 1e-5f * std::max(1.0f, want.cwiseAbs().maxCoeff()))
                << "after " << ids.size() << " tokens";
            gen.append(next);
            ids.push_back(next);
        }
        EXPECT_EQ(gen.cache_trace().find("decoder.layers.0.self_attn.k_cache")->dim(0), model.config.kv_heads());
    }
}

// The rope_scaling fixture must tell scaling from none: the same folder read without it computes
// other attention weights (so the 1e-4 match in test_hf_model.cpp checks the scaling itself).
TEST(LlamaFamily, RopeScalingChangesTheWeightsTheFixtureChecks) {
    const fs::path dir = fs::temp_directory_path() / ("attn_llama_rope_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::remove_all(dir);
    fs::copy(kData + "llama-tiny-rope-llama3", dir);
    std::ifstream in(dir / "config.json");
    std::string config{std::istreambuf_iterator<char>(in), {}};
    const size_t at = config.find("\"rope_scaling\"");
    ASSERT_NE(at, std::string::npos);
    config.replace(at, config.find('}', at) + 1 - at, "\"rope_scaling\": null");
    std::ofstream(dir / "config.json", std::ios::binary) << config;
    const Model scaled = open_hf_model(kData + "llama-tiny-rope-llama3"), plain = open_hf_model(dir.string());
    EXPECT_EQ(scaled.config.rope_scaling.type, RopeScalingType::Llama3);
    EXPECT_EQ(plain.config.rope_scaling.type, RopeScalingType::None);
    const std::vector<int32_t> ids = {264, 258, 261, 105, 110, 33, 263, 52, 265};
    const Trace a = run_forward(scaled, {sequence_from_ids(scaled, scaled.bind(), ids), {}});
    const Trace b = run_forward(plain, {sequence_from_ids(plain, plain.bind(), ids), {}});
    const auto wa = a.tensor("decoder.layers.1.self_attn.weights"), wb = b.tensor("decoder.layers.1.self_attn.weights");
    float most = 0;
    for (size_t k = 0; k < wa->data.size(); ++k) most = std::max(most, std::abs(wa->data[k] - wb->data[k]));
    EXPECT_GT(most, 1e-3f);
    fs::remove_all(dir);
}

class BadLlamaFolder : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("attn_llama_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
        fs::remove_all(dir_);
        fs::copy(kData + "llama-tiny", dir_);
        std::ifstream in(dir_ / "config.json");
        config_ = {std::istreambuf_iterator<char>(in), {}};
    }
    void TearDown() override { fs::remove_all(dir_); }
    // The fixture's config.json with `from` replaced by `to`, opened: the error, or "(opened)".
    std::string error_with(const std::string& from, const std::string& to) {
        std::string text = config_;
        const size_t at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
        std::ofstream(dir_ / "config.json", std::ios::binary) << text;
        try {
            (void)open_hf_model(dir_.string());
        } catch (const Error& e) {
            return e.what();
        }
        return "(opened)";
    }
    fs::path dir_;
    std::string config_;
};

TEST_F(BadLlamaFolder, EachProblemIsOneSentence) {
    EXPECT_EQ(error_with("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 2"), "(opened)");
    EXPECT_EQ(error_with("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3"),
              "config.json: num_kv_heads (3) must divide nhead (4): each K/V head serves the same number of query heads");
    EXPECT_EQ(error_with("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}"),
              "config.json: rope_scaling \"yarn\" is not computed; Attention Lab computes \"linear\" and \"llama3\"");
    EXPECT_EQ(error_with("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\""),
              "config.json: hidden_act is \"gelu\"; Attention Lab computes this family's SwiGLU with SiLU (hidden_act \"silu\") only");
    // A head_dim the weights do not have: the first tensor that disagrees is named with both shapes.
    EXPECT_NE(error_with("\"hidden_size\": 16", "\"hidden_size\": 16, \"head_dim\": 8")
                  .find("tensor 'layers.0.self_attn.q_proj.weight' has shape [16, 16] but config.json implies [32, 16]"),
              std::string::npos);
    EXPECT_EQ(error_with("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 2, \"use_sliding_window\": true"),
              "config.json: use_sliding_window is true; Attention Lab computes Qwen2 with full attention in every layer only");
    // Biases config.json promises and the file lacks: named.
    EXPECT_NE(error_with("\"attention_bias\": false", "\"attention_bias\": true")
                  .find("the weights have no tensor 'layers.0.self_attn.q_proj.bias'"),
              std::string::npos);
}

}  // namespace
}  // namespace attn
