#include "engine/generate.h"

#include "base/i18n.h"
#include "base/rng.h"
#include "engine/attention.h"
#include "engine/feed_forward.h"
#include "engine/kernels/kernels.h"
#include "engine/layer_norm.h"
#include "engine/linear.h"
#include "engine/positional_encoding.h"
#include "engine/softmax.h"
#include "model/family.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace attn {

std::vector<Candidate> top_candidates(const ConstRowVecMap& logits, int k) {
    const auto V = static_cast<int32_t>(logits.size());
    k = std::clamp(k, 0, static_cast<int>(V));
    const float max = logits.maxCoeff();
    double sum = 0;
    for (int32_t i = 0; i < V; ++i) sum += std::exp(static_cast<double>(logits[i] - max));
    std::vector<int32_t> order(static_cast<size_t>(V));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int32_t a, int32_t b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    });
    std::vector<Candidate> out;
    for (int i = 0; i < k; ++i) {
        const int32_t id = order[static_cast<size_t>(i)];
        out.push_back({id, logits[id], std::exp(static_cast<double>(logits[id] - max)) / sum});
    }
    return out;
}

double token_probability(const ConstRowVecMap& logits, int32_t id) {
    const float max = logits.maxCoeff();
    double sum = 0;
    for (Eigen::Index i = 0; i < logits.size(); ++i) sum += std::exp(static_cast<double>(logits[i] - max));
    return std::exp(static_cast<double>(logits[id] - max)) / sum;
}

std::string prediction_problem(const Model& model) {
    if (model.config.output_vocab() == 0 || !model.bind().generator)
        return describe(model.config.family).no_head_problem;
    return "";
}

std::string generation_problem(const Model& model) {
    const Config& c = model.config;
    if (const std::string p = prediction_problem(model); !p.empty()) return p;
    if (c.architecture != Architecture::DecoderOnly)
        return describe(c.family).no_generation_problem;
    if (c.positional_encoding == PositionalEncoding::Rope || c.positional_encoding == PositionalEncoding::Alibi ||
        c.sliding_window > 0 || c.block_size > 0 || c.pe_concat > 0)
        return "generation with a KV cache supports learned, sinusoidal, binary or no positions, without windows or blocks";
    return "";
}

void add_kv_cache_stages(Trace& trace, const Config& config) {
    const int64_t H = config.nhead;
    for (int l = 0; l < config.decoder_layers(); ++l) {
        const StageCoords at{StackKind::Decoder, l, BlockKind::SelfAttention, 0};
        const std::string p = at.block_path();
        for (const char* which : {"k", "v"}) {
            const Stage* source = trace.find(p + "." + which);
            if (!source) continue;
            const int64_t S = source->dim(0), Dk = source->dim(1) / H;
            const bool keys = std::string(which) == "k";
            auto data = source->data;
            trace.add_derived(StageInfo{p + (keys ? ".k_cache" : ".v_cache"), StageKind::KvCache, at,
                                        keys ? ATTN_TEXT("keys cached for the next tokens: one row per token so far, never recomputed")
                                             : ATTN_TEXT("values cached for the next tokens: one row per token so far, never recomputed"),
                                        keys ? "K[:t]" : "V[:t]", {Axis::Head, Axis::SrcToken, Axis::Feature}, {source->name}},
                              {H, S, Dk}, [data, H] { return split_heads(data->get()->matrix(), H); });
        }
    }
}

KvCacheGenerator::KvCacheGenerator(const Model& model, const std::vector<int32_t>& prompt) : model_(model), w_(model.bind()) {
    if (const std::string p = generation_problem(model); !p.empty()) throw Error(p);
    if (prompt.empty()) throw Error("the prompt has no tokens; type at least one word");
    keys_.resize(w_.decoder.layers.size());
    values_.resize(w_.decoder.layers.size());
    run(prompt);
}

const RowVec& KvCacheGenerator::append(int32_t id) {
    run({id});
    return logits_;
}

