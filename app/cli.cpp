#include "cli.h"

#include "config.h"
#include "cost.h"
#include "tokenizer.h"
#include "npy.h"
#include "safetensors.h"
#include "trace_writer.h"
#include "transformer.h"
#include "version.h"

#include <algorithm>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace attn::cli {
namespace {

constexpr const char* kUsage = R"(Attention Lab: Transformer attention, computed step by step.

Usage:
  attentionlab                      open the desktop app on its built-in example
  attentionlab trace [options]      compute a forward pass and write every intermediate
  attentionlab --help | --version

trace options:
  --config C.json                   model config (default: the built-in classroom model)
  --weights W.safetensors           PyTorch nn.Transformer state_dict (default: weights from the seed)
  --text "..."                      the input (encoder-decoder: the source) as text
  --target-text "..."               encoder-decoder: the target as text
  --src-embeddings X.npy            instead of --text: token embeddings (T, d_model), before positions
  --tgt-embeddings Y.npy            instead of --target-text: target embeddings (T, d_model)
  --out DIR                         folder for manifest.json and one <stage>.npy per stage

Example:
  attentionlab trace --text "the cat sat on the mat" --out trace/
)";

struct UsageError : Error {
    using Error::Error;
};

// --name value pairs; every option takes exactly one value.
std::map<std::string, std::string> parse_options(int argc, char** argv, int first, const std::vector<std::string>& known) {
    std::map<std::string, std::string> options;
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool has_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        if (std::find(known.begin(), known.end(), arg) == known.end())
            throw UsageError("unknown option '" + arg + "' (see attentionlab --help)");
        if (!has_value) {
            if (i + 1 >= argc) throw UsageError("option " + arg + " needs a value");
            value = argv[++i];
        }
        if (options.count(arg)) throw UsageError("option " + arg + " is given twice");
        options[arg] = value;
    }
    return options;
}

std::optional<std::string> option(const std::map<std::string, std::string>& options, const std::string& name) {
    auto it = options.find(name);
    return it == options.end() ? std::nullopt : std::optional(it->second);
}

Sequence read_sequence(const Model& model, const std::map<std::string, std::string>& options, const std::string& text_option,
                       const std::string& npy_option, const std::string& what, std::vector<std::string>& warnings) {
    auto text = option(options, text_option);
    auto npy = option(options, npy_option);
    if (text && npy) throw UsageError("give either " + text_option + " or " + npy_option + ", not both");
    if (!text && !npy) throw UsageError(what + " is missing: give " + text_option + " \"...\" or " + npy_option + " FILE.npy");
    if (text) return sequence_from_text(model, *text, &warnings);
    const Tensor t = read_npy(*npy);
    if (t.rank() != 2 || t.dim(1) != model.config.d_model)
        throw Error(*npy + " has shape " + shape_to_string(t.shape) + " but embeddings must be [tokens, " +
                    std::to_string(model.config.d_model) + "]");
    return sequence_from_embeddings(model, t.matrix());
}

// Tokens of a sequence option without building the model (text or .npy rows).
int64_t sequence_length(const std::map<std::string, std::string>& options, const std::string& text_option,
                        const std::string& npy_option, const Config& config) {
    if (auto text = option(options, text_option)) return static_cast<int64_t>(tokenize(*text, {config.pad_token}).size());
    if (auto npy = option(options, npy_option)) {
        const Tensor t = read_npy(*npy);
        return t.rank() > 0 ? t.dim(0) : 0;
    }
    return 0;
}

// Refuses, with the figure, work that would not fit in memory, before allocating it.
void require_memory(const Config& config, const std::map<std::string, std::string>& options) {
    const int64_t T = sequence_length(options, "--text", "--src-embeddings", config);
    const int64_t S = sequence_length(options, "--target-text", "--tgt-embeddings", config);
    const std::string problem = memory_problem(config, T, S, default_memory_limit());
    if (!problem.empty()) throw Error(problem);
}

int run_trace(int argc, char** argv) {
    const auto options = parse_options(argc, argv, 2,
                                       {"--config", "--weights", "--text", "--target-text", "--src-embeddings",
                                        "--tgt-embeddings", "--out"});
    const auto out = option(options, "--out");
    if (!out) throw UsageError("--out DIR is required: the folder to write the trace to");

    const Config config = option(options, "--config") ? load_config(*option(options, "--config")) : Config{};
    require_memory(config, options);
    std::optional<StateDict> weights;
    if (auto path = option(options, "--weights")) weights = read_safetensors(*path);
    const Model model = make_model(config, std::move(weights));

    std::vector<std::string> warnings;
    Inputs inputs;
    inputs.src = read_sequence(model, options, "--text", "--src-embeddings", "the input", warnings);
    if (config.architecture == Architecture::EncoderDecoder)
        inputs.tgt = read_sequence(model, options, "--target-text", "--tgt-embeddings", "the target", warnings);
    else if (option(options, "--target-text") || option(options, "--tgt-embeddings"))
        throw UsageError(std::string("a ") + to_string(config.architecture) + " model has no target; drop --target-text/--tgt-embeddings");

    Trace trace = run_forward(model, inputs);
    trace.warnings.insert(trace.warnings.end(), warnings.begin(), warnings.end());
    write_trace(trace, config, *out);
    for (const auto& w : trace.warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "wrote " << trace.stages().size() << " stages to " << *out << "\n";
    return 0;
}

}  // namespace

bool wants_cli(int argc, char**) { return argc > 1; }

int run(int argc, char** argv) {
    const std::string command = argv[1];
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << kUsage;
            return 0;
        }
        if (command == "--version") {
            std::cout << "attentionlab " << kVersion << "\n";
            return 0;
        }
        if (command == "trace") return run_trace(argc, argv);
        throw UsageError("unknown command '" + command + "' (see attentionlab --help)");
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
