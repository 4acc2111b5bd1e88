#include "cli_predict.h"

#include "cli_options.h"
#include "base/utf8.h"
#include "engine/generate.h"
#include "io/builtin_models.h"
#include "io/safetensors.h"
#include "model/family.h"
#include "engine/sequence.h"
#include "model/text_tokenizer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace attn::cli {
namespace {

// Spaces after a label to fill `width` columns: characters, not bytes (␣ is three bytes; a CJK character two columns).
size_t padding(const std::string& label, size_t width) {
    size_t columns = 0;
    for (size_t i = 0; i < label.size();) {
        char32_t c;
        const size_t len = std::max<size_t>(decode_utf8(label, i, c), 1);
        columns += (len == 3 && c >= 0x2E80 && c <= 0xFFEF) ? 2 : 1;  // CJK and full-width forms
        i += len;
    }
    return columns < width ? width - columns : 1;
}

std::string percent(double p) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(p < 0.001 ? 4 : 2) << 100.0 * p << " %";
    return out.str();
}

// A token as the trace labels it: an opened model's vocabulary entry; the app's character models
// show their invisible characters (␣, ↵).
std::string label_of(const Model& model, int32_t id) {
    const std::string& token = model.config.vocab.at(static_cast<size_t>(id));
    return model.tokenizer ? token : token_labels(model.config, {token}).front();
}

// The tokens before a position, for the heading: the last few, as the tokenizer shows them.
std::string context_before(const Model& model, const std::vector<int32_t>& ids, size_t end) {
    std::string text;
    const char* gap = describe(model.config.family).label_gap;
    for (size_t i = end > 8 ? end - 8 : 0; i < end; ++i) text += (text.empty() ? "" : gap) + label_of(model, ids[i]);
    return (end > 8 ? "…" : "") + text;
}

// --model DIR, or the app's own model from --config (a file or "builtin:shakespeare") and --weights.
Model predicting_model(const Options& options) {
    if (option(options, "--model")) return open_model_option(options);
    if (!option(options, "--config"))
        throw UsageError("--model DIR (a Hugging Face folder) or --config builtin:NAME (one of the app's trained models) is required");
    if (option(options, "--chat")) throw UsageError("--chat wraps the text in a Hugging Face model's chat template: use it with --model DIR");
    const std::string weights = weights_option(options);
    if (weights.empty()) throw UsageError("the app's own model needs trained weights here: give --weights FILE, or --config builtin:NAME");
    return make_model(load_model_config(*option(options, "--config")), read_safetensors(weights));
}

// The changes --ablate asks for (none without it).
std::vector<HeadIntervention> ablations(const Model& model, const Options& options) {
    const auto list = option(options, "--ablate");
    const auto mode = option(options, "--ablate-mode");
    if (!list) {
        if (mode) throw UsageError("--ablate-mode says how to knock heads out: give the heads with --ablate L.H[,L.H…]");
        return {};
    }
    if (mode && *mode != "zero" && *mode != "mean")
        throw UsageError("--ablate-mode is zero (the head's output set to 0) or mean (its mean over the text), not '" + *mode + "'");
    return parse_head_list(model.config, *list, mode && *mode == "mean" ? HeadChange::Mean : HeadChange::Zero);
}

// The label, token and text of a vocabulary id: the tokenizer's for an opened model, the vocab's for the app's own.
nlohmann::ordered_json candidate_json(const Model& model, int32_t id) {
    const std::string label = label_of(model, id);
    if (!model.tokenizer) return {{"id", id}, {"token", model.config.vocab.at(static_cast<size_t>(id))}, {"label", label},
                                  {"text", model.config.vocab.at(static_cast<size_t>(id))}};
    // Rows of the embedding past the tokenizer (Qwen2.5 pads 151 665 tokens to 151 936) have no token: "<unused N>".
    const bool has_token = id < model.tokenizer->vocab_size();
    return {{"id", id}, {"token", has_token ? model.tokenizer->token(id) : model.config.vocab.at(static_cast<size_t>(id))},
            {"label", label}, {"text", model.tokenizer->decode({id})}};
}

}  // namespace

