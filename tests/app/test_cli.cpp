// `attentionlab` as a user runs it: a real process, with no display at all.
#include "engine/generate.h"
#include "engine/sequence.h"
#include "io/builtin_models.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "base/tensor.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_test_util.h"

namespace {

using namespace attn::cli_test;

TEST(Cli, HelpAndVersion) {
    const Result help = run("--help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("attentionlab trace"), std::string::npos);
    const Result version = run("--version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_EQ(version.output.rfind("attentionlab 0.", 0), 0u) << version.output;
}

// A file manager opening a session runs `attentionlab file.attnlab.json`: the app, not the CLI.
TEST(Cli, ASessionFileOpensTheApp) {
    const std::string session = std::string(ATTN_RESOURCES) + "/presets/translation.json";
    const Result app = run("'" + session + "'", "QT_QPA_PLATFORM=offscreen ATTN_EXIT_AFTER_FIRST_PAINT=1 XDG_CONFIG_HOME=" + temp_dir("gui_config"));
    EXPECT_EQ(app.exit_code, 0) << app.output;
    EXPECT_EQ(app.output.find("unknown command"), std::string::npos) << app.output;
    EXPECT_NE(run("no-such-file.json").output.find("unknown command"), std::string::npos);  // not a file: the CLI says so
}

// Every command has its own --help (its options, then the shared model and input options).
TEST(Cli, EveryCommandHasItsOwnHelp) {
    for (const auto& [command, option] : std::vector<std::pair<std::string, std::string>>{
             {"trace", "--out DIR"}, {"export", "--width W"}, {"grad", "--labels L.npy"}, {"train", "--task NAME"}, {"bench", "--only NAME"}}) {
        const Result r = run(command + " --help");
        EXPECT_EQ(r.exit_code, 0) << command << ": " << r.output;
        EXPECT_EQ(r.output.rfind("Usage: attentionlab " + command, 0), 0u) << r.output;
        EXPECT_NE(r.output.find(option), std::string::npos) << command;
        EXPECT_EQ(run(command + " -h").output, r.output);
    }
    EXPECT_NE(run("export --help").output.find("--config C.json"), std::string::npos);  // the shared options too
}

TEST(Cli, TraceWritesManifestAndOneNpyPerStage) {
    const std::string out = temp_dir("trace");
    const Result r = run("trace --text 'the cat sat on the mat' --out " + out);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream manifest_file(out + "/manifest.json");
    const auto manifest = nlohmann::json::parse(manifest_file);
    EXPECT_EQ(manifest["src_tokens"], (std::vector<std::string>{"the", "cat", "sat", "on", "the", "mat"}));
    size_t found = 0;
    for (const auto& stage : manifest["stages"]) {
        const std::string name = stage["name"];
        const attn::Tensor t = attn::read_npy(out + "/" + name + ".npy");
        EXPECT_EQ(t.shape, stage["shape"].get<std::vector<int64_t>>()) << name;
        EXPECT_FALSE(stage["description"].get<std::string>().empty());
        if (name == "encoder.layers.0.self_attn.weights") {
            ++found;
            EXPECT_EQ(t.shape, (std::vector<int64_t>{2, 6, 6}));
        }
        if (name == "src.positional" || name == "encoder.output") ++found;
    }
    EXPECT_EQ(found, 3u);
    fs::remove_all(out);
}

TEST(Cli, EncoderDecoderFromEmbeddings) {
    const std::string dir = temp_dir("encdec");
    fs::create_directories(dir);
    write(dir + "/config.json", R"({"architecture": "encoder-decoder", "d_model": 4, "nhead": 2})");
    attn::Tensor src({3, 4}), tgt({2, 4});
    for (size_t i = 0; i < src.data.size(); ++i) src.data[i] = 0.1f * static_cast<float>(i);
    attn::write_npy(dir + "/src.npy", src);
    attn::write_npy(dir + "/tgt.npy", tgt);
    const Result r = run("trace --config " + dir + "/config.json --src-embeddings " + dir + "/src.npy --tgt-embeddings " +
                      dir + "/tgt.npy --out " + dir + "/out");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_EQ(attn::read_npy(dir + "/out/src.embeddings.npy"), src);
    EXPECT_EQ(attn::read_npy(dir + "/out/decoder.layers.0.multihead_attn.weights.npy").shape,
              (std::vector<int64_t>{2, 2, 3}));
    EXPECT_EQ(attn::read_npy(dir + "/out/tgt.positional.npy").shape, (std::vector<int64_t>{2, 4}));
    fs::remove_all(dir);
}

TEST(Cli, BadInputIsOneLineAndNonZero) {
    const std::string dir = temp_dir("bad");
    fs::create_directories(dir);
    write(dir + "/bad.json", R"({"d_model": 10, "nhead": 4})");
    write(dir + "/broken.json", R"({"d_model": )");
    write(dir + "/translation.json", R"({"architecture": "encoder-decoder"})");
    write(dir + "/huge.json", R"({"d_model": 65536, "nhead": 1, "dim_feedforward": 65536, "num_encoder_layers": 40})");
    write(dir + "/w.safetensors", "not a safetensors file");
    attn::Tensor wrong({3, 5});
    attn::write_npy(dir + "/wrong.npy", wrong);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"trace --config /no/such.json --text a --out " + dir, "cannot open config file '/no/such.json'"},
        {"trace --config " + dir + "/bad.json --text a --out " + dir, "d_model (10) must be divisible by nhead (4)"},
        {"trace --config " + dir + "/broken.json --text a --out " + dir, "not valid JSON"},
        {"trace --weights " + dir + "/w.safetensors --text a --out " + dir, "header length"},
        {"trace --src-embeddings " + dir + "/wrong.npy --out " + dir, "has shape [3, 5] but embeddings must be [tokens, 8]"},
        {"trace --text '' --out " + dir, "type at least one word: there are no tokens"},
        {"trace --text \"$(printf '\\377')\" --out " + dir, "not valid UTF-8"},
        {"trace --text a", "--out DIR is required"},
        {"trace --config " + dir + "/translation.json --text a --out " + dir, "the target is missing"},
        {"trace --text a --colour red --out " + dir, "unknown option '--colour'"},
        {"trace --txt a --out " + dir, "unknown option '--txt'; did you mean '--text'?"},
        {"trace --text a --out " + dir + " --out " + dir, "option --out is given twice"},
        {"trace --text a --out", "option --out needs a value"},
        {"frobnicate", "unknown command 'frobnicate'"},
        {"trace --text a --out /proc/forbidden", "cannot"},
        {"trace --config " + dir + "/huge.json --text 'a b c' --out " + dir, "GB of memory; the limit is"},
    };
    for (const auto& [args, expected] : cases) {
        const Result r = run(args);
        EXPECT_NE(r.exit_code, 0) << args;
        EXPECT_NE(r.output.find(expected), std::string::npos) << args << "\n" << r.output;
        EXPECT_EQ(line_count(r.output), 1u) << args << "\n" << r.output;
        EXPECT_EQ(r.output.rfind("attentionlab: ", 0), 0u) << r.output;
    }
    fs::remove_all(dir);
}

TEST(Cli, MissingTensorIsNamed) {
    const std::string dir = temp_dir("missing");
    fs::create_directories(dir);
    // A safetensors file with one tensor only.
    const std::string header = R"({"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})";
    std::string file(8, '\0');
    file[0] = static_cast<char>(header.size());
    file += header + std::string(4, '\0');
    write(dir + "/w.safetensors", file);
    const Result r = run("trace --weights " + dir + "/w.safetensors --text a --out " + dir + "/out");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("the weights have no tensor 'encoder.layers.0.self_attn.in_proj_weight'"), std::string::npos)
        << r.output;
    fs::remove_all(dir);
}

}  // namespace

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Width and height from a PNG's IHDR chunk.
std::pair<uint32_t, uint32_t> png_size(const std::string& bytes) {
    auto be32 = [&](size_t at) {
        return (uint32_t(uint8_t(bytes[at])) << 24) | (uint32_t(uint8_t(bytes[at + 1])) << 16) |
               (uint32_t(uint8_t(bytes[at + 2])) << 8) | uint32_t(uint8_t(bytes[at + 3]));
    };
    return bytes.size() > 24 ? std::pair{be32(16), be32(20)} : std::pair{0u, 0u};
}

