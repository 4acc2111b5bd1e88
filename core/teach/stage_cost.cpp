#include "teach/stage_cost.h"

#include "engine/forward.h"

#include <algorithm>
#include <chrono>
#include <cmath>

namespace attn {
namespace {

// Multiply-adds of one stage, from its kind and shape: projections read D
// inputs per output (the FFN's second layer F), scores are Dk-term dot
// products, contexts S-term weighted sums; slices, concatenations, masks and
// aliases copy and compute nothing; the rest is element-wise.
int64_t multiply_adds(const Stage& s, const Trace& trace, const Config& c) {
    const int64_t count = s.numel();
    if (!s.alias_of.empty()) return 0;
    switch (s.kind) {
        case StageKind::AttentionOutput: return count * c.attention_dim();  // context·W_Oᵀ reads the H·d_k concatenated features
        case StageKind::Query:
        case StageKind::Key:
        case StageKind::Value:
        case StageKind::HeadTransform:
        case StageKind::Logits:  // x·W_gᵀ: D-term dot products, one per vocab entry
        case StageKind::FfnHidden:
        case StageKind::FfnGate: return count * c.d_model;
        case StageKind::FfnOutput: return count * c.dim_feedforward;
        case StageKind::Scores: return count * c.head_dim();
        case StageKind::ContextHeads: {
            const Stage* weights = trace.find(StageKind::AttentionWeights, s.at);
            return weights ? count * weights->dim(2) : 0;
        }
        case StageKind::QueryHeads:
        case StageKind::KeyHeads:
        case StageKind::ValueHeads:
        case StageKind::Context:
        case StageKind::Mask:
        case StageKind::LayerOutput:
        case StageKind::StackOutput:
        case StageKind::AttentionRollout:  // an analysis of the pass the app adds, not a step of the model
        case StageKind::KvCache: return 0;
        // Element-wise: one operation per float.
        case StageKind::TokenEmbedding:
        case StageKind::PositionalEncoding:
        case StageKind::StackInput:
        case StageKind::RotatedQuery:
        case StageKind::RotatedKey:
        case StageKind::ScaledScores:
        case StageKind::AlibiBias:
        case StageKind::MaskedScores:
        case StageKind::AttentionWeights:
        case StageKind::Residual:
        case StageKind::LayerNorm:
        case StageKind::RmsNorm:
        case StageKind::QueryNorm:
        case StageKind::KeyNorm:
        case StageKind::FfnActivation:
        case StageKind::TokenTypeEmbedding:
        case StageKind::Probabilities:
        case StageKind::Gradient: return count;
    }
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