// The decoder-only stack for the new tokens only: token i of `ids` sits at position p0 + i and
// attends to every cached position up to its own (the causal mask, relative to the cache).
void KvCacheGenerator::run(const std::vector<int32_t>& ids) {
    const Config& c = model_.config;
    const int64_t p0 = static_cast<int64_t>(ids_.size()), n = static_cast<int64_t>(ids.size()), D = c.d_model;
    if (p0 + n > c.max_len)
        throw Error("the sequence would have " + std::to_string(p0 + n) + " tokens but this model reads at most " +
                    std::to_string(c.max_len));
    const WeightMatrix& table = *w_.token_embedding;
    Mat x(n, D);
    const Mat fixed = c.positional_encoding == PositionalEncoding::Learned ? Mat() : fixed_positional_table(c, p0 + n);
    for (int64_t i = 0; i < n; ++i) {
        const int32_t id = ids[static_cast<size_t>(i)];
        if (id < 0 || id >= table.rows) throw Error("token id " + std::to_string(id) + " is outside the vocab");
        x.row(i) = table.map().row(id);  // E[token] + P[position]
        x.row(i) += c.positional_encoding == PositionalEncoding::Learned ? RowVec(w_.positions->map().row(p0 + i)) : RowVec(fixed.row(p0 + i));
    }
    const int64_t H = c.nhead, Dk = c.head_dim();
    for (size_t l = 0; l < w_.decoder.layers.size(); ++l) {
        const LayerWeights& layer = w_.decoder.layers[l];
        auto norm = [&](const NormWeights& nw, const Mat& in) {
            Mat out(in.rows(), in.cols());
            layer_norm(in, nw.weight.map(), nw.bias.map(), c.layer_norm_eps, out);
            return out;
        };
        // Self-attention of the new rows: q, k, v = a · W_{Q,K,V}ᵀ + b; the new k, v join the cache.
        const Mat a = c.norm_first ? norm(layer.norms[0], x) : x;
        Mat q(n, D), k(n, D), v(n, D);
        linear(a, layer.self_attn.q.weight.map(), layer.self_attn.q.bias.map(), q);
        linear(a, layer.self_attn.k.weight.map(), layer.self_attn.k.bias.map(), k);
        linear(a, layer.self_attn.v.weight.map(), layer.self_attn.v.bias.map(), v);
        Mat& K = keys_[l];
        Mat& Vc = values_[l];
        K.conservativeResize(p0 + n, D);
        Vc.conservativeResize(p0 + n, D);
        K.bottomRows(n) = k;
        Vc.bottomRows(n) = v;
        const auto S = p0 + n;
        const float divisor = c.score_divisor(static_cast<int>(l));
        Mat context(n, D), mask(n, S);
        for (int64_t i = 0; i < n; ++i)  // query p0 + i sees keys 0 .. p0 + i
            for (int64_t j = 0; j < S; ++j) mask(i, j) = j <= p0 + i ? 0.0f : -std::numeric_limits<float>::infinity();
        for (int64_t h = 0; h < H; ++h) {
            Mat scores(n, S), weights(n, S);
            matmul(q.middleCols(h * Dk, Dk), false, K.middleCols(h * Dk, Dk), true, scores, false);  // Q_h · K_hᵀ
            for (int64_t i = 0; i < n; ++i)
                attend_row(scores.row(i).data(), divisor, mask.row(i).data(), nullptr, nullptr, nullptr, weights.row(i).data(), S);
            Mat context_h(n, Dk);
            matmul(weights, false, Vc.middleCols(h * Dk, Dk), false, context_h, false);  // weights_h · V_h
            context.middleCols(h * Dk, Dk) = context_h;
        }
        Mat attended(n, D);
        linear(context, layer.self_attn.out.weight.map(), layer.self_attn.out.bias.map(), attended);
        x += attended;  // x + self-attention(·)
        if (!c.norm_first) x = norm(layer.norms[0], x);
        const Mat f_in = c.norm_first ? norm(layer.norms[1], x) : x;
        x += feed_forward(layer.ffn, c.activation, f_in).output;  // x + feed-forward(·)
        if (!c.norm_first) x = norm(layer.norms[1], x);
    }
    if (w_.decoder.final_norm) {
        Mat out(n, D);
        layer_norm(x, w_.decoder.final_norm->weight.map(), w_.decoder.final_norm->bias.map(), c.layer_norm_eps, out);
        x = std::move(out);
    }
    const LinearWeights& head = *w_.generator;
    Mat logits(1, head.weight.rows);
    linear(x.bottomRows(1), head.weight.map(), head.bias.map(), logits);  // only the last token's next-token logits
    logits_ = logits.row(0);
    ids_.insert(ids_.end(), ids.begin(), ids.end());
}

int32_t KvCacheGenerator::choose(const Sampling& sampling) {
    const ConstRowVecMap row(logits_.data(), logits_.size());
    if (sampling.temperature <= 0) return top_candidates(row, 1).front().id;  // greedy
    // softmax(logits / T) over the top k (or all), drawn from the seeded stream.
    const int k = sampling.top_k > 0 ? sampling.top_k : static_cast<int>(logits_.size());
    const auto candidates = top_candidates(row, k);
    std::vector<double> weights;
    for (const auto& cand : candidates)
        weights.push_back(std::exp((static_cast<double>(cand.logit) - candidates.front().logit) / sampling.temperature));
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    Rng rng(sampling.seed, "generate:" + std::to_string(draws_++));
    double u = rng.uniform() * total;
    for (size_t i = 0; i < candidates.size(); ++i) {
        if (u < weights[i]) return candidates[i].id;
        u -= weights[i];
    }
    return candidates.back().id;
}

Trace KvCacheGenerator::cache_trace() const {
    const Config& c = model_.config;
    const int64_t H = c.nhead, Dk = c.head_dim(), S = static_cast<int64_t>(ids_.size());
    Trace trace;
    for (int32_t id : ids_) trace.src_tokens.push_back(c.vocab.empty() ? std::to_string(id) : c.vocab.at(static_cast<size_t>(id)));
    trace.src_token_ids = ids_;
    trace.vocab = c.vocab;
    for (size_t l = 0; l < keys_.size(); ++l) {
        const StageCoords at{StackKind::Decoder, static_cast<int>(l), BlockKind::SelfAttention, 0};
        const std::string p = at.block_path();
        const char* what[] = {ATTN_TEXT("keys cached for the next tokens: one row per token so far, never recomputed"),
                              ATTN_TEXT("values cached for the next tokens: one row per token so far, never recomputed")};
        const Mat* mats[] = {&keys_[l], &values_[l]};
        const char* names[] = {".k_cache", ".v_cache"};
        for (int m = 0; m < 2; ++m) {
            Tensor heads = Tensor::uninitialized({H, S, Dk});
            for (int64_t h = 0; h < H; ++h) heads.slice(h) = mats[m]->middleCols(h * Dk, Dk);
            trace.add(StageInfo{p + names[m], StageKind::KvCache, at, what[m], m == 0 ? "K[:t]" : "V[:t]",
                                {Axis::Head, Axis::SrcToken, Axis::Feature}, {}},
                      std::make_shared<const Tensor>(std::move(heads)));
        }
    }
    return trace;
}

}  // namespace attn
