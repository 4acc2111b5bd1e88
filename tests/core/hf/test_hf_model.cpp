// Imported GPT-2 and BERT folders against forward passes written in PyTorch from the models'
// published definitions (scripts/make_hf_fixtures.py): every checked stage within 1e-4, in F32,
// F16 and BF16, with and without prefixes and buffers, from one file or shards.
#include "test_helpers.h"

#include "engine/forward.h"
#include "engine/sequence.h"
#include "hf/hf_model.h"
#include "model/text_tokenizer.h"
#include "io/safetensors.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace attn {
namespace {

namespace fs = std::filesystem;

const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

std::vector<int32_t> ids_of(const StateDict& expected) {
    std::vector<int32_t> ids;
    for (float v : expected.at("token_ids").data) ids.push_back(static_cast<int32_t>(v));
    return ids;
}

class HfFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(HfFixture, EveryCheckedStageMatchesTheReferenceForwardPass) {
    const Model model = open_hf_model(kData + GetParam());
    const StateDict expected = read_safetensors(kData + GetParam() + "/expected.safetensors");
    const Sequence seq = sequence_from_ids(model, model.bind(), ids_of(expected));
    const Trace trace = run_forward(model, {seq, {}});
    int checked = 0;
    for (const auto& [name, want] : expected) {
        if (name == "token_ids") continue;
        const Stage* stage = trace.find(name);
        ASSERT_NE(stage, nullptr) << "the trace has no stage " << name;
        EXPECT_TRUE(test::near(*stage->tensor(), want.shape, std::vector<double>(want.data.begin(), want.data.end()), 1e-4))
            << GetParam() << ": " << name;
        ++checked;
    }
    EXPECT_GE(checked, 10);
    EXPECT_EQ(trace.src_token_ids, ids_of(expected));
}

INSTANTIATE_TEST_SUITE_P(Folders, HfFixture,
                         ::testing::Values("gpt2-tiny", "gpt2-tiny-prefixed", "gpt2-tiny-sharded", "gpt2-tiny-f16",
                                           "gpt2-tiny-scaled", "bert-tiny", "bert-tiny-bf16", "bert-tiny-no-head", "llama-tiny",
                                           "llama-tiny-bf16", "llama-tiny-rope-llama3", "llama-tiny-rope-linear", "smollm-tiny",
                                           "qwen2-tiny", "qwen3-tiny", "mistral-tiny"),
                         [](const auto& info) {
                             std::string name = info.param;
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(HfModel, Gpt2IsADecoderOnlyPreNormStackWithTheTiedHead) {
    const Model m = open_hf_model(kData + "gpt2-tiny");
    EXPECT_EQ(m.config.family, Family::Gpt2);
    EXPECT_EQ(m.config.architecture, Architecture::DecoderOnly);
    EXPECT_TRUE(m.config.norm_first);
    EXPECT_EQ(m.config.activation, Activation::GeluTanh);
    EXPECT_EQ(m.config.dim_feedforward, 64);  // n_inner null: 4 × n_embd
    ASSERT_TRUE(m.card);
    EXPECT_EQ(m.card->kind, "GPT-2");
    EXPECT_EQ(m.card->dtype, "F32");
    EXPECT_TRUE(m.card->has_head);
    // wte 265×16 + wpe 32×16 + 2 × (4 norms·16 + 16·48 + 48 + 16·16 + 16 + 16·64 + 64 + 64·16 + 16) + ln_f 32
    EXPECT_EQ(m.card->parameters, 265 * 16 + 32 * 16 + 2 * (64 + 768 + 48 + 256 + 16 + 1024 + 64 + 1024 + 16) + 32);
    EXPECT_TRUE(m.warnings.empty());
    EXPECT_EQ(open_hf_model(kData + "gpt2-tiny-f16").card->dtype, "F16");
}

// The card counts every number the model reads: for these folders, every number in the file
// (SwiGLU's gate and Qwen3's QK-norm γ were once left out).
TEST(HfModel, TheCardCountsEveryParameterOfTheModernFamilies) {
    for (const char* folder : {"llama-tiny", "llama-tiny-bf16", "smollm-tiny", "qwen2-tiny", "qwen3-tiny", "mistral-tiny"}) {
        int64_t in_file = 0;  // model.safetensors or its shards
        for (const auto& file : fs::directory_iterator(kData + folder))
            if (file.path().extension() == ".safetensors" && file.path().filename() != "expected.safetensors")
                for (const auto& [name, tensor] : read_safetensors(file.path().string())) in_file += tensor.numel();
        EXPECT_EQ(open_hf_model(kData + folder).card->parameters, in_file) << folder;
    }
}

TEST(HfModel, BertHasTokenTypesAnEmbeddingNormAndTheMaskedWordHead) {
    const Model m = open_hf_model(kData + "bert-tiny");
    EXPECT_EQ(m.config.family, Family::Bert);
    EXPECT_FALSE(m.config.norm_first);
    EXPECT_EQ(m.config.layer_norm_eps, 1e-12);
    const ModelWeights w = m.bind();
    EXPECT_TRUE(w.token_types && w.embedding_norm && w.head_transform && w.generator);
    EXPECT_FALSE(open_hf_model(kData + "bert-tiny-no-head").bind().generator);
    const StateDict expected = read_safetensors(kData + "bert-tiny/expected.safetensors");
    const Trace trace = run_forward(m, {sequence_from_ids(m, w, ids_of(expected)), {}});
    for (const char* stage : {"src.token_types", "src.norm", "output.transform", "output.activation", "output.norm", "output.probs"})
        EXPECT_NE(trace.find(stage), nullptr) << stage;
    EXPECT_EQ(trace.find("encoder.layers.0.self_attn.q")->operands.front(), "src.norm");
}

TEST(HfModel, TextIsTokenizedByTheModelsOwnTokenizer) {
    const Model gpt2 = open_hf_model(kData + "gpt2-tiny");
    const Sequence seq = sequence_from_text(gpt2, " the cat");
    EXPECT_EQ(seq.ids, (std::vector<int32_t>{258, 263}));  // Ġthe, Ġcat: merges applied by rank
    EXPECT_EQ(seq.tokens, (std::vector<std::string>{"␣the", "␣cat"}));
    const Model bert = open_hf_model(kData + "bert-tiny");
    EXPECT_EQ(sequence_from_text(bert, "The cat [MASK]").tokens, (std::vector<std::string>{"[CLS]", "the", "cat", "[MASK]", "[SEP]"}));
}

TEST(HfModel, ATextLongerThanThePositionsIsRefusedOrTruncated) {
    const Model bert = open_hf_model(kData + "bert-tiny");
    std::string text;
    for (int i = 0; i < 30; ++i) text += "cat ";
    try {
        (void)sequence_from_text(bert, text);
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "the text has 32 tokens but this model reads at most 24; shorten it or truncate it");
    }
    const auto ids = encode_text(bert, text, true);
    ASSERT_EQ(ids.size(), 24u);
    EXPECT_EQ(ids.front(), 2);  // [CLS]
    EXPECT_EQ(ids.back(), 3);   // [SEP] kept
}

// ---- bad folders: one sentence each, and nothing half-opened

class BadFolder : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("attn_hf_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::copy(kData + "gpt2-tiny", dir_);
        fs::remove(dir_ / "expected.safetensors");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void write(const std::string& file, const std::string& text) { std::ofstream(dir_ / file, std::ios::binary) << text; }
    std::string read(const std::string& file) {
        std::ifstream in(dir_ / file, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    std::string error() {
        try {
            (void)open_hf_model(dir_.string());
        } catch (const Error& e) {
            return e.what();
        }
        return "(opened)";
    }
    fs::path dir_;
};

TEST_F(BadFolder, EachProblemIsNamedInOneSentence) {
    EXPECT_EQ(error(), "(opened)");
    const std::string config = read("config.json");

    write("config.json", R"({"model_type": "gemma"})");
    EXPECT_NE(error().find("model_type \"gemma\" is not supported; Attention Lab opens GPT-2 (model_type \"gpt2\"), BERT "
                           "(model_type \"bert\"), Llama (model_type \"llama\"), Qwen2 (model_type \"qwen2\"), Mistral (model_type "
                           "\"mistral\") and Qwen3"),
              std::string::npos)
        << error();
    write("config.json", "{\"model_type\": \"gpt2\", \"n_embd\": 16");
    EXPECT_NE(error().find("config.json is not valid JSON"), std::string::npos) << error();
    std::string bad_vocab = config;
    bad_vocab.replace(bad_vocab.find("\"vocab_size\": 265"), 17, "\"vocab_size\": 300");
    write("config.json", bad_vocab);
    EXPECT_NE(error().find("the tokenizer has 265 tokens but config.json says vocab_size 300"), std::string::npos) << error();
    std::string wide = config;
    wide.replace(wide.find("\"n_embd\": 16"), 12, "\"n_embd\": 32");
    write("config.json", wide);
    EXPECT_NE(error().find("tensor 'wte.weight' has shape [265, 16] but config.json implies [265, 32]"), std::string::npos) << error();
    std::string deep = config;
    deep.replace(deep.find("\"n_layer\": 2"), 12, "\"n_layer\": 3");
    write("config.json", deep);
    EXPECT_NE(error().find("the weights have no tensor 'h.2.ln_1.weight'"), std::string::npos) << error();
    write("config.json", config);

    const std::string merges = read("merges.txt");
    write("merges.txt", "#version: 0.2\nĠ t\nnot-a-pair\n");
    EXPECT_EQ(error(), "merges.txt line 3 must be two tokens separated by one space, not \"not-a-pair\"");
    write("merges.txt", merges);
    const std::string vocab = read("vocab.json");
    write("vocab.json", "[1, 2]");
    EXPECT_EQ(error(), "vocab.json: the vocab must be a JSON object of token: id");
    fs::remove(dir_ / "vocab.json");
    EXPECT_EQ(error(), "the folder has no GPT-2 tokenizer: it needs tokenizer.json, or vocab.json and merges.txt");
    write("vocab.json", vocab);

    const std::string weights = read("model.safetensors");
    write("model.safetensors", weights.substr(0, weights.size() / 2));
    EXPECT_NE(error().find("outside the data section"), std::string::npos) << error();
    std::string lying = weights;
    lying[0] = static_cast<char>(0xFF), lying[1] = static_cast<char>(0xFF), lying[2] = static_cast<char>(0xFF);
    write("model.safetensors", lying);
    EXPECT_NE(error().find("runs past the end of the file"), std::string::npos) << error();
    fs::remove(dir_ / "model.safetensors");
    write("pytorch_model.bin", "PK");
    EXPECT_NE(error().find("the folder has only pytorch_model.bin; Attention Lab reads model.safetensors"), std::string::npos) << error();
    fs::remove(dir_ / "pytorch_model.bin");
    EXPECT_EQ(error(), "the folder has no model.safetensors (nor model.safetensors.index.json with its shards)");
    write("model.safetensors.index.json", R"({"weight_map": {"wte.weight": "../elsewhere.safetensors"}})");
    EXPECT_NE(error().find("must be a file name in the same folder"), std::string::npos) << error();
    write("model.safetensors.index.json", R"({"weight_map": {"wte.weight": "missing.safetensors"}})");
    EXPECT_NE(error().find("lists the shard 'missing.safetensors', which is not in the folder"), std::string::npos) << error();

    fs::remove(dir_ / "config.json");
    EXPECT_NE(error().find("has no config.json"), std::string::npos) << error();
    EXPECT_NE(std::string(error()).find('\n'), 0u);
}

TEST(HfConfigErrors, BertWithRelativePositionsIsRefused) {
    const fs::path dir = fs::temp_directory_path() / "attn_hf_relative";
    fs::remove_all(dir);
    fs::copy(kData + "bert-tiny", dir);
    std::ifstream in(dir / "config.json");
    std::string config{std::istreambuf_iterator<char>(in), {}};
    config.replace(config.find("\"absolute\""), 10, "\"relative_key\"");
    std::ofstream(dir / "config.json") << config;
    try {
        (void)open_hf_model(dir.string());
        FAIL();
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "config.json: position_embedding_type is \"relative_key\"; Attention Lab computes BERT with absolute "
                               "position embeddings only");
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace attn
