// attentionlab trace, export, predict and generate on Hugging Face folders, run as a user runs
// them: a real process, no display. The tiny folders come from scripts/make_hf_fixtures.py.
#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/interventions.h"
#include "engine/sequence.h"
#include "hf/chat_template.h"
#include "hf/hf_model.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "model/text_tokenizer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace attn;

const std::string kData = std::string(ATTN_TEST_DATA) + "/hf/";

struct Result {
    int exit_code;
    std::string out;  // stdout only
    std::string err;
};

Result run(const std::string& args) {
    const std::string err_file = (fs::temp_directory_path() / ("attn_cli_models_err_" + std::to_string(getpid()))).string();
    const std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY '" + std::string(ATTENTIONLAB_EXE) + "' " + args + " 2>" + err_file;
    FILE* pipe = popen(command.c_str(), "r");
    std::string out;
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    const int status = pclose(pipe);
    std::ifstream in(err_file);
    std::string err{std::istreambuf_iterator<char>(in), {}};
    fs::remove(err_file);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, err};
}

std::string temp_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("attn_cli_models_" + std::to_string(getpid()) + "_" + name);
    fs::remove_all(dir);
    return dir.string();
}

TEST(CliModel, TraceWritesTheModelsStagesWithItsTokensAndIds) {
    const std::string out = temp_dir("trace");
    const Result r = run("trace --model '" + kData + "bert-tiny' --text 'The cat [MASK] on the mat.' --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out + "/manifest.json");
    const auto manifest = nlohmann::json::parse(in);
    EXPECT_EQ(manifest["tokens"], nlohmann::json({"[CLS]", "the", "cat", "[MASK]", "on", "the", "mat", ".", "[SEP]"}));
    EXPECT_EQ(manifest["token_ids"], nlohmann::json({2, 5, 6, 4, 8, 5, 9, 17, 3}));
    EXPECT_EQ(manifest["config"]["family"], "bert");
    EXPECT_FALSE(manifest["config"].contains("vocab"));  // the tokenizer's, not repeated
    // The weights the file holds, computed as the library computes them.
    const Model model = open_hf_model(kData + "bert-tiny");
    const Trace trace = run_forward(model, {sequence_from_ids(model, model.bind(), {2, 5, 6, 4, 8, 5, 9, 17, 3}), {}});
    const Tensor written = read_npy(out + "/encoder.layers.1.self_attn.weights.npy");
    EXPECT_EQ(written.data, trace.tensor("encoder.layers.1.self_attn.weights")->data);
    fs::remove_all(out);

    const std::string gpt = temp_dir("trace_gpt2");
    ASSERT_EQ(run("trace --model '" + kData + "gpt2-tiny-sharded' --text ' the cat' --out '" + gpt + "'").exit_code, 0);
    std::ifstream gin(gpt + "/manifest.json");
    const auto g = nlohmann::json::parse(gin);
    EXPECT_EQ(g["tokens"], nlohmann::json({"␣the", "␣cat"}));
    EXPECT_TRUE(fs::exists(gpt + "/decoder.layers.1.self_attn.weights.npy"));
    EXPECT_TRUE(fs::exists(gpt + "/output.logits.npy"));
    fs::remove_all(gpt);
}

TEST(CliModel, ExportWritesAStageOfTheModel) {
    const std::string out = temp_dir("export") + ".csv";
    const Result r = run("export --model '" + kData + "gpt2-tiny' --text ' the cat in' --stage decoder.layers.0.self_attn.weights "
                         "--head 1 --format csv --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out);
    std::string header;
    std::getline(in, header);
    EXPECT_NE(header.find("␣cat"), std::string::npos) << header;
    fs::remove(out);
}

TEST(CliModel, PredictListsTheTopTokensWithTheirProbabilities) {
    const Result r = run("predict --model '" + kData + "gpt2-tiny' --text ' the cat' --top-k 4 --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    const Model model = open_hf_model(kData + "gpt2-tiny");
    KvCacheGenerator gen(model, {258, 263});
    const auto want = top_candidates(ConstRowVecMap(gen.logits().data(), gen.logits().size()), 4);
    ASSERT_EQ(json["predictions"].size(), 1u);
    const auto& top = json["predictions"][0]["top"];
    ASSERT_EQ(top.size(), 4u);
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(top[i]["id"], want[i].id);
        EXPECT_NEAR(top[i]["probability"].get<double>(), want[i].probability, 1e-6);
    }
    EXPECT_EQ(json["predictions"][0]["position"], 1);

    const Result bert = run("predict --model '" + kData + "bert-tiny' --text 'the [MASK] sat on the [MASK]' --top-k 3");
    ASSERT_EQ(bert.exit_code, 0) << bert.err;
    EXPECT_NE(bert.out.find("[MASK] at position 2"), std::string::npos) << bert.out;
    EXPECT_NE(bert.out.find("[MASK] at position 6"), std::string::npos) << bert.out;
    EXPECT_NE(bert.out.find("   1.  "), std::string::npos);
    EXPECT_NE(bert.out.find(" %"), std::string::npos);
}

// Qwen2.5 pads its embedding past the tokenizer (151 936 rows for 151 665 tokens). A prediction or
// a generated token in those rows is named "<unused N>" and decodes to nothing, as the tokenizers
// library decodes an id it has no token for; predict once stopped there with a vector range error.
TEST(CliModel, EmbeddingRowsPastTheTokenizerAreNamedAndDecodeToNothing) {
    const std::string dir = temp_dir("padded");
    fs::create_directories(dir);
    for (const char* file : {"tokenizer.json", "tokenizer_config.json"})
        fs::copy_file(kData + "qwen2-tiny/" + file, dir + "/" + file);
    nlohmann::json config = nlohmann::json::parse(std::ifstream(kData + "qwen2-tiny/config.json"));
    const int64_t V = config["vocab_size"].get<int64_t>(), padded = V + 5;
    config["vocab_size"] = padded;
    std::ofstream(dir + "/config.json") << config.dump();
    // Five rows past the tokenizer, each the tied row of the tiny model's favourite token made
    // three times longer: its logit, three times the favourite's, wins.
    const Result plain = run("predict --model '" + kData + "qwen2-tiny' --text 'the cat' --json");
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    const nlohmann::json favourite = nlohmann::json::parse(plain.out)["predictions"][0]["top"][0];
    ASSERT_GT(favourite["logit"].get<double>(), 0.5);
    StateDict w = read_safetensors(kData + "qwen2-tiny/model.safetensors");
    Tensor& table = w.at("model.embed_tokens.weight");
    Tensor grown({padded, table.dim(1)});
    grown.matrix().topRows(V) = table.matrix();
    for (int64_t r = V; r < padded; ++r) grown.matrix().row(r) = 3.0f * table.matrix().row(favourite["id"].get<int64_t>());
    table = std::move(grown);
    write_safetensors(dir + "/model.safetensors", w);

    const Result r = run("predict --model '" + dir + "' --text 'the cat' --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json top = nlohmann::json::parse(r.out)["predictions"][0]["top"][0];
    EXPECT_GE(top["id"].get<int64_t>(), V);
    EXPECT_EQ(top["token"], "<unused " + std::to_string(top["id"].get<int64_t>()) + ">");
    EXPECT_EQ(top["text"], "");
    const Result generated = run("generate --model '" + dir + "' --text 'the cat' --tokens 2 --json");
    ASSERT_EQ(generated.exit_code, 0) << generated.err;
    const auto json = nlohmann::json::parse(generated.out);
    EXPECT_EQ(json["prompt"], "the cat");
    ASSERT_EQ(json["generated_ids"].size(), 2u);
    EXPECT_GE(json["generated_ids"][0].get<int64_t>(), V);
    EXPECT_EQ(json["generated"], "");  // two tokens with no text
    fs::remove_all(dir);
}

// --ablate: the probabilities of the model with those heads knocked out, each beside the model's
// own (baseline_probability), as the engine computes them with the same interventions.
TEST(CliModel, PredictWithHeadsKnockedOutShowsHowEachProbabilityMoved) {
    const Model model = open_hf_model(kData + "gpt2-tiny");
    const Inputs plain{sequence_from_ids(model, model.bind(), {258, 263}), {}};
    for (const std::string mode : {"zero", "mean"}) {
        const Result r = run("predict --model '" + kData + "gpt2-tiny' --text ' the cat' --top-k 5 --ablate 1.0,0.1 --ablate-mode " + mode + " --json");
        ASSERT_EQ(r.exit_code, 0) << r.err;
        const auto json = nlohmann::json::parse(r.out);
        EXPECT_EQ(json["ablate"], nlohmann::json::parse(R"(["1.0", "0.1"])"));
        EXPECT_EQ(json["ablate_mode"], mode);
        Inputs in = plain;
        in.interventions = parse_head_list(model.config, "1.0,0.1", mode == "mean" ? HeadChange::Mean : HeadChange::Zero);
        const RowVec changed = run_forward_untraced(model, in).logits.row(1), before = run_forward_untraced(model, plain).logits.row(1);
        const auto want = top_candidates(ConstRowVecMap(changed.data(), changed.size()), 5);
        const auto& top = json["predictions"][0]["top"];
        ASSERT_EQ(top.size(), 5u);
        for (size_t i = 0; i < 5; ++i) {
            EXPECT_EQ(top[i]["id"], want[i].id) << mode;
            EXPECT_NEAR(top[i]["probability"].get<double>(), want[i].probability, 1e-6) << mode;
            EXPECT_NEAR(top[i]["baseline_probability"].get<double>(), token_probability(ConstRowVecMap(before.data(), before.size()), want[i].id), 1e-6);
        }
    }
    // The app's own model: the induction head 3.2 of the Shakespeare model, text output.
    const Result own = run("predict --config builtin:shakespeare --text 'the cat sat on the mat because the c' --top-k 2 --ablate 3.2");
    ASSERT_EQ(own.exit_code, 0) << own.err;
    EXPECT_NE(own.out.find("with head 3.2 knocked out (zero)"), std::string::npos) << own.out;
    EXPECT_NE(own.out.find("(was 74.41 %)"), std::string::npos) << own.out;
    const Result bad = run("predict --config builtin:shakespeare --text 'x' --ablate 4.0");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_EQ(bad.err, "attentionlab: head 4.0: the model has 4 layers (0–3)\n");
}

// attentionlab lens: one row per layer plus the embeddings, each position's top tokens; the last
// row is what predict lists.
TEST(CliModel, LensReadsEachLayersGuessAndEndsAtThePrediction) {
    const Result r = run("lens --model '" + kData + "gpt2-tiny' --text ' the cat' --top-k 4 --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto json = nlohmann::json::parse(r.out);
    const Model model = open_hf_model(kData + "gpt2-tiny");
    ASSERT_EQ(json["rows"].size(), static_cast<size_t>(model.config.decoder_layers()) + 1);
    EXPECT_EQ(json["rows"][0]["layer"], "embeddings");
    EXPECT_EQ(json["rows"][1]["stage"], "decoder.layers.0.output");
    ASSERT_EQ(json["rows"][0]["positions"].size(), 2u);
    const auto predicted = nlohmann::json::parse(run("predict --model '" + kData + "gpt2-tiny' --text ' the cat' --top-k 4 --json").out);
    const auto& last = json["rows"].back()["positions"][1]["top"];
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(last[i]["id"], predicted["predictions"][0]["top"][i]["id"]);
        EXPECT_NEAR(last[i]["probability"].get<double>(), predicted["predictions"][0]["top"][i]["probability"].get<double>(), 1e-6);
    }
    const Result text = run("lens --config builtin:shakespeare --text 'the cat sat on the mat because the c'");
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_NE(text.out.find("the guess after position 35 (\"c\")"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("layer 3      a             74.4 %"), std::string::npos) << text.out;
    const Result outside = run("lens --config builtin:shakespeare --text 'ab' --position 5");
    EXPECT_EQ(outside.exit_code, 1);
    EXPECT_EQ(outside.err, "attentionlab: position 5 is outside the text's 2 tokens\n");
}

TEST(CliModel, GenerateIsGreedyByDefaultAndSeededWhenSampling) {
    const Result greedy = run("generate --model '" + kData + "gpt2-tiny' --text ' the cat' --max-new-tokens 6 --json");
    ASSERT_EQ(greedy.exit_code, 0) << greedy.err;
    const auto g = nlohmann::json::parse(greedy.out);
    // Greedy: each token is the argmax of the logits of everything before it (recomputed here without a cache).
    const Model model = open_hf_model(kData + "gpt2-tiny");
    std::vector<int32_t> ids{258, 263};
    for (const auto& step : g["steps"]) {
        const ForwardOutput out = run_forward_untraced(model, {sequence_from_ids(model, model.bind(), ids), {}});
        Eigen::Index best;
        out.logits.row(out.logits.rows() - 1).maxCoeff(&best);
        EXPECT_EQ(step["id"], best);
        if (step["id"] == 264) break;
        ids.push_back(static_cast<int32_t>(best));
    }
    const std::string sample = "generate --model '" + kData + "gpt2-tiny' --text ' the cat' --max-new-tokens 6 --temperature 1.5 --top-k 20 --json";
    const Result a = run(sample + " --seed 7"), b = run(sample + " --seed 7"), c = run(sample + " --seed 8");
    ASSERT_EQ(a.exit_code, 0) << a.err;
    EXPECT_EQ(a.out, b.out);
    EXPECT_NE(nlohmann::json::parse(a.out)["generated_ids"], nlohmann::json::parse(c.out)["generated_ids"]);
    const Result text = run("generate --model '" + kData + "gpt2-tiny' --text ' the cat' --max-new-tokens 3");
    ASSERT_EQ(text.exit_code, 0);
    EXPECT_EQ(text.out.rfind(" the cat", 0), 0u);  // the prompt, then what was added
}

TEST(CliModel, BadRequestsAreOneLineAndNonZero) {
    auto one_line = [](const Result& r, int code, const std::string& says) {
        EXPECT_EQ(r.exit_code, code) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find(says), std::string::npos) << r.err;
    };
    one_line(run("predict --model '" + kData + "bert-tiny' --text 'no mask here'"), 1, "the text has no [MASK]");
    one_line(run("predict --model '" + kData + "bert-tiny-no-head' --text 'the [MASK]'"), 1, "has no masked-word head");
    one_line(run("generate --model '" + kData + "bert-tiny' --text 'the' --max-new-tokens 3"), 1, "BERT does not generate text");
    one_line(run("generate --model '" + kData + "gpt2-tiny' --text 'the'"), 2, "--max-new-tokens N is required");
    one_line(run("generate --model '" + kData + "gpt2-tiny' --text 'the' --max-new-tokens 2 --temperature -1"), 2, "--temperature must be");
    one_line(run("predict --text 'the'"), 2, "--model DIR (a Hugging Face folder) or --config builtin:NAME");
    one_line(run("trace --model /nonexistent --out /tmp/x"), 1, "is not a folder");
    one_line(run("trace --model '" + kData + "gpt2-tiny' --config c.json --out /tmp/x"), 2, "drop --config");
    std::string longer;
    for (int i = 0; i < 40; ++i) longer += " cat";
    one_line(run("predict --model '" + kData + "gpt2-tiny' --text '" + longer + "'"), 1,
             "the text has 40 tokens but this model reads at most 32; shorten it or truncate it (--truncate keeps the first 32)");
    const Result cut = run("predict --model '" + kData + "gpt2-tiny' --text '" + longer + "' --truncate --json");
    EXPECT_EQ(cut.exit_code, 0) << cut.err;
    EXPECT_EQ(nlohmann::json::parse(cut.out)["token_ids"].size(), 32u);
}

}  // namespace

namespace {

// Llama, Qwen2 and Mistral folders through trace, predict and generate (issue 24): the model's own
// tokenizer (Llama 3's <|begin_of_text|> first), K/V heads in the manifest, greedy generation equal
// to the library's cached generator, stopping at config.json's eos_token_id.
TEST(CliModel, LlamaQwen2AndMistralFoldersTracePredictAndGenerate) {
    const std::string out = temp_dir("trace_llama");
    const Result r = run("trace --model '" + kData + "llama-tiny' --text 'the cat' --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out + "/manifest.json");
    const auto manifest = nlohmann::json::parse(in);
    EXPECT_EQ(manifest["token_ids"], nlohmann::json({264, 116, 257, 261}));
    EXPECT_EQ(manifest["num_kv_heads"], 2);
    EXPECT_EQ(manifest["config"]["family"], "llama");
    EXPECT_EQ(read_npy(out + "/decoder.layers.0.self_attn.k.npy").shape, (std::vector<int64_t>{4, 8}));  // 2 K/V heads × d_k 4
    EXPECT_EQ(read_npy(out + "/decoder.layers.0.self_attn.weights.npy").shape, (std::vector<int64_t>{4, 4, 4}));
    fs::remove_all(out);

    for (const char* folder : {"llama-tiny", "qwen2-tiny", "qwen3-tiny", "mistral-tiny"}) {
        SCOPED_TRACE(folder);
        const Result g = run(std::string("generate --model '") + kData + folder + "' --text 'the cat' --max-new-tokens 6 --json");
        ASSERT_EQ(g.exit_code, 0) << g.err;
        const auto json = nlohmann::json::parse(g.out);
        const Model model = open_hf_model(kData + folder);
        std::vector<int32_t> prompt = json["prompt_ids"].get<std::vector<int32_t>>();
        EXPECT_EQ(prompt, model.tokenizer->encode("the cat"));
        KvCacheGenerator gen(model, prompt);
        std::vector<int32_t> want;
        for (int i = 0; i < 6; ++i) {
            const int32_t id = gen.choose({});
            const auto ends = end_of_text_ids(model);
            if (std::find(ends.begin(), ends.end(), id) != ends.end()) break;
            want.push_back(id);
            gen.append(id);
        }
        EXPECT_EQ(json["generated_ids"].get<std::vector<int32_t>>(), want);
        const Result p = run(std::string("predict --model '") + kData + folder + "' --text 'the cat' --top-k 3 --json");
        ASSERT_EQ(p.exit_code, 0) << p.err;
        EXPECT_EQ(nlohmann::json::parse(p.out)["predictions"][0]["top"][0]["id"], json["generated_ids"][0]);
    }
}

TEST(CliModel, ChatWrapsTheTextInTheModelsTemplate) {
    // qwen2-tiny's tokenizer_config.json holds a ChatML template (scripts/make_hf_fixtures.py).
    const std::string prompt = "<|im_start|>system\nYou are Qwen.<|im_end|>\n<|im_start|>user\nthe cat<|im_end|>\n<|im_start|>assistant\n";
    const Model qwen = open_hf_model(kData + "qwen2-tiny");
    ASSERT_TRUE(qwen.card->chat);
    EXPECT_EQ(chat_prompt(qwen, "the cat"), prompt);
    const Result g = run("generate --model '" + kData + "qwen2-tiny' --text 'the cat' --chat --max-new-tokens 2 --json");
    ASSERT_EQ(g.exit_code, 0) << g.err;
    const auto ids = nlohmann::json::parse(g.out)["prompt_ids"].get<std::vector<int32_t>>();
    EXPECT_EQ(ids, qwen.tokenizer->encode(prompt, false));
    EXPECT_EQ(ids.front(), qwen.tokenizer->id_of("<|im_start|>"));  // the template's special tokens are tokens, not text
    // A model without a template, and --chat without a model: one line, non-zero.
    const Result none = run("predict --model '" + kData + "llama-tiny' --text 'the cat' --chat");
    EXPECT_NE(none.exit_code, 0);
    EXPECT_NE(none.err.find("this model has no chat template"), std::string::npos) << none.err;
    const Result own = run("trace --text 'the cat' --chat --out '" + temp_dir("chat_own") + "'");
    EXPECT_NE(own.exit_code, 0);
    EXPECT_NE(own.err.find("--chat wraps the text in a Hugging Face model's chat template"), std::string::npos) << own.err;
}

}  // namespace
