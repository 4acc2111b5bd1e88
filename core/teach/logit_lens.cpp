#include "teach/logit_lens.h"

#include "engine/feed_forward.h"
#include "engine/interventions.h"
#include "engine/linear.h"
#include "engine/transformer_layer.h"

#include <numeric>

namespace attn {
namespace {

// The residual stream the predicting stack's first layer reads: the embeddings with positions
// (after BERT's embedding norm), on the target side of an encoder-decoder model.
std::string first_residual(const Model& model, const Trace& trace) {
    if (model.config.architecture == Architecture::EncoderDecoder) return "tgt.input";
    return trace.find("src.norm") ? "src.norm" : "src.input";
}

// What the output head reads, from a residual stream x (rows, D): the stack's final norm when it
// has one, then BERT's head transform (dense, activation, norm) — the forward pass's own steps.
Mat head_input(const Model& model, const ModelWeights& w, const StackWeights& stack, Mat x) {
    const Config& c = model.config;
    if (stack.final_norm) apply_norm(c.norm, x, stack.final_norm->weight.map(), stack.final_norm->bias.map(), c.layer_norm_eps, x);
    if (w.head_transform) {
        Mat dense(x.rows(), w.head_transform->dense.weight.rows);
        linear(x, w.head_transform->dense.weight, w.head_transform->dense.bias, dense);
        apply_activation(c.activation, dense);
        const NormWeights& n = w.head_transform->norm;
        apply_norm(c.norm, dense, n.weight.map(), n.bias.map(), c.layer_norm_eps, dense);
        return dense;
    }
    return x;
}

}  // namespace

LogitLens logit_lens(const Model& model, const Trace& trace, int k, std::vector<int64_t> positions) {
    const ModelWeights w = model.bind();
    if (!w.generator) throw Error("the logit lens reads the output head, and this model has none");
    const StackKind stack_kind = predicting_stack(model.config);
    const StackWeights& stack = stack_kind == StackKind::Decoder ? w.decoder : w.encoder;
    const std::string stack_name = stack_kind == StackKind::Decoder ? "decoder" : "encoder";
    const Stage* first = trace.find(first_residual(model, trace));
    if (!first) throw Error("the trace has no input stage to read");
    const int64_t T = first->dim(0);
    if (positions.empty()) {
        positions.resize(static_cast<size_t>(T));
        std::iota(positions.begin(), positions.end(), 0);
    }
    for (int64_t p : positions)
        if (p < 0 || p >= T) throw Error("position " + std::to_string(p) + " is outside the text's " + std::to_string(T) + " tokens");
    LogitLens lens;
    lens.positions = positions;
    std::vector<std::pair<std::string, std::string>> reads = {{"embeddings", first->name}};
    for (size_t l = 0; l < stack.layers.size(); ++l)
        reads.emplace_back(std::to_string(l), stack_name + ".layers." + std::to_string(l) + ".output");
    constexpr int64_t kChunk = 256;  // positions at a time: 256 × V logits (51 MB for GPT-2), not T × V
    for (const auto& [layer, stage] : reads) {
        const auto residual = trace.tensor(stage);
        const ConstMatMap x = residual->matrix();
        LensRow row{layer, stage, {}};
        for (size_t start = 0; start < positions.size(); start += kChunk) {
            const size_t n = std::min<size_t>(kChunk, positions.size() - start);
            Mat rows(static_cast<Eigen::Index>(n), x.cols());
            for (size_t i = 0; i < n; ++i) rows.row(static_cast<Eigen::Index>(i)) = x.row(positions[start + i]);
            const Mat h = head_input(model, w, stack, std::move(rows));
            Mat logits(h.rows(), w.generator->weight.rows);
            linear(h, w.generator->weight, w.generator->bias, logits);
            std::vector<std::vector<Candidate>> tops(static_cast<size_t>(logits.rows()));
#pragma omp parallel for schedule(static)  // each row's softmax and top k: 50 257 exponentials for GPT-2
            for (Eigen::Index i = 0; i < logits.rows(); ++i)
                tops[static_cast<size_t>(i)] = top_candidates(ConstRowVecMap(logits.row(i).data(), logits.cols()), k);
            for (auto& top : tops) row.top.push_back(std::move(top));
        }
        lens.rows.push_back(std::move(row));
    }
    return lens;
}

}  // namespace attn
