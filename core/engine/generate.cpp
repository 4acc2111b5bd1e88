#include "engine/generate.h"

#include "base/i18n.h"
#include "base/rng.h"
#include "engine/attention.h"
#include "engine/forward.h"
#include "engine/sequence.h"
#include "model/family.h"
#include "model/text_tokenizer.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <numeric>

namespace attn {

namespace {

// Σ exp(logit − max) over a row, in double (Eigen's vectorised exp: a row is 50 257 long in GPT-2).
double exp_sum(const ConstRowVecMap& logits, float max) {
    return (logits.array() - max).cast<double>().exp().sum();
}

}  // namespace

std::vector<Candidate> top_candidates(const ConstRowVecMap& logits, int k) {
    const auto V = static_cast<int32_t>(logits.size());
    k = std::clamp(k, 0, static_cast<int>(V));
    if (k == 0) return {};
    const float max = logits.maxCoeff();
    const double sum = exp_sum(logits, max);
    // The k largest in one pass, kept in order (ties: the lower id first); a row is 50 257 long
    // and k a handful, so this beats sorting an index of the whole row.
    const auto better = [&](int32_t a, int32_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); };
    std::vector<int32_t> best;
    best.reserve(static_cast<size_t>(k) + 1);
    for (int32_t i = 0; i < V; ++i) {
        if (static_cast<int>(best.size()) == k && !better(i, best.back())) continue;
        best.insert(std::upper_bound(best.begin(), best.end(), i, better), i);
        if (static_cast<int>(best.size()) > k) best.pop_back();
    }
    std::vector<Candidate> out;
    for (int32_t id : best) out.push_back({id, logits[id], std::exp(static_cast<double>(logits[id] - max)) / sum});
    return out;
}

double token_probability(const ConstRowVecMap& logits, int32_t id) {
    const float max = logits.maxCoeff();
    return std::exp(static_cast<double>(logits[id] - max)) / exp_sum(logits, max);
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
    return "";
}

std::vector<int32_t> end_of_text_ids(const Model& model) {
    if (model.card && !model.card->end_token_ids.empty()) return model.card->end_token_ids;
    if (model.tokenizer)
        if (const int32_t id = model.tokenizer->id_of("<|endoftext|>"); id >= 0) return {id};
    return {};
}

void add_kv_cache_stages(Trace& trace, const Config& config) {
    const int64_t H = config.kv_heads();  // the cache holds the K/V heads: fewer under grouped-query attention
    for (int l = 0; l < config.decoder_layers(); ++l) {
        const StageCoords at{StackKind::Decoder, l, BlockKind::SelfAttention, 0};
        const std::string p = at.block_path();
        for (const char* which : {"k", "v"}) {
            // The keys as the scores read them (after QK-norm and RoPE), as the cache keeps them.
            const Stage* source = nullptr;
            for (const char* name : {"_rotated", "_norm", ""})
                if (!source && (std::string(which) == "k" || std::string(name).empty())) source = trace.find(p + "." + which + name);
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
    run(prompt);
}

const RowVec& KvCacheGenerator::append(int32_t id) {
    run({id});
    return logits_;
}

// The shared forward pass for the new tokens only (engine/forward.h): token i of `ids` sits at
// position p0 + i and attends to every cached position up to its own.
void KvCacheGenerator::run(const std::vector<int32_t>& ids) {
    const Config& c = model_.config;
    const int64_t p0 = cache_.position, n = static_cast<int64_t>(ids.size());
    if (p0 + n > c.max_len)
        throw Error("the sequence would have " + std::to_string(p0 + n) + " tokens but this model reads at most " +
                    std::to_string(c.max_len));
    logits_ = run_forward_cached(model_, w_, sequence_from_ids(model_, w_, ids), cache_);
    ids_.insert(ids_.end(), ids.begin(), ids.end());
}

void KvCacheGenerator::slide(size_t keep) {
    keep = std::clamp<size_t>(keep, 1, ids_.size());
    const std::vector<int32_t> kept(ids_.end() - static_cast<std::ptrdiff_t>(keep), ids_.end());
    ids_.clear();
    cache_ = ForwardCache{};
    run(kept);
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
    const int64_t H = c.kv_heads();
    [[maybe_unused]] const int64_t S = static_cast<int64_t>(ids_.size());
    Trace trace;
    for (int32_t id : ids_) trace.src_tokens.push_back(c.vocab.empty() ? std::to_string(id) : c.vocab.at(static_cast<size_t>(id)));
    trace.src_tokens = token_labels(c, trace.src_tokens);
    trace.src_token_ids = ids_;
    trace.vocab = token_labels(c, c.vocab);
    for (size_t l = 0; l < cache_.layers.size(); ++l) {
        const StageCoords at{StackKind::Decoder, static_cast<int>(l), BlockKind::SelfAttention, 0};
        const std::string p = at.block_path();
        const char* what[] = {ATTN_TEXT("keys cached for the next tokens: one row per token so far, never recomputed"),
                              ATTN_TEXT("values cached for the next tokens: one row per token so far, never recomputed")};
        const Tensor* tensors[] = {cache_.layers[l].k.get(), cache_.layers[l].v.get()};
        const char* names[] = {".k_cache", ".v_cache"};
        for (int m = 0; m < 2; ++m) {
            assert(tensors[m]->dim(0) == S && "one cached row per token");
            trace.add(StageInfo{p + names[m], StageKind::KvCache, at, what[m], m == 0 ? "K[:t]" : "V[:t]",
                                {Axis::Head, Axis::SrcToken, Axis::Feature}, {}},
                      std::make_shared<const Tensor>(split_heads(tensors[m]->matrix(), H)));
        }
    }
    return trace;
}

}  // namespace attn
