#include "cli_bench_launch.h"

#include "base/tensor.h"

#include <filesystem>
#include <unistd.h>

namespace attn::cli {

int launch_bench_tool(int argc, char** argv) {
    (void)argc;
    // The benchmarks link Google Benchmark, which the installed app does without: they live in
    // attentionlab-bench, built beside attentionlab in a source build (and not packaged).
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    const auto tool = self.parent_path() / "attentionlab-bench";
    if (ec || !std::filesystem::is_regular_file(tool, ec))
        throw Error("attentionlab bench is a developer tool that the package does not install: build the source "
                    "(scripts/run.sh) and run build/release/app/attentionlab bench");
    const std::string path = tool.string();
    argv[0] = const_cast<char*>(path.c_str());
    execv(path.c_str(), argv);
    throw Error("cannot run " + path);
}

}  // namespace attn::cli
