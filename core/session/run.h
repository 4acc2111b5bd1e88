// A session turned into a trace: the one place the app (ui/controller) and the command line
// (app/cli_options) do it. Cheap checks first (prepare_session: the config, the texts' tokens),
// then the work (run_session: memory, weights, model, inputs, forward pass, gradients), each
// failure filed under the session field that caused it, in the UI language.
#pragma once

#include "engine/trace.h"
#include "io/session.h"
#include "model/model.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attn {

// The fields problems are filed under (the GUI shows each under its widget).
inline constexpr const char* kSourceTextField = "src_text";
inline constexpr const char* kTargetTextField = "tgt_text";
inline constexpr const char* kWeightsField = "weights";
inline constexpr const char* kSizeField = "size";
inline constexpr const char* kKnockedOutField = "knocked_out";

struct SessionProblem {
    std::string field;  // a config field, or one of the fields above
    std::string message;
};

// Worked out once per edit: the config's problems and the texts' tokens (which also decide,
// with trace_floats, where the work runs).
struct PreparedSession {
    std::vector<SessionProblem> problems;
    SessionTokens tokens;
    std::shared_ptr<const Model> imported;  // the session's Hugging Face model, when it has one
    std::vector<int32_t> ids;               // its tokenizer's ids of the text
};

// imported: the open model of the session's model_folder (null when it is not open).
PreparedSession prepare_session(const Session& session, std::shared_ptr<const Model> imported);
// An opened model with ids already chosen (the command line's --truncate).
PreparedSession prepare_ids(std::shared_ptr<const Model> model, std::vector<int32_t> ids);

// Floats a full trace of the prepared session keeps (0 when it has problems).
int64_t prepared_trace_floats(const Session& session, const PreparedSession& prepared);

struct SessionRun {
    std::shared_ptr<const Model> model;
    std::shared_ptr<const Trace> trace;
    std::shared_ptr<const StateDict> base;  // the weights the model started from (reusable, see run_session)
    std::vector<SessionProblem> problems;
    bool cancelled = false;  // RunLimits::cancel was set: nothing to show
};

struct RunLimits {
    int64_t memory_bytes = 0;                     // refuse work above this, before allocating it
    std::shared_ptr<const StateDict> cached_base;  // base weights of an earlier run, reused when they fit
    Config cached_config;                          // …the config and weights file they were made for
    std::string cached_weights_path;
    // Set from another thread: the run stops at the next layer and comes back cancelled.
    std::shared_ptr<const std::atomic<bool>> cancel;
    // The run of this same session with every head on (the caller vouches: only knocked_out
    // differs). With heads knocked out, its model is reused, the layers before the first
    // knocked-out head are taken from its trace instead of computed again, and the predictions'
    // untouched rows are read from it.
    std::shared_ptr<const Model> heads_on_model;
    std::shared_ptr<const Trace> heads_on;
};

// Everything from the prepared session to the trace. Pure: runs on any thread.
SessionRun run_session(const Session& session, const PreparedSession& prepared, const RunLimits& limits);

// The inputs a run of this session gave its model (it made `trace`), for another pass over them
// (activation patching): the opened model's ids as the trace has them, else the session's texts
// with its embedding edits; the knocked-out heads in both cases.
Inputs inputs_of_run(const Session& session, const Model& model, const Trace& trace);

// With a task, the input's answers label it: the loss and every gradient stage join the trace.
void add_task_gradients(Trace& trace, const Model& model, const Session& session);

}  // namespace attn
