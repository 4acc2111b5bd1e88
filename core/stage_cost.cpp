#include "stage_cost.h"

#include "transformer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace attn {
namespace {

// Multiply-adds of one stage, from its name and shape: projections read D
// inputs per output (the FFN's second layer F), scores are Dk-term dot
// products, contexts S-term weighted sums; slices, concatenations, masks and
// aliases copy and compute nothing; the rest is element-wise.
int64_t multiply_adds(const Stage& s, const Trace& trace, const Config& c) {
    const std::string& n = s.name;
    const int64_t count = s.numel();
    auto ends = [&](const char* suffix) { return n.ends_with(suffix); };
    if (ends("_attn.q") || ends("_attn.k") || ends("_attn.v") || ends("_attn.output") || ends(".ffn.hidden"))
        return count * c.d_model;
    if (ends(".ffn.output")) return count * c.dim_feedforward;
    if (ends(".scores")) return count * c.head_dim();
    if (ends(".context_heads")) {
        const Stage* weights = trace.find(n.substr(0, n.size() - 14) + ".weights");  // strip ".context_heads"
        return weights ? count * weights->dim(2) : 0;
    }
    const bool alias = s.formula.rfind("= ", 0) == 0;
    if (alias || ends("_heads") || ends("_attn.context") || ends(".mask")) return 0;
    return count;
}

}  // namespace

std::vector<StageCost> stage_costs(const Trace& trace, const Config& config) {
    std::vector<StageCost> out;
    for (const Stage& s : trace.stages())
        out.push_back({s.name, s.numel(), multiply_adds(s, trace, config)});
    return out;
}

double attended_fraction(const Tensor& mask) {
    if (mask.data.empty()) return 1.0;
    const auto open = std::count_if(mask.data.begin(), mask.data.end(), [](float v) { return std::isfinite(v); });
    return static_cast<double>(open) / static_cast<double>(mask.data.size());
}

LengthMeasurement measure_length(Config config, int n, int runs) {
    config.max_len = std::max(config.max_len, n);
    const Model model = make_model(config);
    Inputs in;
    in.src = sequence_from_embeddings(model, Mat::Random(n, config.d_model));
    if (config.has_encoder() && config.has_decoder()) in.tgt = sequence_from_embeddings(model, Mat::Random(n, config.d_model));
    std::vector<double> ms;
    int64_t floats = 0;
    for (int r = 0; r < std::max(runs, 1); ++r) {
        const auto start = std::chrono::steady_clock::now();
        const Trace trace = run_forward(model, in);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        floats = trace.kept_floats();
    }
    std::sort(ms.begin(), ms.end());
    return {n, ms[ms.size() / 2], static_cast<double>(floats) * 4.0 / 1e6};
}

}  // namespace attn