const std::string kText = "--text 'the cat sat on the mat' ";
const std::string kStage = "--stage encoder.layers.0.self_attn.weights ";

TEST(CliExport, EveryFormatWithoutADisplay) {
    const std::string dir = temp_dir("export");
    fs::create_directories(dir);
    for (const char* format : {"png", "svg", "pdf", "csv", "npy", "json"}) {
        const std::string out = dir + "/w." + format;
        const Result r = run("export " + kText + kStage + "--head 1 --format " + format + " --out " + out);
        ASSERT_EQ(r.exit_code, 0) << format << ": " << r.output;
        EXPECT_GT(fs::file_size(out), 100u) << format;
    }
    EXPECT_EQ(read_file(dir + "/w.png").substr(1, 3), "PNG");
    EXPECT_EQ(read_file(dir + "/w.pdf").substr(0, 4), "%PDF");
    EXPECT_NE(read_file(dir + "/w.svg").find(">cat</text>"), std::string::npos);
    const Result titled = run("export " + kText + kStage + "--format svg --title 'Figure 3' --xlabel keys --ylabel queries --out " + dir + "/t.svg");
    ASSERT_EQ(titled.exit_code, 0) << titled.output;
    for (const char* text : {">Figure 3</text>", ">keys</text>", ">queries</text>"})
        EXPECT_NE(read_file(dir + "/t.svg").find(text), std::string::npos) << text;
    EXPECT_EQ(read_file(dir + "/w.csv").substr(0, 50), "source token \\ source token,the,cat,sat,on,the,mat");
    fs::remove_all(dir);
}

