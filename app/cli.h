// The command-line interface: `attentionlab trace …`, --help, --version.
// Parses arguments and calls core/; prints one-line errors, never crashes.
#pragma once

namespace attn::cli {

// True when argv asks for a command-line action rather than the GUI (the GUI: no argument,
// or one existing .json file, a session to open, as a file manager passes it).
bool wants_cli(int argc, char** argv);

// Runs it; returns the process exit code (0 ok, 1 bad input, 2 bad usage).
// bench: how the `bench` command runs (attentionlab-bench passes its benchmarks; the app's
// binary, without Google Benchmark, hands the command to attentionlab-bench).
using CommandRunner = int (*)(int, char**);
int run(int argc, char** argv, CommandRunner bench = nullptr);

}  // namespace attn::cli
