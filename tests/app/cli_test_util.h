// What the CLI tests share: the app run as a user runs it (a real process, no display), a fresh
// temporary folder, a file written, and the check that bad requests fail in one line.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace attn::cli_test {

namespace fs = std::filesystem;

struct Result {
    int exit_code;
    std::string output;  // stdout and stderr
};

// env: more VAR=value settings for the process.
inline Result run_under(const std::string& wrapper, const std::string& args);

inline Result run(const std::string& args, const std::string& env = "") { return run_under(env, args); }

// The app started through a wrapper command (e.g. an emulator), with the same environment as run().
inline Result run_under(const std::string& wrapper, const std::string& args) {
    const std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY " + wrapper + " '" + ATTENTIONLAB_EXE + "' " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return {-1, "popen failed"};
    std::string out;
    std::array<char, 4096> buffer;
    size_t n;
    while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), n);
    const int status = pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline std::string temp_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("attnlab_cli_" + std::to_string(getpid()) + "_" + name);
    fs::remove_all(dir);
    return dir.string();
}

inline void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

inline size_t line_count(const std::string& s) { return static_cast<size_t>(std::count(s.begin(), s.end(), '\n')); }

// Each request fails (non-zero exit) with one line that says `expected`.
inline void expect_one_line_failures(const std::vector<std::pair<std::string, std::string>>& cases) {
    for (const auto& [args, expected] : cases) {
        const Result r = run(args);
        EXPECT_NE(r.exit_code, 0) << args;
        EXPECT_EQ(line_count(r.output), 1u) << r.output;
        EXPECT_NE(r.output.find(expected), std::string::npos) << args << "\n" << r.output;
    }
}

}  // namespace attn::cli_test
