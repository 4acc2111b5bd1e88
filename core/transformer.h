// The whole model: a config with its checked weights, the inputs of one
// forward pass, and the forward pass itself, which returns the full trace.
#pragma once

#include "config.h"
#include "state_dict.h"
#include "trace.h"

#include <optional>
#include <string>
#include <vector>

namespace attn {

struct Model {
    Config config;
    StateDict weights;
    std::vector<std::string> warnings;  // from loading the weights
};

// Validates the config; weights are the seed's (initial_state_dict) when none
// are given, else checked against the config (missing tensor: attn::Error).
Model make_model(const Config& config, std::optional<StateDict> weights = std::nullopt);

// One sequence as the model sees it: tokens (labels), their embeddings
// before positions are added, and which of them are padding.
struct Sequence {
    std::vector<std::string> tokens;
    Mat embeddings;             // (T, D)
    std::vector<bool> padding;  // (T): true = masked as a key
};

// Tokenizes text and embeds it: rows of embedding.weight for tokens in the
// config's vocab, otherwise a vector generated from (seed, token), so editing
// one word leaves the others' vectors unchanged.
Sequence sequence_from_text(const Model& model, const std::string& text, std::vector<std::string>* warnings = nullptr);
// Given embeddings (T, D); tokens are labelled by position.
Sequence sequence_from_embeddings(const Model& model, const Mat& embeddings);

// The embedding generated for a token that has no trained row: N(0, 1)
// numbers drawn from a stream seeded by (seed, token).
RowVec generated_embedding(const std::string& token, uint64_t seed, int64_t D);

struct Inputs {
    Sequence src;  // the only sequence of encoder-only and decoder-only models
    Sequence tgt;  // encoder-decoder target
};

// Checks the inputs against the model (non-empty, at most max_len tokens,
// D columns, finite values); throws attn::Error saying what is wrong.
void check_inputs(const Model& model, const Inputs& inputs);

struct TraceOptions {
    // A trace bigger than this many floats keeps only what is costly to
    // recompute and derives the (H, T, S) score-like stages, per-head copies
    // and activations when asked for (StageData): GPT-2 small at n = 1024
    // needs 0.5 GB instead of 3.4. Smaller traces keep everything.
    int64_t keep_everything_up_to = 16'000'000;  // 64 MB
};

// The forward pass, recording every intermediate. Calls check_inputs first.
Trace run_forward(const Model& model, const Inputs& inputs, const TraceOptions& options = {});

}  // namespace attn
