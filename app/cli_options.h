// Shared by the commands: --name value options, and the model, inputs and
// trace they describe (--config/--weights/--text/... or --session).
#pragma once

#include "model/config.h"
#include "engine/trace.h"
#include "engine/forward.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attn::cli {

// Bad command-line usage (exit code 2), as opposed to bad input (exit code 1).
struct UsageError : Error {
    using Error::Error;
};

// --help after a command: its help text, printed by cli::run with exit code 0.
struct HelpRequested : Error {
    using Error::Error;
};

using Options = std::map<std::string, std::string>;

// --name value or --name=value; flags take no value (parsed by CLI11). Unknown options (with the
// nearest one suggested) and repeated ones are usage errors; -h/--help throws HelpRequested.
Options parse_options(int argc, char** argv, int first, const std::vector<std::string>& with_value,
                      const std::vector<std::string>& flags = {});
std::optional<std::string> option(const Options& options, const std::string& name);
// --weights, or the built-in model --config names ("builtin:shakespeare"), or "" (untrained).
std::string weights_option(const Options& options);
// A number option in [lo, hi] (fallback when absent); anything else is a usage error naming the range.
double number_option(const Options& options, const std::string& name, double fallback, double lo, double hi);
int64_t whole_number_option(const Options& options, const std::string& name, int64_t fallback, int64_t lo, int64_t hi);

// The input trace and export use when none is given: the classroom example the app opens on.
inline constexpr const char* kBuiltInExampleText = "the cat sat on the mat";

struct Computed {
    std::shared_ptr<const Model> model;
    std::shared_ptr<const Trace> trace;
};

// --model DIR: the Hugging Face folder (other model options refused), and the ids of --text
// (the built-in example when absent; cut to the model's positions with --truncate).
Model open_model_option(const Options& options);
std::vector<int32_t> model_text_ids(const Model& model, const Options& options);

// Reads the config, weights and inputs the options name (or --model DIR's), refuses work that
// would not fit in memory before allocating it, and runs the forward pass.
// With allow_session, --session S.json may replace --config/--weights/--text.
Computed compute_from_options(const Options& options, bool allow_session);

}  // namespace attn::cli