TEST(CliExport, DataEqualsTheTrace) {
    const std::string dir = temp_dir("export_data");
    ASSERT_EQ(run("trace " + kText + "--out " + dir + "/trace").exit_code, 0);
    ASSERT_EQ(run("export " + kText + kStage + "--format npy --out " + dir + "/all.npy").exit_code, 0);
    ASSERT_EQ(run("export " + kText + kStage + "--head 1 --format npy --out " + dir + "/h1.npy").exit_code, 0);
    const attn::Tensor whole = attn::read_npy(dir + "/trace/encoder.layers.0.self_attn.weights.npy");
    EXPECT_EQ(attn::read_npy(dir + "/all.npy"), whole);
    const attn::Tensor h1 = attn::read_npy(dir + "/h1.npy");
    ASSERT_EQ(h1.shape, (std::vector<int64_t>{6, 6}));
    EXPECT_TRUE(h1.matrix() == whole.slice(1));
    ASSERT_EQ(run("export " + kText + kStage + "--head 1 --format json --out " + dir + "/h1.json").exit_code, 0);
    const auto json = nlohmann::json::parse(read_file(dir + "/h1.json"));
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j) EXPECT_EQ(json["values"][i][j].get<float>(), whole.slice(1)(i, j));
    fs::remove_all(dir);
}

TEST(CliExport, SameCommandSameBytes) {
    const std::string dir = temp_dir("export_twice");
    fs::create_directories(dir);
    for (const char* format : {"png", "csv", "npy", "json"}) {
        const std::string a = dir + "/a." + format, b = dir + "/b." + format;
        ASSERT_EQ(run("export " + kText + kStage + "--format " + format + " --out " + a).exit_code, 0);
        ASSERT_EQ(run("export " + kText + kStage + "--format " + format + " --out " + b).exit_code, 0);
        EXPECT_EQ(read_file(a), read_file(b)) << format;
    }
    fs::remove_all(dir);
}

// The width a paper asks for, the same in every format: PNG pixels = width × dpi, the
// PDF page and the SVG's width in points (whole points: Qt writes PDF pages so).
TEST(CliExport, WidthAndDpiSetOnePhysicalSize) {
    const std::string dir = temp_dir("export_size");
    fs::create_directories(dir);
    for (const auto& [width, points] : {std::pair{"3.3in", 238}, std::pair{"7in", 504}, std::pair{"12cm", 340}}) {
        for (const char* format : {"png", "svg", "pdf"}) {
            const std::string out = dir + "/w." + format;
            const Result r = run("export " + kText + kStage + "--format " + format + " --width " + width + " --dpi 300 --out " + out);
            ASSERT_EQ(r.exit_code, 0) << r.output;
        }
        EXPECT_EQ(png_size(read_file(dir + "/w.png")).first, static_cast<uint32_t>(std::lround(points * 300.0 / 72)));
        EXPECT_NE(read_file(dir + "/w.svg").find("width=\"" + std::to_string(points) + "pt\""), std::string::npos) << width;
        EXPECT_NE(read_file(dir + "/w.pdf").find("/MediaBox [0 0 " + std::to_string(points) + ".000000 "), std::string::npos) << width;
    }
    // --dpi scales the pixels only; --scale S is the older spelling of --dpi 96·S.
    ASSERT_EQ(run("export " + kText + kStage + "--format png --dpi 72 --out " + dir + "/d72.png").exit_code, 0);
    ASSERT_EQ(run("export " + kText + kStage + "--format png --dpi 216 --out " + dir + "/d216.png").exit_code, 0);
    ASSERT_EQ(run("export " + kText + kStage + "--format png --scale 2.25 --out " + dir + "/s.png").exit_code, 0);
    const auto [w1, h1] = png_size(read_file(dir + "/d72.png"));
    const auto [w3, h3] = png_size(read_file(dir + "/d216.png"));
    EXPECT_GT(w1, 150u);
    EXPECT_EQ(w3, 3 * w1);
    EXPECT_EQ(h3, 3 * h1);
    EXPECT_EQ(png_size(read_file(dir + "/s.png")).first, w3);
    fs::remove_all(dir);
}

