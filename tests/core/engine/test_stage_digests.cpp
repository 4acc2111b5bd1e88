// Every stage of every built-in example, PyTorch fixture and lesson state,
// fingerprinted: tests/data/stage_digests.txt holds one line per stage (case,
// name, shape, FNV-1a of the float bytes), written before the engine was
// reshaped. A refactor that changes any number, name, shape or the order of
// the stages fails here and names the first stage that differs.
//
// To rewrite the file on purpose (a change that is meant to alter numbers):
//   ATTN_WRITE_DIGESTS=1 build/release/tests/core_tests --gtest_filter='StageDigests.*'
#include "base/json_util.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/session.h"
#include "test_helpers.h"
#include "teach/lesson.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace attn {
namespace {

namespace fs = std::filesystem;

std::string digest(const Tensor& t) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a 64
    auto eat = [&](const void* p, size_t n) {
        const auto* bytes = static_cast<const unsigned char*>(p);
        for (size_t i = 0; i < n; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    };
    for (int64_t d : t.shape) eat(&d, sizeof d);
    eat(t.data.data(), t.data.size() * sizeof(float));
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
}

void add_trace(std::vector<std::string>& lines, const std::string& name, const Trace& trace) {
    for (const Stage& s : trace.stages())
        lines.push_back(name + " " + s.name + " " + shape_to_string(s.shape()) + " " + digest(*s.tensor()));
}

void add_session(std::vector<std::string>& lines, const std::string& name, const Session& session) {
    const Model model = build_model(session, base_weights(session));
    const Inputs inputs = build_inputs(model, session);
    add_trace(lines, name, run_forward(model, inputs));
    // The big-trace policy: everything cheap derived on request.
    add_trace(lines, name + "/derived", run_forward(model, inputs, {.keep_everything_up_to = 0}));
}

std::vector<std::string> sorted_files(const fs::path& dir, bool directories) {
    std::vector<std::string> out;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.is_directory() == directories) out.push_back(entry.path().string());
    std::sort(out.begin(), out.end());
    return out;
}

Sequence load_sequence(const Model& model, const std::string& path, const nlohmann::json& padding) {
    Sequence seq = sequence_from_embeddings(model, read_npy(path).matrix());
    for (size_t i = 0; i < padding.size(); ++i) seq.padding[i] = padding[i].get<bool>();
    return seq;
}

std::vector<std::string> all_digests() {
    std::vector<std::string> lines;
    const fs::path resources(ATTN_RESOURCES);
    for (const auto& path : sorted_files(resources / "presets", false))
        add_session(lines, "preset:" + fs::path(path).stem().string(), load_session(path));

    for (const auto& dir : sorted_files(fs::path(ATTN_TEST_DATA) / "pytorch", true)) {
        const fs::path d(dir);
        const Model model = make_model(load_config((d / "config.json").string()),
                                       read_safetensors((d / "weights.safetensors").string()));
        const auto info = parse_json_strict(read_text_file((d / "case.json").string(), "case"), "case");
        Inputs inputs;
        inputs.src = load_sequence(model, (d / "src.npy").string(), info["src_padding"]);
        if (model.config.architecture == Architecture::EncoderDecoder)
            inputs.tgt = load_sequence(model, (d / "tgt.npy").string(), info["tgt_padding"]);
        add_trace(lines, "fixture:" + d.filename().string(), run_forward(model, inputs));
    }

    // Each lesson step that sets the session, played in order from the classroom example.
    for (const auto& path : sorted_files(resources / "lessons", false)) {
        const Lesson lesson = parse_lesson(read_text_file(path, "lesson"));
        Session session = load_session((resources / "presets" / "classroom.json").string());
        for (size_t i = 0; i < lesson.steps.size(); ++i) {
            const LessonStep& step = lesson.steps[i];
            if (!step.sets_session() || !step.model.empty()) continue;  // a step on an opened GPT-2 or BERT: not a built-in state
            const Session base =
                step.preset.empty() ? session : load_session((resources / "presets" / (step.preset + ".json")).string());
            session = apply_step(base, step);
            add_session(lines, "lesson:" + lesson.id + ":" + std::to_string(i), session);
        }
    }
    return lines;
}

TEST(StageDigests, EveryStageIsBitIdenticalToTheStoredDigest) {
    const fs::path file = fs::path(ATTN_TEST_DATA) / "stage_digests.txt";
    const test::BaselineKernels baseline;  // the same numbers on every x86-64
    const std::vector<std::string> now = all_digests();
    ASSERT_GT(now.size(), 1000u);
    if (std::getenv("ATTN_WRITE_DIGESTS")) {
        std::ofstream out(file);
        for (const auto& line : now) out << line << "\n";
        GTEST_SKIP() << "wrote " << now.size() << " digests to " << file;
    }
    std::ifstream in(file);
    ASSERT_TRUE(in) << "missing " << file;
    std::vector<std::string> stored;
    for (std::string line; std::getline(in, line);) stored.push_back(line);
    for (size_t i = 0; i < std::min(now.size(), stored.size()); ++i)
        ASSERT_EQ(now[i], stored[i]) << "line " << i + 1 << " of " << file << " differs";
    EXPECT_EQ(now.size(), stored.size());
}

}  // namespace
}  // namespace attn
