// `attentionlab bench` in the app's binary: runs attentionlab-bench (app/bench_main.cpp), the same
// commands with the benchmarks, which link Google Benchmark, from the same folder.
#pragma once

namespace attn::cli {

// Replaces this process with the bench tool, or throws attn::Error saying where it comes from.
int launch_bench_tool(int argc, char** argv);

}  // namespace attn::cli