TEST(CliExport, WithoutTextTheBuiltInExample) {
    const std::string dir = temp_dir("export_example");
    fs::create_directories(dir);
    const Result r = run("export " + kStage + "--format csv --out " + dir + "/w.csv");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("the built-in example"), std::string::npos) << r.output;
    EXPECT_NE(read_file(dir + "/w.csv").find(",the,cat,sat,on,the,mat"), std::string::npos);
    fs::remove_all(dir);
}

TEST(CliExport, AllStagesAllHeadsAndSessions) {
    const std::string dir = temp_dir("export_all");
    const Result all = run("export " + kText + "--stage all --format csv --out " + dir + "/all");
    ASSERT_EQ(all.exit_code, 0) << all.output;
    EXPECT_NE(all.output.find("every head of each multi-head stage"), std::string::npos) << all.output;
    for (const char* head : {"head0", "head1"})  // every head, not head 0 alone
        EXPECT_TRUE(fs::exists(dir + "/all/encoder.layers.0.self_attn.weights." + head + ".csv")) << head;
    const Result one = run("export " + kText + kStage + "--format png --out " + dir + "/one.png");
    EXPECT_NE(one.output.find("head 0 of 2"), std::string::npos) << one.output;
    EXPECT_TRUE(fs::exists(dir + "/all/encoder.output.csv"));
    const Result heads = run("export " + kText + kStage + "--all-heads --format svg --out " + dir + "/heads");
    ASSERT_EQ(heads.exit_code, 0) << heads.output;
    EXPECT_TRUE(fs::exists(dir + "/heads/encoder.layers.0.self_attn.weights.head1.svg"));
    const std::string session = std::string(ATTN_RESOURCES) + "/presets/translation.json";
    const Result s = run("export --session " + session + " --stage decoder.layers.0.multihead_attn.weights --format json --out " +
                         dir + "/cross.json");
    ASSERT_EQ(s.exit_code, 0) << s.output;
    EXPECT_EQ(nlohmann::json::parse(read_file(dir + "/cross.json"))["row_labels"][1], "love");
    fs::remove_all(dir);
}

// The heads grid without a display: GPT-2's 12 × 12 heads (here a narrow model of that shape) at a
// journal's column width, and the layers and heads asked for.
TEST(CliExport, TheHeadsGridFitsAColumn) {
    const std::string dir = temp_dir("export_grid");
    fs::create_directories(dir);
    write(dir + "/c.json", R"({"d_model": 48, "nhead": 12, "num_encoder_layers": 12, "num_decoder_layers": 0,
                               "dim_feedforward": 96, "causal": true})");
    const Result all = run("export --config " + dir + "/c.json " + kText + "--stage heads-grid --format png --width 3.3in --out " +
                           dir + "/grid.png");
    ASSERT_EQ(all.exit_code, 0) << all.output;
    EXPECT_NE(all.output.find("12 layers × 12 heads"), std::string::npos) << all.output;
    EXPECT_EQ(png_size(read_file(dir + "/grid.png")).first, static_cast<uint32_t>(std::lround(238 * 300.0 / 72)));
    const Result some = run("export --config " + dir + "/c.json " + kText +
                            "--stage heads-grid --layers 0,11 --heads 3-5 --format svg --width 7in --out " + dir + "/some.svg");
    ASSERT_EQ(some.exit_code, 0) << some.output;
    EXPECT_NE(some.output.find("2 layers × 3 heads"), std::string::npos) << some.output;
    fs::remove_all(dir);
}

TEST(CliExport, BadRequestsAreOneLineAndNonZero) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"export " + kText + "--stage nope --format png --out /tmp/x.png", "valid stages: src.embeddings, src.positional"},
        {"export " + kText + kStage + "--format png --out /no/such/dir/x.png", "does not exist"},
        {"export " + kText + kStage + "--format csv --out /proc/x.csv", "cannot write"},
        {"export " + kText + kStage + "--format gif --out x.gif", "choose one of: png, svg, pdf, csv, npy, json"},
        {"export " + kText + kStage + "--head 7 --format png --out /tmp/x.png", "head 7 does not exist"},
        {"export " + kText + kStage + "--format png --scale big --out /tmp/x.png", "--scale must be a number"},
        {"export " + kText + kStage + "--format png --colormap jet --out /tmp/x.png", "--colormap cannot be 'jet'"},
        {"export " + kText + kStage + "--format png --width 3furlongs --out /tmp/x.png", "is not a length"},
        {"export " + kText + kStage + "--format png --width 30pt --out /tmp/x.png", "too narrow for this figure"},
        {"export " + kText + kStage + "--format png --labels some --out /tmp/x.png", "--labels cannot be 'some'"},
        {"export " + kText + kStage + "--format png --title T --no-title --out /tmp/x.png", "either --title or --no-title"},
        {"export " + kText + kStage + "--format png --dpi 5 --out /tmp/x.png", "--dpi must be a number from 10 to 2400"},
        {"export " + kText + "--format png --out /tmp/x.png", "--stage NAME is required"},
        {"export --session /no/such.json " + kStage + "--format csv --out /tmp/x.csv", "cannot open session file"},
        {"export " + kText + "--stage heads-grid --format csv --out /tmp/x.csv", "heads-grid is a figure"},
        {"export " + kText + "--stage heads-grid --heads 2 --format png --out /tmp/x.png", "names 2, but there are only 2 (0 to 1)"},
        {"export " + kText + "--stage heads-grid --layers 1-0 --format png --out /tmp/x.png", "is not a list such as 0,2-4"},
        {"export " + kText + kStage + "--heads 0 --format png --out /tmp/x.png", "--layers and --heads choose the rows"},
    };
    for (const auto& [args, expected] : cases) {
        const Result r = run(args);
        EXPECT_NE(r.exit_code, 0) << args;
        EXPECT_NE(r.output.find(expected), std::string::npos) << args << "\n" << r.output;
        EXPECT_EQ(line_count(r.output), 1u) << args << "\n" << r.output;
    }
}

}  // namespace

