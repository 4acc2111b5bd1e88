#include "cli_lens.h"

#include "cli_options.h"
#include "teach/logit_lens.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace attn::cli {
namespace {

// A token as the trace labels it (␣ and ↵ for a character model's invisible characters).
std::string label_of(const Trace& trace, int32_t id) {
    return static_cast<size_t>(id) < trace.vocab.size() ? trace.vocab[static_cast<size_t>(id)] : std::to_string(id);
}

}  // namespace

int run_lens(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2, {"--config", "--weights", "--model", "--text", "--session", "--top-k", "--position"},
                                          {"--json", "--truncate", "--chat"});
    const int k = static_cast<int>(whole_number_option(options, "--top-k", 3, 1, 100));
    const Computed computed = compute_from_options(options, true);
    const Trace& trace = *computed.trace;
    std::vector<int64_t> positions;
    const bool json_out = option(options, "--json").has_value();
    // Text shows one position (the last, unless --position); JSON every position unless --position.
    if (option(options, "--position")) positions.push_back(whole_number_option(options, "--position", 0, 0, 1 << 30));
    const LogitLens lens = logit_lens(*computed.model, trace, k, positions);
    const auto& tokens = computed.model->config.architecture == Architecture::EncoderDecoder ? trace.tgt_tokens : trace.src_tokens;
    if (json_out) {
        nlohmann::ordered_json rows = nlohmann::json::array();
        for (const LensRow& row : lens.rows) {
            nlohmann::ordered_json at = nlohmann::json::array();
            for (size_t i = 0; i < lens.positions.size(); ++i) {
                nlohmann::ordered_json top = nlohmann::json::array();
                for (const Candidate& c : row.top[i])
                    top.push_back({{"id", c.id}, {"token", label_of(trace, c.id)}, {"probability", c.probability}});
                at.push_back({{"position", lens.positions[i]}, {"top", top}});
            }
            rows.push_back({{"layer", row.layer}, {"stage", row.stage}, {"positions", at}});
        }
        std::cout << nlohmann::ordered_json{{"tokens", tokens}, {"rows", rows}}.dump(2) << "\n";
        return 0;
    }
    const size_t shown = positions.empty() ? lens.positions.size() - 1 : 0;
    const int64_t p = lens.positions[shown];
    std::cout << "the guess after position " << p << " (\"" << tokens.at(static_cast<size_t>(p))
              << "\") read after each layer:\n";
    for (const LensRow& row : lens.rows) {
        char name[32];
        std::snprintf(name, sizeof name, "%-11s", row.layer == "embeddings" ? "embeddings" : ("layer " + row.layer).c_str());
        std::cout << name;
        for (const Candidate& c : row.top[shown]) {
            char cell[96];
            std::snprintf(cell, sizeof cell, "  %-12s %5.1f %%", label_of(trace, c.id).c_str(), 100.0 * c.probability);
            std::cout << cell;
        }
        std::cout << "\n";
    }
    std::cout << "(each row: the residual stream after that layer through the final norm and the output head; "
                 "the last row is the model's prediction)\n";
    return 0;
}

}  // namespace attn::cli
