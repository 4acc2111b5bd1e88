#include "session/run.h"

#include "base/i18n.h"
#include "engine/cost.h"
#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/sequence.h"
#include "hf/chat_template.h"
#include "model/text_tokenizer.h"
#include "learn/backward.h"
#include "learn/tasks.h"

#include <limits>

namespace attn {
namespace {

const char* kNoTokens = ATTN_TEXT("type at least one word: there are no tokens to attend to");

// The session's text as the model's tokens, or a problem filed under `field`.
std::vector<std::string> tokenize_field(const Config& config, const std::string& text, const char* field,
                                        std::vector<SessionProblem>& problems) {
    try {
        auto tokens = tokenize_for(config, text);
        if (tokens.empty())
            problems.push_back({field, translate_text("attn", kNoTokens)});
        else if (static_cast<int64_t>(tokens.size()) > config.max_len)
            problems.push_back({field, fill(translate_text("attn", "the text has %1 tokens but max_len is %2"),
                                            {std::to_string(tokens.size()), std::to_string(config.max_len)})});
        return tokens;
    } catch (const Error& e) {
        problems.push_back({field, e.what()});
        return {};
    }
}

std::string out_of_memory() { return translate_text("attn", "out of memory: use fewer tokens or a smaller model"); }

// With heads knocked out: the rows the predictions read, as the model computes them untouched (the
// Predictions panel shows how each probability moved), from the run with every head on when given.
void add_unablated_rows(Trace& trace, const Model& model, Inputs inputs, const Trace* heads_on) {
    if (inputs.interventions.empty() || !model.bind().generator) return;
    std::vector<int64_t> rows{static_cast<int64_t>((trace.tgt_tokens.empty() ? trace.src_tokens : trace.tgt_tokens).size()) - 1};
    const int32_t mask = model.tokenizer ? model.tokenizer->mask_id() : -1;
    for (size_t i = 0; mask >= 0 && i < trace.src_token_ids.size(); ++i)
        if (trace.src_token_ids[i] == mask) rows.push_back(static_cast<int64_t>(i));
    if (heads_on) {
        const Stage* logits = heads_on->find("output.logits");
        for (int64_t r : rows) {  // one row each, not T × V
            const Tensor row = logits->slice(r);
            trace.unablated_logits[r].assign(row.data.begin(), row.data.end());
        }
        return;
    }
    inputs.interventions.clear();
    const Mat logits = run_forward_untraced(model, inputs).logits;
    for (int64_t r : rows) trace.unablated_logits[r] = std::vector<float>(logits.row(r).data(), logits.row(r).data() + logits.cols());
}

// The trace of the inputs: with heads knocked out and the run with every head on at hand (same
// tokens), only the layers from the first knocked-out head on are computed; else the whole pass.
// The trace holds its model (weights_owner): its derived stages read the weights.
std::shared_ptr<Trace> trace_of(const std::shared_ptr<const Model>& owner, const Inputs& inputs, const TraceOptions& options,
                                const RunLimits& limits) {
    const Model& model = *owner;
    const Trace* heads_on = limits.heads_on.get();
    std::shared_ptr<Trace> trace;
    const bool two = model.config.architecture == Architecture::EncoderDecoder;
    if (heads_on && !inputs.interventions.empty() && heads_on->src_tokens == token_labels(model.config, inputs.src.tokens) &&
        heads_on->tgt_tokens == (two ? token_labels(model.config, inputs.tgt.tokens) : std::vector<std::string>{})) {
        int first = std::numeric_limits<int>::max();
        for (const HeadIntervention& h : inputs.interventions) first = std::min(first, h.layer);
        trace = std::make_shared<Trace>(run_forward_from(model, model.bind(), inputs, *heads_on, first, options));
    } else {
        heads_on = nullptr;
        trace = std::make_shared<Trace>(run_forward(model, inputs, options));
    }
    add_unablated_rows(*trace, model, inputs, heads_on);
    trace->weights_owner = owner;
    return trace;
}

// The opened model as it is: no base weights, no edits.
SessionRun run_imported(const Session& s, const PreparedSession& prepared, const RunLimits& limits) {
    SessionRun r;
    const Model& model = *prepared.imported;
    if (const std::string p = memory_problem(model.config, static_cast<int64_t>(prepared.ids.size()), 0, limits.memory_bytes); !p.empty()) {
        r.problems.push_back({kSizeField, p});
        return r;
    }
    try {
        TraceOptions options;
        options.cancel = limits.cancel.get();
        Inputs inputs{sequence_from_ids(model, model.bind(), prepared.ids), {}};
        inputs.interventions = session_interventions(s, model.config);
        auto trace = trace_of(prepared.imported, inputs, options, limits);
        if (generation_problem(model).empty()) add_kv_cache_stages(*trace, model.config);
        r.trace = std::move(trace);
        r.model = prepared.imported;
    } catch (const Cancelled&) {
        r.cancelled = true;
    } catch (const Error& e) {
        r.problems.push_back({kSourceTextField, e.what()});
    } catch (const std::bad_alloc&) {
        r.problems.push_back({kSizeField, out_of_memory()});
    }
    return r;
}

}  // namespace

PreparedSession prepare_ids(std::shared_ptr<const Model> model, std::vector<int32_t> ids) {
    PreparedSession p;
    if (ids.empty()) p.problems.push_back({kSourceTextField, translate_text("attn", kNoTokens)});
    for (int32_t id : ids) p.tokens.src.push_back(model->config.vocab.at(static_cast<size_t>(id)));
    p.ids = std::move(ids);
    p.imported = std::move(model);
    return p;
}

namespace {

PreparedSession prepare_texts(const Session& s, std::shared_ptr<const Model> imported) {
    if (!s.model_folder.empty()) {  // an imported model: its own tokenizer, its own limits
        if (!imported) {
            PreparedSession p;
            p.problems.push_back({kWeightsField, fill(translate_text("attn", "the model folder %1 is not open: open it with File › Open model…"),
                                                      {s.model_folder})});
            return p;
        }
        try {
            if (!s.src_token_ids.empty()) {  // the model's own ids (generated): as they are
                const auto limit = static_cast<size_t>(imported->config.max_len);
                if (s.src_token_ids.size() > limit)
                    throw Error("the text has " + std::to_string(s.src_token_ids.size()) + " tokens but this model reads at most " +
                                std::to_string(limit) + "; shorten it or truncate it");
                for (int32_t id : s.src_token_ids)
                    if (id < 0 || id >= static_cast<int32_t>(imported->config.vocab.size()))
                        throw Error("token id " + std::to_string(id) + " is outside the vocab of " +
                                    std::to_string(imported->config.vocab.size()) + " tokens");
                return prepare_ids(imported, s.src_token_ids);
            }
            if (s.chat) return prepare_ids(imported, encode_text(*imported, chat_prompt(*imported, s.src_text), false, false));
            return prepare_ids(imported, encode_text(*imported, s.src_text));
        } catch (const Error& e) {
            PreparedSession p;
            p.problems.push_back({kSourceTextField, e.what()});
            p.imported = std::move(imported);
            return p;
        }
    }
    PreparedSession p;
    for (const auto& problem : validate(s.config)) p.problems.push_back({problem.field, problem.message});
    if (!p.problems.empty()) return p;
    p.tokens.src = tokenize_field(s.config, s.src_text, kSourceTextField, p.problems);
    if (s.config.architecture == Architecture::EncoderDecoder) p.tokens.tgt = tokenize_field(s.config, s.tgt_text, kTargetTextField, p.problems);
    return p;
}

}  // namespace

PreparedSession prepare_session(const Session& s, std::shared_ptr<const Model> imported) {
    PreparedSession p = prepare_texts(s, imported);
    if (!s.knocked_out.empty() && (p.imported || s.model_folder.empty())) {  // heads the model has
        try {
            session_interventions(s, p.imported ? p.imported->config : s.config);
        } catch (const Error& e) {
            p.problems.push_back({kKnockedOutField, e.what()});
        }
    }
    return p;
}

int64_t prepared_trace_floats(const Session& s, const PreparedSession& prepared) {
    if (!prepared.problems.empty()) return 0;
    const Config& config = prepared.imported ? prepared.imported->config : s.config;
    return count_trace_floats(config, static_cast<int64_t>(prepared.tokens.src.size()), static_cast<int64_t>(prepared.tokens.tgt.size()), true);
}

SessionRun run_session(const Session& s, const PreparedSession& prepared, const RunLimits& limits) {
    SessionRun r;
    r.problems = prepared.problems;
    if (!r.problems.empty()) return r;
    // Size first, from the config and the token counts alone: refuse before allocating anything big.
    const auto T = static_cast<int64_t>(prepared.tokens.src.size()), S = static_cast<int64_t>(prepared.tokens.tgt.size());
    if (const std::string p = memory_problem(s.config, T, S, limits.memory_bytes); !p.empty()) {
        r.problems.push_back({kSizeField, p});
        return r;
    }
    if (prepared.imported) return run_imported(s, prepared, limits);
    try {
        const bool reuse = limits.cached_base && limits.cached_config == s.config && limits.cached_weights_path == s.weights_path;
        r.base = reuse ? limits.cached_base : std::make_shared<const StateDict>(base_weights(s));
    } catch (const Error& e) {
        r.problems.push_back({kWeightsField, e.what()});
        return r;
    }
    std::shared_ptr<const Model> model = limits.heads_on_model;  // only knocked-out heads differ: the same model
    try {
        if (!model || !limits.heads_on || s.knocked_out.empty()) model = std::make_shared<const Model>(build_model(s, *r.base, /*config_checked=*/true));
    } catch (const Error& e) {
        r.problems.push_back({kWeightsField, e.what()});
        return r;
    }
    try {
        std::vector<std::string> warnings;
        const Inputs inputs = build_inputs(*model, s, prepared.tokens, &warnings);
        TraceOptions options;
        options.cancel = limits.cancel.get();
        auto trace = trace_of(model, inputs, options, limits);
        trace->warnings.insert(trace->warnings.end(), warnings.begin(), warnings.end());
        trace->drop_repeated_warnings();  // a knock-out's trace starts from the run with every head on, which had them
        add_task_gradients(*trace, *model, s);
        r.trace = std::move(trace);
        r.model = std::move(model);
    } catch (const Cancelled&) {
        r.cancelled = true;
    } catch (const Error& e) {
        r.problems.push_back({kSourceTextField, e.what()});
    } catch (const std::bad_alloc&) {
        r.problems.push_back({kSizeField, out_of_memory()});
    }
    return r;
}

Inputs inputs_of_run(const Session& s, const Model& model, const Trace& trace) {
    if (s.model_folder.empty()) return build_inputs(model, s);
    Inputs in{sequence_from_ids(model, model.bind(), trace.src_token_ids), {}};
    in.interventions = session_interventions(s, model.config);
    return in;
}

void add_task_gradients(Trace& trace, const Model& model, const Session& s) {
    if (s.task.empty() || model.config.output_vocab() == 0) return;
    try {
        const auto task = make_task(s.task);
        if (const auto labels = task->labels_for(s.src_text, s.tgt_text)) {
            add_loss_and_gradients(trace, model, *labels);
            return;
        }
        trace.warnings.push_back(fill(translate_text("attn", "“%1” is not an input of the %2 task, so there is no loss and no gradient to show"),
                                      {s.src_text, s.task}));
    } catch (const Error& e) {
        trace.warnings.push_back(e.what());
    }
}

}  // namespace attn