int run_predict(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2, {"--model", "--config", "--weights", "--text", "--top-k", "--ablate", "--ablate-mode"},
                                          {"--json", "--truncate", "--chat"});
    const int k = static_cast<int>(whole_number_option(options, "--top-k", 10, 1, 1000));
    const Model model = predicting_model(options);
    if (const std::string problem = prediction_problem(model); !problem.empty()) throw Error(problem);
    const std::vector<int32_t> ids = model.tokenizer ? model_text_ids(model, options)
                                                     : encode_text(model, option(options, "--text").value_or(""),
                                                                   option(options, "--truncate").has_value());
    if (ids.empty()) throw UsageError("--text is required: the text to predict from");
    const std::vector<HeadIntervention> ablated = ablations(model, options);
    // Where to predict: a causal LM the token after the last, BERT every [MASK].
    std::vector<size_t> positions;
    const bool masked = describe(model.config.family).prediction == PredictionKind::MaskedWords;
    if (masked) {
        for (size_t i = 0; i < ids.size(); ++i)
            if (ids[i] == model.tokenizer->mask_id()) positions.push_back(i);
        if (positions.empty())
            throw Error("the text has no [MASK]: put [MASK] where BERT should guess a word, e.g. \"the cat [MASK] on the mat\"");
    } else {
        positions.push_back(ids.size() - 1);
    }
    const Inputs plain{sequence_from_ids(model, model.bind(), ids), {}};
    const ForwardOutput out = run_forward_untraced(model, plain);
    ForwardOutput changed;  // the same text with the heads knocked out
    if (!ablated.empty()) {
        Inputs in = plain;
        in.interventions = ablated;
        changed = run_forward_untraced(model, in);
    }
    const Mat& logits_used = ablated.empty() ? out.logits : changed.logits;
    nlohmann::ordered_json json = {{"model", model.card ? model.card->kind : to_string(model.config.family)},
                                   {"tokens", nlohmann::json::array()}, {"token_ids", ids}};
    if (!ablated.empty()) {
        json["ablate"] = nlohmann::json::array();
        for (const HeadIntervention& h : ablated) json["ablate"].push_back(std::to_string(h.layer) + "." + std::to_string(h.head));
        json["ablate_mode"] = ablated.front().change == HeadChange::Mean ? "mean" : "zero";
    }
    json["predictions"] = nlohmann::json::array();
    for (int32_t id : ids) json["tokens"].push_back(model.config.vocab.at(static_cast<size_t>(id)));
    const bool text_out = !option(options, "--json");
    if (text_out && !ablated.empty())
        std::cout << "with head" << (ablated.size() > 1 ? "s " : " ") << option(options, "--ablate").value() << " knocked out ("
                  << json["ablate_mode"].get<std::string>() << "); was: the model as it is\n";
    for (size_t p : positions) {
        const RowVec logits = logits_used.row(static_cast<Eigen::Index>(p));
        const RowVec before = out.logits.row(static_cast<Eigen::Index>(p));
        const auto top = top_candidates(ConstRowVecMap(logits.data(), logits.size()), k);
        nlohmann::ordered_json entry = {{"position", p}, {"top", nlohmann::json::array()}};
        if (text_out)
            std::cout << (masked ? "[MASK] at position " + std::to_string(p) + " after \""
                                                               : std::string("next token after \"")) +
                             context_before(model, ids, p + (masked ? 0 : 1))
                      << "\":\n";
        for (size_t r = 0; r < top.size(); ++r) {
            const Candidate& c = top[r];
            const std::string label = label_of(model, c.id);
            nlohmann::ordered_json item = candidate_json(model, c.id);
            item["probability"] = c.probability;
            item["logit"] = c.logit;
            double was = 0;
            if (!ablated.empty()) item["baseline_probability"] = was = token_probability(ConstRowVecMap(before.data(), before.size()), c.id);
            entry["top"].push_back(std::move(item));
            if (!text_out) continue;
            std::cout << std::setw(4) << r + 1 << ".  " << label << std::string(padding(label, 16), ' ') << std::setw(9)
                      << percent(c.probability);
            if (!ablated.empty()) std::cout << "   (was " << percent(was) << ")";
            else std::cout << "   (logit " << std::setprecision(4) << c.logit << ", id " << c.id << ")";
            std::cout << "\n";
        }
        json["predictions"].push_back(std::move(entry));
    }
    if (!text_out) std::cout << json.dump(2) << "\n";
    return 0;
}