namespace {

TEST(CliBadInput, TextsOfEveryShape) {
    const std::string dir = temp_dir("texts");
    EXPECT_EQ(run("trace --text '   ' --out " + dir).exit_code, 1);
    EXPECT_NE(run("trace --text '   ' --out " + dir).output.find("type at least one word: there are no tokens"), std::string::npos);
    // A single token, emoji and mixed scripts are fine.
    for (const char* text : {"cat", "hi 😀 👩‍💻", "I 爱 ML, très bien!"}) {
        const Result r = run(std::string("trace --text '") + text + "' --out " + dir);
        EXPECT_EQ(r.exit_code, 0) << text << ": " << r.output;
    }
    std::string many;
    for (int i = 0; i < 5000; ++i) many += "w ";
    const Result r = run("trace --text '" + many + "' --out " + dir);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("the text has 5000 tokens but max_len is 512"), std::string::npos) << r.output;
    EXPECT_EQ(line_count(r.output), 1u);
    fs::remove_all(dir);
}

TEST(CliBadInput, NonFiniteNumbersAreRefused) {
    const std::string dir = temp_dir("nonfinite");
    fs::create_directories(dir);
    attn::Tensor x({2, 8});
    x.data[5] = std::numeric_limits<float>::quiet_NaN();
    attn::write_npy(dir + "/nan.npy", x);
    const Result r = run("trace --src-embeddings " + dir + "/nan.npy --out " + dir + "/out");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.output.find("has a non-finite value at feature 5"), std::string::npos) << r.output;
    // Weights holding infinity, saved as safetensors.
    attn::StateDict weights = attn::initial_state_dict(attn::Config{});
    weights.at("encoder.layers.0.norm2.weight").data[1] = std::numeric_limits<float>::infinity();
    attn::write_safetensors(dir + "/inf.safetensors", weights);
    const Result w = run("trace --weights " + dir + "/inf.safetensors --text a --out " + dir + "/out");
    EXPECT_EQ(w.exit_code, 1);
    EXPECT_NE(w.output.find("tensor 'encoder.layers.0.norm2.weight' holds an infinite value at index 1"), std::string::npos)
        << w.output;
    fs::remove_all(dir);
}

TEST(CliBadInput, OutputNamesWithSpacesAndChinese) {
    const std::string dir = temp_dir("names");
    fs::create_directories(dir);
    const Result r = run("export --text 'the cat' --stage encoder.output --format csv --out '" + dir + "/注意力 output.csv'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_TRUE(fs::exists(dir + "/注意力 output.csv"));
    fs::remove_all(dir);
}

}  // namespace

namespace {

// A 16 KiB file system: the only honest way to see a write fail for lack of space.
// Needs the right to mount (root, as in CI); elsewhere the test says it was skipped.
TEST(CliBadInput, AFullDiskIsAOneLineErrorAndKeepsThePreviousFile) {
    const std::string dir = temp_dir("full");
    fs::create_directories(dir);
    if (std::system(("mount -t tmpfs -o size=16k tmpfs '" + dir + "' 2>/dev/null").c_str()) != 0)
        GTEST_SKIP() << "cannot mount a small tmpfs here (needs root)";
    write(dir + "/w.png", "previous figure");
    write(dir + "/w.npy", "previous data");
    std::string many;
    for (int i = 0; i < 300; ++i) many += "w" + std::to_string(i) + " ";
    // An image through QSaveFile, data through the engine's own atomic writer: both too big for 16 KiB.
    const Result png = run("export " + kText + kStage + "--format png --scale 4 --out " + dir + "/w.png");
    const Result npy = run("export --text '" + many + "' --stage encoder.layers.0.ffn.hidden --format npy --out " + dir + "/w.npy");
    const std::string png_after = read_file(dir + "/w.png"), npy_after = read_file(dir + "/w.npy");
    std::system(("umount '" + dir + "'").c_str());
    fs::remove_all(dir);
    for (const Result* r : {&png, &npy}) {
        EXPECT_EQ(r->exit_code, 1) << r->output;
        EXPECT_NE(r->output.find("No space left on device"), std::string::npos) << r->output;
        EXPECT_EQ(line_count(r->output), 1u) << r->output;
    }
    EXPECT_EQ(png_after, "previous figure");
    EXPECT_EQ(npy_after, "previous data");
}

}  // namespace

