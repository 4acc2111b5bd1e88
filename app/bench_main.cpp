// attentionlab-bench: the command line with `bench` (Google Benchmark) added; `attentionlab bench`
// runs it. A developer tool beside the app in a source build, not in the package.
#include "base/memory.h"
#include "cli.h"
#include "cli_bench.h"

#include <iostream>

int main(int argc, char** argv) {
    attn::keep_freed_memory_for_reuse();
    if (argc < 2) {
        std::cerr << "usage: attentionlab-bench bench [options] (see attentionlab bench --help)\n";
        return 2;
    }
    return attn::cli::run(argc, argv, attn::cli::run_bench);
}
