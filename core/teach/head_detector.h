// What a head does, measured (Olsson et al. 2022, "In-context Learning and Induction Heads";
// TransformerLens's head detectors): three scores per self-attention head, each a mean weight.
//   previous-token  mean over queries i ≥ 1 of the weight on key i − 1, on the text given;
//   induction       on a random sequence of distinct tokens repeated twice (length 2L), mean over
//                   queries i in the second copy of the weight on key i − L + 1: the token after the
//                   earlier occurrence of token i, what an induction head copies forward;
//   first-token     mean weight on key 0 (teach/attention_sinks.h), on the text given.
// The model overview and the Heads view mark heads over the thresholds, Explain gives the scores.
#pragma once

#include "base/tensor.h"
#include "engine/trace.h"
#include "model/model.h"

#include <cstdint>
#include <vector>

namespace attn {

// A head is marked when its score reaches these.
constexpr double kPreviousTokenThreshold = 0.4;
constexpr double kInductionThreshold = 0.4;

// weights (H, T, T) -> per head, the mean over queries i ≥ 1 of weights[h, i, i − 1].
std::vector<double> previous_token_scores(const Tensor& weights);
// One head's weights (T, T) -> the same mean (0 when T < 2).
double previous_token_score(const ConstMatRef& head);
// weights (H, 2L, 2L) of a sequence whose second half repeats its first -> per head, the mean over
// i in [L, 2L) of weights[h, i, i − L + 1].
std::vector<double> induction_scores(const Tensor& weights, int64_t period);

struct HeadScores {
    std::string stage;   // the weights stage: "decoder.layers.1.self_attn.weights"
    int layer = 0, head = 0;
    double previous_token = 0, induction = 0, first_token = 0;
};

// The repeated random sequence the induction score reads: L distinct tokens drawn (seeded) from the
// model's vocab, then the same L again; L = min(max_len / 2, vocab size, 32). Empty when the model
// has no vocab to draw from.
std::vector<int32_t> repeated_random_ids(const Model& model, uint64_t seed);

// The induction score of every head of the stack that reads the text (the decoder of a decoder-only
// model, else the encoder), [layer][head], averaged over four repeated random sequences. It depends on
// the model only, so a view computes it once per model. Throws attn::Error when the model has no
// vocab to draw the sequences from.
std::vector<std::vector<double>> induction_scores_of(const Model& model);

// "decoder.layers.<l>.self_attn.weights" for each layer of the stack that reads the text (the
// decoder of a decoder-only model, else the encoder): the stages the scores are measured on.
std::vector<std::string> self_attention_stages(const Config& c);
// Head `head` of layer `layer` of that stack, from its weights (T, T): previous-token and first-token
// scores measured, the induction score read from `induction` ([layer][head]; 0 when absent).
HeadScores score_head(const std::string& stage, int layer, int head, const ConstMatRef& weights,
                      const std::vector<std::vector<double>>& induction);
// Every self-attention head of that stack: previous-token and first-token scores on `trace`'s
// weights, induction scores from `induction` (induction_scores_of, computed here when not given).
// Throws attn::Error when the trace has no self-attention weights or the model no vocab.
std::vector<HeadScores> score_heads(const Model& model, const Trace& trace,
                                    const std::vector<std::vector<double>>* induction = nullptr);

}  // namespace attn
