#include "engine/interventions.h"

#include "base/strings.h"

#include <charconv>

namespace attn {
namespace {

int stack_layers(const Config& c, StackKind stack) {
    return stack == StackKind::Encoder ? c.encoder_layers() : c.decoder_layers();
}

}  // namespace

StackKind predicting_stack(const Config& config) {
    return config.has_decoder() ? StackKind::Decoder : StackKind::Encoder;
}

std::vector<HeadIntervention> parse_head_list(const Config& config, const std::string& list, HeadChange change) {
    std::vector<HeadIntervention> out;
    size_t start = 0;
    while (start <= list.size()) {
        const size_t end = std::min(list.find(',', start), list.size());
        const std::string entry = list.substr(start, end - start);
        const size_t dot = entry.find('.');
        int layer = -1, head = -1;
        const auto number = [](const std::string& s, int& value) {
            const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
            return ec == std::errc() && p == s.data() + s.size() && !s.empty();
        };
        if (dot == std::string::npos || !number(entry.substr(0, dot), layer) || !number(entry.substr(dot + 1), head))
            throw Error("'" + entry + "' is not a head: write LAYER.HEAD, e.g. 3.5 for layer 3's head 5 (counted from 0)");
        HeadIntervention h;
        h.stack = predicting_stack(config), h.layer = layer, h.head = head, h.change = change;
        out.push_back(h);
        start = end + 1;
    }
    check_interventions(config, out, 0);
    return out;
}

void check_interventions(const Config& config, const std::vector<HeadIntervention>& changes, int64_t T) {
    for (const HeadIntervention& h : changes) {
        const int layers = stack_layers(config, h.stack);
        const std::string name = std::to_string(h.layer) + "." + std::to_string(h.head);
        if (h.layer < 0 || h.layer >= layers)
            throw Error("head " + name + ": the model has " + std::to_string(layers) + " layers (0–" + std::to_string(layers - 1) + ")");
        if (h.head < 0 || h.head >= config.nhead)
            throw Error("head " + name + ": the model has " + std::to_string(config.nhead) + " heads a layer (0–" +
                        std::to_string(config.nhead - 1) + ")");
        if (h.change == HeadChange::Patch && T > 0 &&
            (!h.values || h.values->rows() != T || h.values->cols() != config.head_dim()))
            throw Error("head " + name + ": the patched output must be " + std::to_string(T) + " × " +
                        std::to_string(config.head_dim()) + ", one row per token of this prompt: the two prompts must have as many tokens");
    }
}

void apply_head_changes(const std::vector<HeadIntervention>& changes, MatRef context, int64_t Dk) {
    for (const HeadIntervention& h : changes) {
        auto block = context.middleCols(h.head * Dk, Dk);
        switch (h.change) {
            case HeadChange::Zero: block.setZero(); break;
            case HeadChange::Mean: block.rowwise() = RowVec(block.colwise().mean()); break;
            case HeadChange::Patch: block = *h.values; break;
        }
    }
}

}  // namespace attn
