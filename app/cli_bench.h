// `attentionlab bench`: how long a full trace (every intermediate kept) takes
// for fixed model sizes, the machine's single-precision GEMM rate through the
// same Eigen build, and how time grows with sequence length. Median and spread
// over repeated runs after a warm-up; peak memory of each benchmark.
#pragma once

namespace attn::cli {

int run_bench(int argc, char** argv);

}  // namespace attn::cli
