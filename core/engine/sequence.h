// One sequence as the model sees it: tokens (labels), their embeddings before
// positions are added, and which of them are padding.
#pragma once

#include "base/tensor.h"
#include "engine/interventions.h"
#include "model/model.h"

#include <string>
#include <vector>

namespace attn {

struct Sequence {
    std::vector<std::string> tokens;
    Mat embeddings;             // (T, D)
    std::vector<bool> padding;  // (T): true = masked as a key
    std::vector<int32_t> ids;   // an imported model's token ids (empty for the app's models)
};

struct Inputs {
    Sequence src;  // the only sequence of encoder-only and decoder-only models
    Sequence tgt;  // encoder-decoder target
    std::vector<HeadIntervention> interventions = {};  // heads knocked out or patched (none: the model as it is)
};

// The model's tokens of a text (its special tokens kept whole).
std::vector<std::string> tokenize_for(const Config& config, const std::string& text);

// The labels a trace shows for a model's tokens: as they are, except a character-level model's
// invisible characters (visible_token: "␣", "↵").
std::vector<std::string> token_labels(const Config& config, const std::vector<std::string>& tokens);

// Embeds tokens: rows of embedding.weight for tokens in the config's vocab,
// otherwise a vector generated from (seed, token), so editing one word leaves
// the others' vectors unchanged. Throws attn::Error past max_len.
Sequence sequence_from_tokens(const Model& model, std::vector<std::string> tokens,
                              std::vector<std::string>* warnings = nullptr);
// The same with the model's weights already bound (model.bind()): the trainer binds once a step.
Sequence sequence_from_tokens(const Model& model, const ModelWeights& bound, std::vector<std::string> tokens,
                              std::vector<std::string>* warnings = nullptr);
// An imported model's tokens by id (model.tokenizer): rows of its word embeddings, labelled
// as the tokenizer shows them. Throws attn::Error for an id outside the vocab or past max_len.
Sequence sequence_from_ids(const Model& model, const ModelWeights& bound, std::vector<int32_t> ids);
// An imported model's ids of a text, cut to max_len when `truncate` (keeping BERT's final
// [SEP]); without it, a text too long is refused with its length and the limit. Without
// add_special, the tokenizer's own special tokens are left out (a chat prompt holds them).
// The app's own models: the vocab rows of the text's tokens, refusing a token not in the vocab.
std::vector<int32_t> encode_text(const Model& model, const std::string& text, bool truncate = false, bool add_special = true);
// The text of ids: the tokenizer's decoding, or the app's own model's vocab entries (joined by
// spaces for the word tokenizer, as they are for characters).
std::string decode_ids(const Model& model, const std::vector<int32_t>& ids);
// Tokenizes text (with the model's own tokenizer when it has one), then as sequence_from_tokens.
Sequence sequence_from_text(const Model& model, const std::string& text, std::vector<std::string>* warnings = nullptr);
// Given embeddings (T, D); tokens are labelled by position.
Sequence sequence_from_embeddings(const Model& model, const Mat& embeddings);

// The embedding generated for a token that has no trained row: N(0, 1)
// numbers drawn from a stream seeded by (seed, token).
RowVec generated_embedding(const std::string& token, uint64_t seed, int64_t D);

// Checks the inputs against the model (non-empty, at most max_len tokens,
// D columns, finite values); throws attn::Error saying what is wrong.
void check_inputs(const Model& model, const Inputs& inputs);

}  // namespace attn
