#include "teach/head_detector.h"

#include "base/rng.h"
#include "engine/forward.h"
#include "engine/sequence.h"
#include "teach/attention_sinks.h"

#include <algorithm>
#include <numeric>

namespace attn {
namespace {

constexpr int kInductionSequences = 4;  // the induction score is averaged over this many draws

}  // namespace

std::vector<std::string> self_attention_stages(const Config& c) {
    const bool decoder = c.architecture == Architecture::DecoderOnly;
    const int layers = decoder ? c.decoder_layers() : c.encoder_layers();
    std::vector<std::string> names;
    for (int l = 0; l < layers; ++l)
        names.push_back(std::string(decoder ? "decoder" : "encoder") + ".layers." + std::to_string(l) + ".self_attn.weights");
    return names;
}

namespace {

Trace run_ids(const Model& model, const std::vector<int32_t>& ids) {
    const ModelWeights bound = model.bind();
    Inputs in;
    if (bound.token_embedding) {
        in.src = sequence_from_ids(model, bound, ids);
    } else {  // an untrained model of the app's own: its vocab's tokens (or numbered ones), embedded as generated
        const auto& vocab = model.config.vocab;
        std::vector<std::string> tokens;
        for (int32_t id : ids) tokens.push_back(static_cast<size_t>(id) < vocab.size() ? vocab[static_cast<size_t>(id)] : "t" + std::to_string(id));
        in.src = sequence_from_tokens(model, bound, tokens);
    }
    return run_forward(model, bound, in);
}

}  // namespace

std::vector<double> previous_token_scores(const Tensor& weights) {
    std::vector<double> scores;
    if (weights.rank() != 3 || weights.dim(1) < 2 || weights.dim(2) < 2) return scores;
    for (int64_t h = 0; h < weights.dim(0); ++h) scores.push_back(previous_token_score(weights.slice(h)));
    return scores;
}

double previous_token_score(const ConstMatRef& head) {
    if (head.rows() < 2 || head.cols() < 2) return 0;
    double sum = 0;
    for (int64_t i = 1; i < head.rows(); ++i) sum += head(i, i - 1);
    return sum / static_cast<double>(head.rows() - 1);
}

std::vector<double> induction_scores(const Tensor& weights, int64_t period) {
    std::vector<double> scores;
    if (weights.rank() != 3 || period < 1 || weights.dim(1) < 2 * period || weights.dim(2) < 2 * period) return scores;
    for (int64_t h = 0; h < weights.dim(0); ++h) {
        const ConstMatMap w = weights.slice(h);
        double sum = 0;
        for (int64_t i = period; i < 2 * period; ++i) sum += w(i, i - period + 1);
        scores.push_back(sum / static_cast<double>(period));
    }
    return scores;
}

std::vector<int32_t> repeated_random_ids(const Model& model, uint64_t seed) {
    const int64_t vocab = model.config.output_vocab() > 0 ? model.config.output_vocab() : static_cast<int64_t>(model.config.vocab.size());
    const int64_t L = std::min<int64_t>({model.config.max_len / 2, vocab, 32});
    if (L < 1) return {};
    Rng rng(seed, "induction-probe");
    std::vector<int32_t> pool(static_cast<size_t>(vocab));
    std::iota(pool.begin(), pool.end(), 0);
    for (int64_t i = 0; i < L; ++i)  // the first L of a Fisher–Yates shuffle: L distinct tokens
        std::swap(pool[static_cast<size_t>(i)],
                  pool[static_cast<size_t>(i + std::min<int64_t>(vocab - i - 1, static_cast<int64_t>(rng.uniform(0, static_cast<double>(vocab - i)))))]);
    std::vector<int32_t> ids(pool.begin(), pool.begin() + L);
    ids.insert(ids.end(), pool.begin(), pool.begin() + L);
    return ids;
}

std::vector<std::vector<double>> induction_scores_of(const Model& model) {
    const std::vector<std::string> stages = self_attention_stages(model.config);
    std::vector<std::vector<double>> out(stages.size());
    for (int s = 0; s < kInductionSequences; ++s) {
        const std::vector<int32_t> ids = repeated_random_ids(model, static_cast<uint64_t>(s));
        if (ids.size() < 4) throw Error("the model's vocab is too small to measure induction (a repeated sequence needs 2 tokens)");
        const Trace probe = run_ids(model, ids);
        for (size_t l = 0; l < stages.size(); ++l) {
            const auto scores = induction_scores(*probe.tensor(stages[l]), static_cast<int64_t>(ids.size() / 2));
            out[l].resize(scores.size());
            for (size_t h = 0; h < scores.size(); ++h) out[l][h] += scores[h] / kInductionSequences;
        }
    }
    return out;
}

std::vector<HeadScores> score_heads(const Model& model, const Trace& trace, const std::vector<std::vector<double>>* induction) {
    const std::vector<std::string> stages = self_attention_stages(model.config);
    std::vector<std::vector<double>> computed;
    if (!induction) induction = &(computed = induction_scores_of(model));
    std::vector<HeadScores> out;
    for (size_t l = 0; l < stages.size(); ++l) {
        const Stage* weights = trace.find(stages[l]);
        if (!weights || weights->rank() != 3)
            throw Error("the trace has no " + stages[l] + ": the head detector reads self-attention weights");
        for (int64_t h = 0; h < weights->dim(0); ++h)  // a big trace derives one head at a time (4 MB at 1024 tokens, not 50)
            out.push_back(score_head(stages[l], static_cast<int>(l), static_cast<int>(h), weights->slice(h).matrix(), *induction));
    }
    return out;
}

HeadScores score_head(const std::string& stage, int layer, int head, const ConstMatRef& weights,
                      const std::vector<std::vector<double>>& induction) {
    const auto l = static_cast<size_t>(layer), h = static_cast<size_t>(head);
    const double ind = l < induction.size() && h < induction[l].size() ? induction[l][h] : 0.0;
    return {stage, layer, head, previous_token_score(weights), ind, first_key_share(weights)};
}

}  // namespace attn
