#include "cli.h"

#include "cli_bench_launch.h"
#include "cli_export.h"
#include "cli_grad.h"
#include "cli_help.h"
#include "cli_heads.h"
#include "cli_lens.h"
#include "cli_predict.h"
#include "cli_train.h"
#include "cli_options.h"
#include "io/trace_writer.h"
#include "base/version.h"
#include "engine/kernels/kernels.h"

#include <filesystem>
#include <iostream>

namespace attn::cli {
namespace {



int run_trace(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2,
                                          {"--config", "--weights", "--model", "--text", "--target-text", "--src-embeddings",
                                           "--tgt-embeddings", "--out"},
                                          {"--truncate", "--chat"});
    const auto out = option(options, "--out");
    if (!out) throw UsageError("--out DIR is required: the folder to write the trace to");
    const Computed computed = compute_from_options(options, false);
    write_trace(*computed.trace, computed.model->config, *out);
    for (const auto& w : computed.trace->warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "wrote " << computed.trace->stages().size() << " stages to " << *out << "\n";
    return 0;
}

}  // namespace

bool wants_cli(int argc, char** argv) {
    if (argc == 3 && std::string(argv[1]) == "--model") return false;  // attentionlab --model DIR: the app, on that model
    if (argc != 2) return argc > 1;
    // `attentionlab lesson.attnlab.json` (a file manager opening a session): the app opens it.
    const std::string arg = argv[1];
    std::error_code ec;
    const bool session = arg.size() > 5 && arg.ends_with(".json") && std::filesystem::is_regular_file(arg, ec);
    return !session;
}

int run(int argc, char** argv, CommandRunner bench) {
    const std::string command = argv[1];
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << usage();
            return 0;
        }
        if (command == "--version") {
            std::cout << "attentionlab " << kVersion << "\n";
            // Which matmul kernels this CPU runs (engine/kernels/kernels.h).
            std::cout << "kernels: " << to_string(kernel_level()) << ", " << instruction_set(kernel_level()) << "\n";
            return 0;
        }
        if (command == "trace") return run_trace(argc, argv);
        if (command == "export") return run_export(argc, argv);
        if (command == "bench") return bench ? bench(argc, argv) : launch_bench_tool(argc, argv);
        if (command == "grad") return run_grad(argc, argv);
        if (command == "train") return run_train(argc, argv);
        if (command == "predict") return run_predict(argc, argv);
        if (command == "generate") return run_generate(argc, argv);
        if (command == "heads") return run_heads(argc, argv);
        if (command == "lens") return run_lens(argc, argv);
        throw UsageError("unknown command '" + command + "' (see attentionlab --help)");
    } catch (const HelpRequested& help) {
        std::cout << help.what();
        return 0;
    } catch (const UsageError& e) {
        std::cerr << "attentionlab: " << e.what() << "\n";
        return 2;
    } catch (const Error& e) {
        std::cerr << "attentionlab: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "attentionlab: out of memory: the model or input is too large for this machine\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "attentionlab: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace attn::cli
