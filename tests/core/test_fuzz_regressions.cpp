// Every input the fuzzers ever crashed on (tests/fuzz/regressions/<target>/)
// is replayed here in the ordinary test run: only attn::Error may come out.
#include "model/config.h"
#include "base/file_io.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/session.h"
#include "model/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>

namespace attn {
namespace {

TEST(FuzzRegressions, EveryCrashFoundIsNowAnError) {
    const std::map<std::string, std::function<void(const std::string&)>> parsers = {
        {"config", [](const std::string& b) { parse_config(b); }},
        {"safetensors", [](const std::string& b) { parse_safetensors(b.data(), b.size()); }},
        {"npy", [](const std::string& b) { parse_npy(b.data(), b.size()); }},
        {"session", [](const std::string& b) { parse_session(b); }},
        {"tokenizer", [](const std::string& b) { tokenize(b); }},
    };
    int replayed = 0;
    for (const auto& folder : std::filesystem::directory_iterator(ATTN_FUZZ_REGRESSIONS)) {
        const auto parser = parsers.find(folder.path().filename().string());
        ASSERT_NE(parser, parsers.end()) << folder.path();
        for (const auto& file : std::filesystem::directory_iterator(folder.path())) {
            const std::vector<char> bytes = read_binary_file(file.path().string(), "regression input");
            try {
                parser->second(std::string(bytes.begin(), bytes.end()));
            } catch (const Error&) {
                // the expected outcome for malformed input
            } catch (const std::exception& e) {
                ADD_FAILURE() << file.path() << " escaped as " << e.what();
            }
            ++replayed;
        }
    }
    EXPECT_GE(replayed, 2);
}

}  // namespace
}  // namespace attn
