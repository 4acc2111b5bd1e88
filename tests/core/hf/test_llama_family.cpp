// Llama, Qwen2 and Mistral folders (issue 24, point 2), beyond the fixtures' forward passes
// (test_hf_model.cpp): their tokenizer.json pipelines worked by hand, generation with the KV cache
// (now of H_kv heads) against recomputing, and every config.json problem refused in one sentence.
#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "hf/hf_model.h"
#include "model/text_tokenizer.h"

#include <gtest/gtest.h>

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

TEST(LlamaFamily, GenerationWithTheCacheGivesTheRecomputedLogits) {
    for (const char* folder : {"llama-tiny", "qwen2-tiny", "mistral-tiny", "smollm-tiny"}) {
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
              "config.json: rope_scaling \"yarn\" is not computed yet; Attention Lab reads models without rope_scaling");
    EXPECT_EQ(error_with("\"hidden_act\": \"silu\"", "\"hidden_act\": \"gelu\""),
              "config.json: hidden_act is \"gelu\"; Attention Lab computes this family's SwiGLU with SiLU (hidden_act \"silu\") only");
    EXPECT_NE(error_with("\"hidden_size\": 16", "\"hidden_size\": 16, \"head_dim\": 8").find("head_dim (8) × num_attention_heads (4) is not hidden_size (16)"),
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