namespace {

// The decoder-only autograd fixture (no padding, so the command line can say all of it).
const std::string kGradCase = std::string(ATTN_TEST_DATA) + "/pytorch_grad/decoder_prenorm_gelu_finalnorm";

std::string grad_args(const std::string& out, const std::string& labels = kGradCase + "/labels.npy") {
    return "grad --config " + kGradCase + "/config.json --weights " + kGradCase + "/weights.safetensors --src-embeddings " +
           kGradCase + "/src.npy --labels " + labels + " --out '" + out + "'";
}

TEST(CliGrad, WritesTheLossAndEveryGradientAsPyTorchComputesThem) {
    const std::string out = temp_dir("grad");
    const Result r = run(grad_args(out));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream loss_file(out + "/loss.json");
    const auto loss = nlohmann::json::parse(loss_file);
    std::ifstream case_file(kGradCase + "/case.json");
    EXPECT_NEAR(loss["loss"].get<double>(), nlohmann::json::parse(case_file)["loss"].get<double>(), 1e-5);
    int files = 0;
    for (const auto& entry : fs::directory_iterator(kGradCase + "/grads")) {
        const attn::Tensor expected = attn::read_npy(entry.path().string());
        const attn::Tensor actual = attn::read_npy(out + "/grads/" + entry.path().filename().string());
        ASSERT_EQ(actual.shape, expected.shape) << entry.path();
        for (size_t i = 0; i < expected.data.size(); ++i)
            ASSERT_NEAR(actual.data[i], expected.data[i], 2e-5 * std::max(1.0f, std::abs(expected.data[i]))) << entry.path() << " " << i;
        ++files;
    }
    EXPECT_EQ(files, 29);  // 28 parameters (generator.weight and .bias among them) and the input
    EXPECT_TRUE(fs::exists(out + "/grads/generator.weight.npy"));
    fs::remove_all(out);
}

TEST(CliGrad, BadLabelsAndModelsAreOneLineAndNonZero) {
    const std::string dir = temp_dir("grad_bad");
    fs::create_directories(dir);
    write(dir + "/short.npy", attn::serialize_npy_labels({1, 2}));
    write(dir + "/range.npy", attn::serialize_npy_labels({0, 1, 2, 99, -100, 3}));
    write(dir + "/floats.npy", attn::serialize_npy(attn::Tensor({6})));
    const std::vector<std::pair<std::string, std::string>> cases = {
        {grad_args(dir + "/o", dir + "/short.npy"), "2 labels but the input has 6 positions"},
        {grad_args(dir + "/o", dir + "/range.npy"), "label 99 at position 3 is outside the vocabulary 0…5"},
        {grad_args(dir + "/o", dir + "/floats.npy"), "save them as integers"},
        {"grad --text 'the cat' --labels " + kGradCase + "/labels.npy --out " + dir + "/o", "no output head"},
        {"grad --text 'the cat' --out " + dir + "/o", "--labels L.npy is required"},
    };
    for (const auto& [args, expected] : cases) {
        const Result r = run(args);
        EXPECT_NE(r.exit_code, 0) << args;
        EXPECT_EQ(line_count(r.output), 1u) << r.output;
        EXPECT_NE(r.output.find(expected), std::string::npos) << r.output;
    }
    fs::remove_all(dir);
}

}  // namespace

