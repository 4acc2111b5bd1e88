#include "teach/online_softmax.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {
namespace {

constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

const Stage& stage_of(const Trace& trace, StageKind kind, const StageCoords& at) {
    const Stage* s = trace.find(kind, at);
    if (!s) throw Error("the trace has no " + std::string(to_string(kind)) + " stage in '" + at.block_path() + "'");
    return *s;
}

}  // namespace

OnlineSoftmax online_softmax(const std::vector<float>& scores, ConstMatRef values, int64_t tile) {
    if (tile < 1) throw Error("the tile must hold at least one key");
    const auto S = static_cast<int64_t>(scores.size());
    if (values.rows() != S) throw Error("the values must have one row per score");
    const int64_t dv = values.cols();
    OnlineSoftmax out;
    out.floats_kept = 2 + dv;
    float m = kMinusInf, l = 0;
    RowVec o = RowVec::Zero(dv);
    for (int64_t first = 0; first < S; first += tile) {
        OnlineSoftmaxTile t;
        t.first = first, t.end = std::min(S, first + tile);
        t.tile_max = *std::max_element(scores.begin() + first, scores.begin() + t.end);
        t.max_before = m;
        m = std::max(m, t.tile_max);
        t.max = m;
        // e^(m_old − m_new); with nothing seen yet (or everything masked so far) nothing is carried.
        t.rescale = t.max_before == kMinusInf ? 0.0f : std::exp(t.max_before - m);
        l *= t.rescale;  // ℓ ← ℓ·e^(m_old − m_new) + Σ_tile e^(s_j − m_new)
        o *= t.rescale;  // o ← o·e^(m_old − m_new) + Σ_tile e^(s_j − m_new)·v_j
        for (int64_t j = t.first; j < t.end; ++j) {
            const float s = scores[static_cast<size_t>(j)];
            const float p = s == kMinusInf ? 0.0f : std::exp(s - m);  // masked: weight exactly 0
            t.exps.push_back(p);
            t.tile_sum += p;
            o += p * values.row(j);
        }
        l += t.tile_sum;
        t.sum = l;
        t.output.assign(o.data(), o.data() + dv);
        t.so_far.assign(static_cast<size_t>(dv), 0.0f);
        if (l > 0)
            for (int64_t d = 0; d < dv; ++d) t.so_far[static_cast<size_t>(d)] = o[d] / l;
        out.tiles.push_back(std::move(t));
    }
    out.result = out.tiles.empty() ? std::vector<float>(static_cast<size_t>(dv), 0.0f) : out.tiles.back().so_far;
    return out;
}

OnlineSoftmaxRow online_softmax_row(const Trace& trace, const std::string& block, int64_t head, int64_t row,
                                    int64_t tile) {
    const Stage* weights = nullptr;
    for (const Stage& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights && s.at.block_path() == block) weights = &s;
    if (!weights) throw Error("the trace has no attention block '" + block + "'");
    const int64_t H = weights->dim(0), T = weights->dim(1);
    if (head < 0 || head >= H) throw Error("'" + block + "' has no head " + std::to_string(head));
    if (row < 0 || row >= T) throw Error("'" + block + "' has no query row " + std::to_string(row));
    const Stage& values = stage_of(trace, StageKind::ValueHeads, weights->at);
    const Stage& masked = stage_of(trace, StageKind::MaskedScores, weights->at);
    const Stage& context = stage_of(trace, StageKind::ContextHeads, weights->at);
    OnlineSoftmaxRow out;
    out.block = block, out.head = head, out.row = row;
    out.kv_head = head / (H / values.dim(0));  // grouped-query: query head h reads K/V head h / group
    const Mat scores = masked.slice(head).matrix();
    out.scores.assign(scores.row(row).data(), scores.row(row).data() + scores.cols());
    const Tensor v = values.slice(out.kv_head);
    out.online = online_softmax(out.scores, v.matrix(), tile);
    const Mat w = weights->slice(head).matrix();
    out.full_weights.assign(w.row(row).data(), w.row(row).data() + w.cols());
    const Mat ctx = context.slice(head).matrix();
    out.full_result.assign(ctx.row(row).data(), ctx.row(row).data() + ctx.cols());
    for (size_t d = 0; d < out.full_result.size(); ++d)
        out.max_difference = std::max(out.max_difference, std::abs(out.online.result[d] - out.full_result[d]));
    return out;
}

}  // namespace attn