int run_generate(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2,
                                          {"--model", "--config", "--weights", "--text", "--max-new-tokens", "--tokens", "--temperature",
                                           "--top-k", "--seed"},
                                          {"--json", "--truncate", "--chat"});
    if (option(options, "--tokens") && option(options, "--max-new-tokens"))
        throw UsageError("--tokens and --max-new-tokens say the same: give one");
    const std::string count_option = option(options, "--tokens") ? "--tokens" : "--max-new-tokens";
    if (!option(options, count_option)) throw UsageError("--max-new-tokens N is required (or --tokens N): how many tokens to add");
    const auto n = whole_number_option(options, count_option, 0, 1, 100000);
    Sampling sampling;
    sampling.temperature = number_option(options, "--temperature", 0.0, 0.0, 100.0);
    sampling.top_k = static_cast<int>(whole_number_option(options, "--top-k", 0, 0, 1 << 20));
    sampling.seed = static_cast<uint64_t>(whole_number_option(options, "--seed", 0, 0, INT64_MAX));
    if ((option(options, "--top-k") || option(options, "--seed")) && sampling.temperature == 0)
        std::cerr << "note: --top-k and --seed choose among tokens only with --temperature above 0; this run is greedy\n";
    const Model model = predicting_model(options);
    if (const std::string problem = generation_problem(model); !problem.empty()) throw Error(problem);
    const std::vector<int32_t> prompt = model.tokenizer ? model_text_ids(model, options)
                                                        : encode_text(model, option(options, "--text").value_or(""),
                                                                      option(options, "--truncate").has_value());
    if (prompt.empty()) throw UsageError("--text is required: the prompt the model continues");
    // The app's own models read a short context: past it, each token is predicted from the last
    // max_len − 1 (their cache recomputed), as nanoGPT generates; a Hugging Face model stops there.
    const bool slides = !model.tokenizer;
    const bool json_out = option(options, "--json").has_value();
    const std::vector<int32_t> end_ids = end_of_text_ids(model);
    KvCacheGenerator gen(model, prompt);
    std::vector<int32_t> generated;
    nlohmann::ordered_json steps = nlohmann::json::array();
    std::string stopped = "max_new_tokens";
    size_t printed = 0;
    if (!json_out) std::cout << decode_ids(model, prompt) << std::flush;
    for (int64_t i = 0; i < n; ++i) {
        const RowVec logits = gen.logits();
        const int32_t id = gen.choose(sampling);
        const double probability = token_probability(ConstRowVecMap(logits.data(), logits.size()), id);
        steps.push_back({{"id", id}, {"label", model.config.vocab.at(static_cast<size_t>(id))}, {"probability", probability}});
        if (std::find(end_ids.begin(), end_ids.end(), id) != end_ids.end()) {
            stopped = "end_of_text";
            break;
        }
        generated.push_back(id);
        const std::string text = decode_ids(model, generated);
        if (!json_out && !text.ends_with("\xEF\xBF\xBD")) {  // a character split across tokens waits for its last byte
            std::cout << text.substr(printed) << std::flush;
            printed = text.size();
        }
        if (i + 1 == n) break;
        if (gen.ids().size() == static_cast<size_t>(model.config.max_len)) {
            if (!slides) {
                stopped = "max_len";
                break;
            }
            gen.slide(static_cast<size_t>(model.config.max_len) - 1);
        }
        gen.append(id);  // only this token's rows are computed: its query against the cached keys and values
    }
    const std::string text = decode_ids(model, generated);
    if (json_out) {
        const std::string kind = model.card ? model.card->kind : option(options, "--config").value_or("");
        nlohmann::ordered_json json = {{"model", kind}, {"prompt", decode_ids(model, prompt)}, {"prompt_ids", prompt},
                                       {"generated", text}, {"generated_ids", generated}, {"steps", steps}, {"stopped", stopped},
                                       {"temperature", sampling.temperature}, {"top_k", sampling.top_k}, {"seed", sampling.seed}};
        std::cout << json.dump(2) << "\n";
    } else {
        std::cout << text.substr(std::min(printed, text.size())) << "\n";
        if (stopped == "end_of_text") std::cerr << "(stopped at the end-of-text token)\n";
        if (stopped == "max_len") std::cerr << "(stopped: the model reads at most " << model.config.max_len << " tokens)\n";
    }
    return 0;
}

}  // namespace attn::cli
