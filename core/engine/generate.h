// Next-token prediction and generation with a KV cache, for decoder-only models (GPT-2 and the
// app's own): each new token computes only its own rows (its query against the cached keys and
// values of every earlier token), so a step costs one token's work, not the whole sequence's.
// The cache is shown as stages (kind KvCache, "decoder.layers.<i>.self_attn.k_cache" / "v_cache",
// (H, S, Dk)), growing by one row per step.
#pragma once

#include "engine/trace.h"
#include "engine/transformer_layer.h"
#include "model/model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn {

struct Candidate {
    int32_t id = 0;
    float logit = 0;
    double probability = 0;  // softmax over the whole row (before any temperature)
};

// The k most probable entries of a logits row, most probable first.
std::vector<Candidate> top_candidates(const ConstRowVecMap& logits, int k);

// The softmax of a logits row at one id (no sorting: one pass over the row).
double token_probability(const ConstRowVecMap& logits, int32_t id);

// What a model can predict: "" when it can, else why not (no output head, …).
std::string prediction_problem(const Model& model);
// What generation needs: a decoder-only model with an output head (any positions, windows or
// blocks: the cached pass is the forward pass, engine/forward.h).
std::string generation_problem(const Model& model);
// The tokens generation stops at: config.json's eos_token_id(s), else GPT-2's <|endoftext|> when the
// tokenizer has one; none for the app's own models.
std::vector<int32_t> end_of_text_ids(const Model& model);

// The KV cache a generator would hold after reading the trace's tokens, as derived stages beside
// each decoder layer's k and v ("…self_attn.k_cache", "…v_cache", (H, S, Dk)): the same numbers,
// split into heads (nothing is stored until a view asks). One row more with each generated token.
void add_kv_cache_stages(Trace& trace, const Config& config);

struct Sampling {
    double temperature = 0;  // 0: greedy (the most probable token)
    int top_k = 0;           // 0: all tokens; k: sample among the k most probable
    uint64_t seed = 0;
};

class KvCacheGenerator {
public:
    // Runs the prompt (at least one token) through the model, filling the cache.
    KvCacheGenerator(const Model& model, const std::vector<int32_t>& prompt);

    // Appends one token: computes its rows only, returns its logits (V).
    const RowVec& append(int32_t id);
    // The logits after the last token.
    const RowVec& logits() const { return logits_; }
    const std::vector<int32_t>& ids() const { return ids_; }
    // Keeps only the last `keep` tokens (at least 1) and recomputes their cache, positions from 0: how
    // generation goes on once the cache holds max_len tokens (nanoGPT crops its input the same way).
    // The sampling stream goes on where it was.
    void slide(size_t keep);
    // The next token by the sampling rule (its draw advances the generator's stream).
    int32_t choose(const Sampling& sampling);

    // The cache as stages (H, S, Dk) per layer, with the last step's logits and probabilities.
    Trace cache_trace() const;

private:
    void run(const std::vector<int32_t>& ids);

    const Model& model_;  // outlives the generator
    ModelWeights w_;
    ForwardCache cache_;  // per layer: the keys (after RoPE) and values of every token so far
    std::vector<int32_t> ids_;
    RowVec logits_;
    uint64_t draws_ = 0;
};

}  // namespace attn
