#include "cli_heads.h"

#include "cli_options.h"
#include "teach/attention_sinks.h"
#include "teach/head_detector.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace attn::cli {

int run_heads(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2,
                                          {"--config", "--weights", "--model", "--text", "--session"}, {"--json", "--truncate", "--chat"});
    const Computed computed = compute_from_options(options, true);
    const auto scores = score_heads(*computed.model, *computed.trace);
    if (option(options, "--json")) {
        nlohmann::ordered_json heads = nlohmann::json::array();
        for (const HeadScores& h : scores)
            heads.push_back({{"layer", h.layer}, {"head", h.head}, {"stage", h.stage}, {"previous_token", h.previous_token},
                             {"induction", h.induction}, {"first_token", h.first_token}});
        nlohmann::ordered_json out = {{"tokens", computed.trace->src_tokens},
                                      {"thresholds", {{"previous_token", kPreviousTokenThreshold}, {"induction", kInductionThreshold},
                                                      {"first_token", kSinkShare}}},
                                      {"heads", heads}};
        std::cout << out.dump(2) << "\n";
        return 0;
    }
    std::cout << "head   previous-token  induction  first-token\n";
    for (const HeadScores& h : scores) {
        std::string marks;
        if (h.previous_token >= kPreviousTokenThreshold) marks += "  previous-token head";
        if (h.induction >= kInductionThreshold) marks += "  induction head";
        if (h.first_token > kSinkShare) marks += "  sink";
        char row[96];
        std::snprintf(row, sizeof row, "%2d.%-2d  %14.3f  %9.3f  %11.3f", h.layer, h.head, h.previous_token, h.induction, h.first_token);
        std::cout << row << marks << "\n";
    }
    std::cout << "(previous-token and first-token: mean weights on this text; induction: on a random sequence of distinct "
                 "tokens repeated twice, the weight on the token after the earlier occurrence)\n";
    return 0;
}

}  // namespace attn::cli
