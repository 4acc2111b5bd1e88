// attentionlab train --task text, generate and heads on the app's own text-trained models, run as a
// user runs them.
#include "cli_test_util.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "io/builtin_models.h"
#include "io/npy.h"
#include "io/safetensors.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace {

using namespace attn::cli_test;

// The text task on a small corpus: bits per character, a sample, the character model `trace` opens.
TEST(CliTrain, TheTextTaskLearnsACorpusAndItsBadInputsAreOneLine) {
    const std::string dir = temp_dir("train_text");
    fs::create_directories(dir);
    std::string corpus;
    for (int i = 0; i < 60; ++i) corpus += "To be, or not to be, that is the question.\n";
    write(dir + "/hamlet.txt", corpus);
    const Result r = run("train --task text --corpus " + dir + "/hamlet.txt --tokenizer char --layers 1 --heads 2 --d-model 16 "
                         "--context 16 --steps 30 --out " + dir + "/o");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream summary_file(dir + "/o/summary.json");
    const auto summary = nlohmann::json::parse(summary_file);
    EXPECT_EQ(summary["task"], "text");
    EXPECT_EQ(summary["corpus"], "hamlet.txt");
    EXPECT_NEAR(summary["held_out_bits_per_char"].get<double>(), summary["held_out_loss"].get<double>() / std::log(2.0), 1e-9);
    EXPECT_GT(summary["sample"].get<std::string>().size(), 100u);
    const auto config = nlohmann::json::parse(std::ifstream(dir + "/o/config.json"));
    EXPECT_EQ(config["tokenizer"], "char");
    EXPECT_EQ(config["max_len"], 16);
    EXPECT_EQ(config["positional_encoding"], "learned");
    const Result trace = run("trace --config " + dir + "/o/config.json --weights " + dir + "/o/model.safetensors --text 'To be' --out " +
                             dir + "/trace");
    ASSERT_EQ(trace.exit_code, 0) << trace.output;
    EXPECT_EQ(attn::read_npy(dir + "/trace/output.probs.npy").shape[0], 5);  // T, o, ␣, b, e
    write(dir + "/empty.txt", "");
    write(dir + "/binary.bin", std::string("PK\x03\x04\0\0", 6));
    write(dir + "/latin1.txt", "caf\xe9 au lait");
    write(dir + "/short.txt", "To be.");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"train --task text --out " + dir + "/x", "--task text needs --corpus FILE"},
        {"train --task text --corpus " + dir + "/empty.txt --out " + dir + "/x", "is empty"},
        {"train --task text --corpus " + dir + "/binary.bin --out " + dir + "/x", "is not text (a zero byte at offset 4)"},
        {"train --task text --corpus " + dir + "/latin1.txt --out " + dir + "/x", "UTF-8"},
        {"train --task text --corpus " + dir + "/short.txt --out " + dir + "/x", "has 6 characters"},
        {"train --task text --corpus " + dir + "/missing.txt --out " + dir + "/x", "missing.txt"},
        {"train --task text --corpus " + dir + "/hamlet.txt --tokenizer bpe --out " + dir + "/x", "--tokenizer is char"},
        {"train --task text --corpus " + dir + "/hamlet.txt --d-model 30 --heads 4 --out " + dir + "/x", "must divide into --heads"},
        {"train --task text --corpus " + dir + "/hamlet.txt --repeats 2 --out " + dir + "/x", "--repeats is a share from 0 to 1"},
        {"train --task reverse --corpus " + dir + "/hamlet.txt --out " + dir + "/x", "--corpus belongs to --task text"},
    };
    expect_one_line_failures(cases);
    fs::remove_all(dir);
}

// The command: 200 characters from builtin:shakespeare, past its 64-character context, the
// same as the library's generator sliding its cache.
TEST(CliGenerate, TheShakespeareModelWritesPastItsContext) {
    const Result r = run("generate --config builtin:shakespeare --text 'ROMEO:' --tokens 200 --seed 1 --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto json = nlohmann::json::parse(r.output.substr(r.output.find('{')));
    const auto generated = json["generated_ids"].get<std::vector<int32_t>>();
    ASSERT_EQ(generated.size(), 200u);
    const attn::Model model = attn::make_model(attn::load_model_config("builtin:shakespeare"), attn::read_safetensors("builtin:shakespeare"));
    std::vector<int32_t> ids = attn::encode_text(model, "ROMEO:");
    attn::KvCacheGenerator gen(model, ids);
    for (size_t i = 0; i < generated.size(); ++i) {
        const int32_t id = gen.choose({});
        ASSERT_EQ(id, generated[i]) << "token " << i;
        if (gen.ids().size() == 64u) gen.slide(63);
        gen.append(id);
    }
    EXPECT_EQ(json["generated"], attn::decode_ids(model, generated));
    EXPECT_EQ(json["stopped"], "max_new_tokens");
    const Result plain = run("generate --config builtin:shakespeare --text 'ROMEO:' --tokens 20");
    EXPECT_EQ(plain.exit_code, 0);
    EXPECT_EQ(plain.output.rfind("ROMEO:", 0), 0u) << plain.output;
    const Result unknown = run("generate --config builtin:shakespeare --text '床' --tokens 5");
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_NE(unknown.output.find("\"床\" is not one of the model's 65 tokens"), std::string::npos) << unknown.output;
    EXPECT_NE(run("generate --config builtin:nope --text a --tokens 5").output.find("the built-in models are"), std::string::npos);
}

TEST(CliHeads, NamesThePreviousTokenAndInductionHeads) {
    const Result r = run("heads --config builtin:shakespeare --text 'ROMEO: I love thee. JULIET: I love thee.' --json");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto json = nlohmann::json::parse(r.output.substr(r.output.find('{')));
    ASSERT_EQ(json["heads"].size(), 16u);
    EXPECT_GE(json["heads"][0]["previous_token"].get<double>(), 0.9);  // layer 0 head 0
    EXPECT_GE(json["heads"][14]["induction"].get<double>(), 0.4);      // layer 3 head 2
    const Result table = run("heads --config builtin:induction --text 'a b c d a b c d a b c d a b c d'");
    EXPECT_NE(table.output.find("induction head"), std::string::npos) << table.output;
}

}  // namespace