namespace {

TEST(CliTrain, WritesAModelThatTraceOpens) {
    const std::string out = temp_dir("train");
    const Result r = run("train --task reverse --steps 40 --seed 2 --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream summary_file(out + "/summary.json");
    const auto summary = nlohmann::json::parse(summary_file);
    EXPECT_EQ(summary["steps"], 40);
    EXPECT_EQ(summary["task"], "reverse");
    EXPECT_GE(summary["accuracy"].get<double>(), 0.0);
    std::ifstream log(out + "/log.csv");
    std::string line;
    int rows = 0;
    while (std::getline(log, line)) ++rows;
    EXPECT_EQ(rows, 41);  // the header and one row a step
    const Result trace = run("trace --config '" + out + "/config.json' --weights '" + out + "/model.safetensors' --text '" +
                             summary["example_text"].get<std::string>() + "' --out '" + out + "/trace'");
    ASSERT_EQ(trace.exit_code, 0) << trace.output;
    EXPECT_EQ(attn::read_npy(out + "/trace/output.probs.npy").shape, (std::vector<int64_t>{8, 10}));
    fs::remove_all(out);
}

TEST(CliTrain, EncoderDecoderSummaryNamesTheTargetToo) {
    const std::string out = temp_dir("train_translation");
    const Result r = run("train --task translation --steps 3 --out '" + out + "'");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    std::ifstream summary_file(out + "/summary.json");
    const auto summary = nlohmann::json::parse(summary_file);
    const Result trace = run("trace --config '" + out + "/config.json' --weights '" + out + "/model.safetensors' --text '" +
                             summary["example_text"].get<std::string>() + "' --target-text '" +
                             summary["example_target_text"].get<std::string>() + "' --out '" + out + "/trace'");
    EXPECT_EQ(trace.exit_code, 0) << trace.output;
    fs::remove_all(out);
}

TEST(CliTrain, CtrlCStopsAfterTheCurrentStepAndKeepsWhatWasLearned) {
    const std::string out = temp_dir("train_interrupt");
    const pid_t pid = fork();
    if (pid == 0) {
        const int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        execl(ATTENTIONLAB_EXE, ATTENTIONLAB_EXE, "train", "--task", "sort", "--steps", "1000000", "--out", out.c_str(), nullptr);
        _exit(127);
    }
    // Let it train a little, then interrupt as a terminal's Ctrl+C does.
    for (int i = 0; i < 100 && !fs::exists(out); ++i) usleep(20'000);
    usleep(1'500'000);  // a few steps even in the sanitizer build
    kill(pid, SIGINT);
    int status = 0;
    waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
    std::ifstream summary_file(out + "/summary.json");
    const auto summary = nlohmann::json::parse(summary_file);
    EXPECT_EQ(summary["stopped"], "interrupted");
    EXPECT_GT(summary["steps"].get<int>(), 0);
    EXPECT_LT(summary["steps"].get<int>(), 1000000);
    EXPECT_TRUE(fs::exists(out + "/model.safetensors"));
    fs::remove_all(out);
}

TEST(CliTrain, BadRequestsAreOneLineAndNonZero) {
    const std::string dir = temp_dir("train_bad");
    fs::create_directories(dir);
    write(dir + "/wrong.json", R"({"architecture": "encoder-only", "d_model": 8, "nhead": 2, "vocab": ["x", "y"]})");
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"train --task reverse --lr nan --out " + dir + "/o", "the learning rate (nan) must be a positive number"},
        {"train --task reverse --lr fast --out " + dir + "/o", "--lr takes a number, not 'fast'"},
        {"train --task reverse --steps 0 --out " + dir + "/o", "steps (0) must be at least 1"},
        {"train --task translation --batch-size 100000 --out " + dir + "/o", "larger than the translation task's"},
        {"train --task nope --out " + dir + "/o", "there is no task 'nope'"},
        {"train --task reverse --config " + dir + "/wrong.json --out " + dir + "/o", "needs its own vocab of 10 tokens"},
        {"train --task induction --weights builtin:reverse --out " + dir + "/o", "tensor 'embedding.weight' has shape [10, 32] but this config needs [16, 32]"},
        {"train --task reverse --optimizer adam --out " + dir + "/o", "--optimizer is adamw or sgd"},
        {"train --out " + dir + "/o", "--task NAME is required"},
    };
    expect_one_line_failures(cases);
    fs::remove_all(dir);
}

// The portable binary on CPUs without AVX: run under qemu's user-mode emulator with a baseline
// x86-64 CPU model (qemu64: SSE2, no AVX), it picks the baseline kernels and computes the same
// trace as this machine does with them; as a Haswell (AVX2, FMA) it picks the AVX2 kernels. An AVX
// instruction reached on the baseline CPU would stop the run with SIGILL.
TEST(Cli, RunsOnABaselineX8664CpuUnderQemu) {
#if defined(ATTN_SANITIZED)
    GTEST_SKIP() << "an AddressSanitizer binary cannot run under qemu-user (its shadow memory); the release build runs this";
#endif
    if (std::system("command -v qemu-x86_64 >/dev/null 2>&1") != 0) {
        if (std::getenv("CI")) FAIL() << "qemu-x86_64 is missing: scripts/setup.sh installs qemu-user";
        GTEST_SKIP() << "qemu-x86_64 is not installed (scripts/setup.sh installs qemu-user)";
    }
    const std::string config = temp_dir("qemu_config.json");
    write(config, R"({"d_model": 64, "nhead": 4, "dim_feedforward": 256, "num_encoder_layers": 2, "activation": "gelu"})");
    std::string text;
    for (int i = 0; i < 40; ++i) text += "w" + std::to_string(i % 13) + " ";  // big enough for the blocked GEMM path
    const std::string trace_args = "trace --config '" + config + "' --text '" + text + "' --out ";
    struct Cpu {
        const char* model;
        const char* level;
    };
    for (const Cpu cpu : {Cpu{"qemu64", "baseline"}, Cpu{"Haswell", "avx2"}}) {
        SCOPED_TRACE(cpu.model);
        const std::string qemu = std::string("qemu-x86_64 -cpu ") + cpu.model + " ";
        const Result version = run_under(qemu, "--version");
        ASSERT_EQ(version.exit_code, 0) << version.output;
        EXPECT_NE(version.output.find(std::string("kernels: ") + cpu.level + ","), std::string::npos) << version.output;
        const std::string emulated = temp_dir(std::string("qemu_") + cpu.model), here = temp_dir(std::string("native_") + cpu.model);
        const Result run_emulated = run_under(qemu, trace_args + "'" + emulated + "'");
        ASSERT_EQ(run_emulated.exit_code, 0) << run_emulated.output;
        // This machine with the same kernels when it has them (else the baseline: then rounding differs by FMA).
        const Result native = run(trace_args + "'" + here + "'", std::string("ATTN_KERNELS=") + cpu.level);
        ASSERT_EQ(native.exit_code, 0) << native.output;
        int compared = 0;
        for (const auto& entry : fs::directory_iterator(here)) {
            if (entry.path().extension() != ".npy") continue;
            const attn::Tensor a = attn::read_npy(entry.path().string());
            const attn::Tensor b = attn::read_npy((fs::path(emulated) / entry.path().filename()).string());
            ASSERT_EQ(a.shape, b.shape) << entry.path().filename();
            for (size_t k = 0; k < a.data.size(); ++k)
                ASSERT_NEAR(a.data[k], b.data[k], 1e-4f * (1.0f + std::abs(a.data[k]))) << entry.path().filename() << "[" << k << "]";
            ++compared;
        }
        EXPECT_GE(compared, 40);
        fs::remove_all(emulated);
        fs::remove_all(here);
    }
    fs::remove(config);
}

// attentionlab bench runs on Google Benchmark and keeps its JSON: the median per named benchmark,
// and the instruction sets that did the work.
TEST(Cli, BenchReportsMediansAndTheKernelsUsed) {
    const Result r = run("bench --json --only classroom");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    const auto list = nlohmann::json::parse(r.output.substr(r.output.find('[')));
    ASSERT_EQ(list.size(), 1u);
    const auto& b = list[0];
    EXPECT_EQ(b["name"], "classroom");
    EXPECT_EQ(b["runs"], 2000);
    EXPECT_GT(b["median_ms"].get<double>(), 0.0);
    EXPECT_LE(b["min_ms"].get<double>(), b["median_ms"].get<double>());
    EXPECT_LE(b["median_ms"].get<double>(), b["max_ms"].get<double>());
    const Result version = run("--version");
    EXPECT_NE(version.output.find("kernels: " + b["kernels"].get<std::string>() + ", "), std::string::npos) << version.output;
    const Result baseline = run("bench --json --only gemm", "ATTN_KERNELS=baseline");
    ASSERT_EQ(baseline.exit_code, 0) << baseline.output;
    const auto gemm = nlohmann::json::parse(baseline.output.substr(baseline.output.find('[')))[0];
    EXPECT_EQ(gemm["kernels"], "baseline");
    EXPECT_EQ(gemm["kernels_instruction_set"], "x86-64 (SSE2)");
    EXPECT_GT(gemm["gflops"].get<double>(), 0.0);
    const Result unknown = run("bench --only gemmm");
    EXPECT_NE(unknown.exit_code, 0);
    EXPECT_NE(unknown.output.find("unknown benchmark 'gemmm'"), std::string::npos) << unknown.output;
}

// ATTN_KERNELS picks the kernels; a name it does not know is said, not silently ignored.
TEST(Cli, AKernelLevelAskedForIsFollowedOrRefusedAloud) {
    const Result baseline = run("--version", "ATTN_KERNELS=baseline");
    EXPECT_NE(baseline.output.find("kernels: baseline, x86-64 (SSE2)"), std::string::npos) << baseline.output;
    EXPECT_EQ(baseline.output.find("attentionlab: ATTN_KERNELS"), std::string::npos) << baseline.output;
    const Result typo = run("--version", "ATTN_KERNELS=avx-512");
    EXPECT_EQ(typo.exit_code, 0);
    EXPECT_NE(typo.output.find("attentionlab: ATTN_KERNELS=avx-512 is not one of baseline, avx2, avx512; using "), std::string::npos)
        << typo.output;
}

}  // namespace
