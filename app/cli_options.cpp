#include "cli_options.h"

#include "cli_help.h"
#include "base/spelling.h"
#include "engine/cost.h"
#include "io/builtin_models.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "hf/chat_template.h"
#include "hf/hf_model.h"
#include "io/session.h"
#include "session/run.h"
#include "model/tokenizer.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>

namespace attn::cli {
namespace {

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

// The session's trace, as the app computes it (session/run.h); its first problem is the error.
Computed run(const Session& session, const PreparedSession& prepared) {
    RunLimits limits;
    limits.memory_bytes = default_memory_limit();
    SessionRun r = run_session(session, prepared, limits);
    if (!r.problems.empty()) throw Error(r.problems.front().message);
    return {std::move(r.model), std::move(r.trace)};
}

Computed from_session(const std::string& path) {
    Session session = load_session(path);
    std::shared_ptr<const Model> imported;
    if (!session.model_folder.empty()) {  // the folder's model, config and tokenizer
        imported = std::make_shared<const Model>(open_hf_model(session.model_folder));
        session.config = imported->config;
    }
    return run(session, prepare_session(session, std::move(imported)));
}

}  // namespace

namespace {

// "; did you mean '--colormap'?" for a near miss among the command's options.
std::string nearest(const std::string& unknown, const std::vector<std::string>& names) {
    const std::string best = nearest_spelling(unknown.substr(0, unknown.find('=')), names);
    return best.empty() ? "" : "; did you mean '" + best + "'?";
}

}  // namespace

Options parse_options(int argc, char** argv, int first, const std::vector<std::string>& with_value,
                      const std::vector<std::string>& flags) {
    const std::string command = argv[first - 1];
    CLI::App app;
    app.set_help_flag();  // ours: the command's own section of the usage (cli_help.cpp)
    bool help = false;
    app.add_flag("-h,--help", help);
    Options options;
    std::map<std::string, std::string> values;
    std::map<std::string, bool> set;
    for (const std::string& name : with_value) app.add_option(name, values[name])->multi_option_policy(CLI::MultiOptionPolicy::Throw);
    for (const std::string& name : flags) app.add_flag(name, set[name]);
    std::vector<std::string> args(argv + first, argv + argc);
    std::reverse(args.begin(), args.end());  // CLI11 takes them last first
    try {
        app.parse(args);
    } catch (const CLI::ExtrasError&) {
        const std::string unknown = app.remaining().empty() ? std::string() : app.remaining().front();
        std::vector<std::string> names = with_value;
        names.insert(names.end(), flags.begin(), flags.end());
        throw UsageError("unknown option '" + unknown.substr(0, unknown.find('=')) + "'" + nearest(unknown, names) +
                         " (see attentionlab " + command + " --help)");
    } catch (const CLI::ArgumentMismatch& e) {  // "--out: At Most 1 required…", "--out: 1 required TEXT missing"
        const std::string what = e.what(), name = what.substr(0, what.find(':'));
        throw UsageError((what.find("missing") != std::string::npos ? "option " + name + " needs a value"
                                                                      : "option " + name + " is given twice") +
                         " (see attentionlab " + command + " --help)");
    } catch (const CLI::ParseError& e) {
        throw UsageError(std::string(e.what()) + " (see attentionlab " + command + " --help)");
    }
    if (help) throw HelpRequested(command_help(command));
    for (const std::string& name : with_value)
        if (app.count(name)) options[name] = values[name];
    for (const std::string& name : flags)
        if (set[name]) options[name] = "1";
    return options;
}

namespace {

std::string format_range(double v) {
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

double number_option(const Options& options, const std::string& name, double fallback, double lo, double hi) {
    const auto text = option(options, name);
    if (!text) return fallback;
    size_t used = 0;
    double value = 0;
    try {
        value = std::stod(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || !(value >= lo && value <= hi))
        throw UsageError(name + " must be a number from " + format_range(lo) + " to " + format_range(hi) + ", not '" + *text + "'");
    return value;
}

int64_t whole_number_option(const Options& options, const std::string& name, int64_t fallback, int64_t lo, int64_t hi) {
    const auto text = option(options, name);
    if (!text) return fallback;
    size_t used = 0;
    int64_t value = 0;
    try {
        value = std::stoll(*text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != text->size() || value < lo || value > hi)
        throw UsageError(name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) + ", not '" + *text + "'");
    return value;
}

std::string weights_option(const Options& options) {
    if (auto path = option(options, "--weights")) return *path;
    const std::string config = option(options, "--config").value_or("");
    return config.starts_with(kBuiltinPrefix) ? config : "";  // a built-in model's config comes with its weights
}

std::optional<std::string> option(const Options& options, const std::string& name) {
    auto it = options.find(name);
    return it == options.end() ? std::nullopt : std::optional(it->second);
}

Model open_model_option(const Options& options) {
    for (const char* other : {"--config", "--weights", "--session", "--src-embeddings", "--tgt-embeddings", "--target-text"})
        if (option(options, other))
            throw UsageError(std::string("--model DIR already holds the model and its tokenizer; drop ") + other);
    return open_hf_model(*option(options, "--model"));
}

std::vector<int32_t> model_text_ids(const Model& model, const Options& options) {
    auto text = option(options, "--text");
    if (!text) {
        std::cerr << "note: no --text given; using the built-in example \"" << kBuiltInExampleText << "\"\n";
        text = kBuiltInExampleText;
    }
    const bool truncate = option(options, "--truncate").has_value();
    const bool chat = option(options, "--chat").has_value();
    std::vector<int32_t> ids;
    try {
        ids = chat ? encode_text(model, chat_prompt(model, *text), truncate, false) : encode_text(model, *text, truncate);
    } catch (const Error& e) {
        const std::string what = e.what();
        throw Error(what.ends_with("shorten it or truncate it") ? what + " (--truncate keeps the first " +
                                                                      std::to_string(model.config.max_len) + ")"
                                                                : what);
    }
    if (truncate && ids.size() == static_cast<size_t>(model.config.max_len))
        std::cerr << "note: the text may have been cut to the model's " << model.config.max_len << " positions\n";
    return ids;
}

Computed compute_from_options(const Options& options, bool allow_session) {
    if (option(options, "--model")) {  // a Hugging Face folder: its own tokenizer, ids as the input
        auto model = std::make_shared<const Model>(open_model_option(options));
        Session session;
        session.config = model->config;
        session.model_folder = *option(options, "--model");
        return run(session, prepare_ids(model, model_text_ids(*model, options)));
    }
    if (option(options, "--chat")) throw UsageError("--chat wraps the text in a Hugging Face model's chat template: use it with --model DIR");
    if (allow_session && option(options, "--session")) {
        for (const char* other : {"--config", "--weights", "--text", "--target-text"})
            if (option(options, other)) throw UsageError(std::string("--session already holds the model and texts; drop ") + other);
        return from_session(*option(options, "--session"));
    }
    const Config config = option(options, "--config") ? load_model_config(*option(options, "--config")) : Config{};
    const std::string weights_path = weights_option(options);
    const bool two = config.architecture == Architecture::EncoderDecoder;
    if (!two && (option(options, "--target-text") || option(options, "--tgt-embeddings")))
        throw UsageError(std::string("a ") + to_string(config.architecture) + " model has no target; drop --target-text/--tgt-embeddings");
    if (!option(options, "--src-embeddings") && !option(options, "--tgt-embeddings")) {  // texts: a session like the app's
        Session session;
        session.config = config;
        session.weights_path = weights_path;
        if (!option(options, "--text")) std::cerr << "note: no --text given; using the built-in example \"" << kBuiltInExampleText << "\"\n";
        session.src_text = option(options, "--text").value_or(kBuiltInExampleText);
        if (two && !option(options, "--target-text")) throw UsageError("the target is missing: give --target-text \"...\" or --tgt-embeddings FILE.npy");
        session.tgt_text = option(options, "--target-text").value_or("");
        return run(session, prepare_session(session, nullptr));
    }
    require_memory(config, sequence_length(options, "--text", "--src-embeddings", config),
                   sequence_length(options, "--target-text", "--tgt-embeddings", config));
    std::optional<StateDict> weights;
    if (!weights_path.empty()) weights = read_safetensors(weights_path);
    Model model = make_model(config, std::move(weights));

    std::vector<std::string> warnings;
    Inputs inputs;
    inputs.src = read_sequence(model, options, "--text", "--src-embeddings", "the input", warnings);
    if (config.architecture == Architecture::EncoderDecoder)
        inputs.tgt = read_sequence(model, options, "--target-text", "--tgt-embeddings", "the target", warnings);
    else if (option(options, "--target-text") || option(options, "--tgt-embeddings"))
        throw UsageError(std::string("a ") + to_string(config.architecture) +
                         " model has no target; drop --target-text/--tgt-embeddings");
    auto trace = std::make_shared<Trace>(run_forward(model, inputs));
    trace->warnings.insert(trace->warnings.end(), warnings.begin(), warnings.end());
    return {std::make_shared<const Model>(std::move(model)), std::move(trace)};
}

}  // namespace attn::cli
