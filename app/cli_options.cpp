#include "cli_options.h"

#include "engine/cost.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "io/session.h"
#include "model/tokenizer.h"

#include <algorithm>
#include <iostream>

namespace attn::cli {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Tokens of a sequence option without building the model (text or .npy rows).
int64_t sequence_length(const Options& options, const std::string& text_option, const std::string& npy_option,
                        const Config& config) {
    if (auto text = option(options, text_option)) return static_cast<int64_t>(tokenize(*text, {config.pad_token}).size());
    if (auto npy = option(options, npy_option)) {
        const Tensor t = read_npy(*npy);
        return t.rank() > 0 ? t.dim(0) : 0;
    }
    return 0;
}

void require_memory(const Config& config, int64_t T, int64_t S) {
    const std::string problem = memory_problem(config, T, S, default_memory_limit());
    if (!problem.empty()) throw Error(problem);
}

Sequence read_sequence(const Model& model, const Options& options, const std::string& text_option,
                       const std::string& npy_option, const std::string& what, std::vector<std::string>& warnings) {
    auto text = option(options, text_option);
    auto npy = option(options, npy_option);
    if (text && npy) throw UsageError("give either " + text_option + " or " + npy_option + ", not both");
    if (!text && !npy && text_option == "--text") {  // the built-in example, as the app opens on
        std::cerr << "note: no --text given; using the built-in example \"" << kBuiltInExampleText << "\"\n";
        return sequence_from_text(model, kBuiltInExampleText, &warnings);
    }
    if (!text && !npy) throw UsageError(what + " is missing: give " + text_option + " \"...\" or " + npy_option + " FILE.npy");
    if (text) return sequence_from_text(model, *text, &warnings);
    const Tensor t = read_npy(*npy);
    if (t.rank() != 2 || t.dim(1) != model.config.d_model)
        throw Error(*npy + " has shape " + shape_to_string(t.shape) + " but embeddings must be [tokens, " +
                    std::to_string(model.config.d_model) + "]");
    return sequence_from_embeddings(model, t.matrix());
}

Computed from_session(const std::string& path) {
    const Session session = load_session(path);
    const Config& c = session.config;
    const bool two = c.architecture == Architecture::EncoderDecoder;
    require_memory(c, static_cast<int64_t>(tokenize(session.src_text, {c.pad_token}).size()),
                   two ? static_cast<int64_t>(tokenize(session.tgt_text, {c.pad_token}).size()) : 0);
    Model model = build_model(session, base_weights(session));
    std::vector<std::string> warnings;
    const Inputs inputs = build_inputs(model, session, &warnings);
    Trace trace = run_forward(model, inputs);
    trace.warnings.insert(trace.warnings.end(), warnings.begin(), warnings.end());
    return {std::move(model), std::move(trace)};
}

}  // namespace

Options parse_options(int argc, char** argv, int first, const std::vector<std::string>& with_value,
                      const std::vector<std::string>& flags) {
    Options options;
    for (int i = first; i < argc; ++i) {
        std::string arg = argv[i];
        std::string value;
        bool has_value = false;
        if (auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_value = true;
        }
        const bool flag = contains(flags, arg);
        if (!flag && !contains(with_value, arg)) throw UsageError("unknown option '" + arg + "' (see attentionlab --help)");
        if (flag && has_value) throw UsageError("option " + arg + " takes no value");
        if (!flag && !has_value) {
            if (i + 1 >= argc) throw UsageError("option " + arg + " needs a value");
            value = argv[++i];
        }
        if (options.count(arg)) throw UsageError("option " + arg + " is given twice");
        options[arg] = flag ? "1" : value;
    }
    return options;
}

std::optional<std::string> option(const Options& options, const std::string& name) {
    auto it = options.find(name);
    return it == options.end() ? std::nullopt : std::optional(it->second);
}

Computed compute_from_options(const Options& options, bool allow_session) {
    if (allow_session && option(options, "--session")) {
        for (const char* other : {"--config", "--weights", "--text", "--target-text"})
            if (option(options, other)) throw UsageError(std::string("--session already holds the model and texts; drop ") + other);
        return from_session(*option(options, "--session"));
    }
    const Config config = option(options, "--config") ? load_config(*option(options, "--config")) : Config{};
    require_memory(config, sequence_length(options, "--text", "--src-embeddings", config),
                   sequence_length(options, "--target-text", "--tgt-embeddings", config));
    std::optional<StateDict> weights;
    if (auto path = option(options, "--weights")) weights = read_safetensors(*path);
    Model model = make_model(config, std::move(weights));

    std::vector<std::string> warnings;
    Inputs inputs;
    inputs.src = read_sequence(model, options, "--text", "--src-embeddings", "the input", warnings);
    if (config.architecture == Architecture::EncoderDecoder)
        inputs.tgt = read_sequence(model, options, "--target-text", "--tgt-embeddings", "the target", warnings);
    else if (option(options, "--target-text") || option(options, "--tgt-embeddings"))
        throw UsageError(std::string("a ") + to_string(config.architecture) +
                         " model has no target; drop --target-text/--tgt-embeddings");
    Trace trace = run_forward(model, inputs);
    trace.warnings.insert(trace.warnings.end(), warnings.begin(), warnings.end());
    return {std::move(model), std::move(trace)};
}

}  // namespace attn::cli
