#include "engine/sequence.h"

#include "base/i18n.h"
#include "base/rng.h"
#include "base/utf8.h"
#include "model/text_tokenizer.h"
#include "model/tokenizer.h"
#include "model/family.h"

#include <algorithm>
#include <cmath>

namespace attn {
namespace {

void check_sequence(const Model& model, const Sequence& seq, const std::string& what) {
    const Config& c = model.config;
    const auto T = static_cast<int64_t>(seq.tokens.size());
    if (T == 0) throw Error(what + " has no tokens; type at least one word");
    if (T > c.max_len)
        throw Error(what + " has " + std::to_string(T) + " tokens but max_len is " + std::to_string(c.max_len));
    if (seq.embeddings.rows() != T || seq.embeddings.cols() != c.d_model)
        throw Error(what + " embeddings have shape " + shape_to_string({seq.embeddings.rows(), seq.embeddings.cols()}) +
                    " but " + std::to_string(T) + " tokens and d_model " + std::to_string(c.d_model) + " need [" +
                    std::to_string(T) + ", " + std::to_string(c.d_model) + "]");
    if (!seq.padding.empty() && static_cast<int64_t>(seq.padding.size()) != T)
        throw Error(what + " has " + std::to_string(T) + " tokens but " + std::to_string(seq.padding.size()) +
                    " padding flags");
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = 0; j < c.d_model; ++j)
            if (!std::isfinite(seq.embeddings(i, j)))
                throw Error(what + " embedding of token " + std::to_string(i) + " has a non-finite value at feature " +
                            std::to_string(j));
}

// The pad token and bracketed vocab entries ("[CLS]", "<s>") are kept whole by the tokenizer.
std::vector<std::string> special_tokens(const Config& c) {
    std::vector<std::string> specials{c.pad_token};
    for (const auto& token : c.vocab)
        if (token.size() > 2 && ((token.front() == '[' && token.back() == ']') || (token.front() == '<' && token.back() == '>')))
            specials.push_back(token);
    return specials;
}

}  // namespace

std::vector<std::string> tokenize_for(const Config& config, const std::string& text) {
    if (config.tokenizer == TextSplit::Words) return tokenize(text, special_tokens(config));
    require_valid_utf8(text, "the text");
    std::vector<std::string> chars;
    char32_t c;
    for (size_t pos = 0, n; pos < text.size(); pos += n) {
        n = decode_utf8(text, pos, c);
        chars.emplace_back(text.substr(pos, n));
    }
    return chars;
}

std::vector<std::string> token_labels(const Config& config, const std::vector<std::string>& tokens) {
    if (config.tokenizer != TextSplit::Chars) return tokens;
    std::vector<std::string> labels;
    labels.reserve(tokens.size());
    for (const auto& t : tokens) labels.push_back(visible_token(t));
    return labels;
}

RowVec generated_embedding(const std::string& token, uint64_t seed, int64_t D) {
    Rng rng(seed, "token:" + token);
    RowVec v(D);
    for (int64_t j = 0; j < D; ++j) v[j] = static_cast<float>(rng.normal());
    return v;
}

Sequence sequence_from_tokens(const Model& model, std::vector<std::string> tokens, std::vector<std::string>* warnings) {
    return sequence_from_tokens(model, model.bind(), std::move(tokens), warnings);
}

Sequence sequence_from_tokens(const Model& model, const ModelWeights& weights, std::vector<std::string> tokens,
                              std::vector<std::string>* warnings) {
    const Config& c = model.config;
    Sequence seq;
    seq.tokens = std::move(tokens);
    const auto T = static_cast<int64_t>(seq.tokens.size());
    if (T > c.max_len)
        throw Error("the text has " + std::to_string(T) + " tokens but max_len is " + std::to_string(c.max_len));
    seq.embeddings.resize(T, c.d_model);
    seq.padding.resize(static_cast<size_t>(T));
    const bool trained = weights.token_embedding.has_value();
    for (int64_t i = 0; i < T; ++i) {
        const std::string& token = seq.tokens[static_cast<size_t>(i)];
        seq.padding[static_cast<size_t>(i)] = token == c.pad_token;
        auto row = std::find(c.vocab.begin(), c.vocab.end(), token);
        if (trained && row != c.vocab.end()) {
            seq.embeddings.row(i) = weights.token_embedding->row(row - c.vocab.begin());
        } else {
            seq.embeddings.row(i) = generated_embedding(token, c.seed, c.d_model);
            if (trained && warnings)
                warnings->push_back(fill(translate_text("attn", "the token “%1” is not in the vocab; it gets a generated embedding"), {token}));
        }
    }
    return seq;
}

Sequence sequence_from_ids(const Model& model, const ModelWeights& weights, std::vector<int32_t> ids) {
    const Config& c = model.config;
    const auto T = static_cast<int64_t>(ids.size());
    if (T > c.max_len)
        throw Error("the text has " + std::to_string(T) + " tokens but this model reads at most " + std::to_string(c.max_len) +
                    "; shorten it or truncate it");
    const WeightMatrix& table = *weights.token_embedding;
    Sequence seq;
    seq.embeddings.resize(T, c.d_model);
    for (int64_t i = 0; i < T; ++i) {
        const int32_t id = ids[static_cast<size_t>(i)];
        if (id < 0 || id >= table.rows)
            throw Error("token id " + std::to_string(id) + " is outside the vocab of " + std::to_string(table.rows) + " tokens");
        seq.embeddings.row(i) = table.row(id);
        seq.tokens.push_back(c.vocab.at(static_cast<size_t>(id)));
        seq.padding.push_back(seq.tokens.back() == c.pad_token);
    }
    seq.ids = std::move(ids);
    return seq;
}

namespace {

// The app's own model: each token's row of its vocab.
std::vector<int32_t> vocab_ids(const Config& c, const std::string& text) {
    std::vector<int32_t> ids;
    for (const std::string& token : tokenize_for(c, text)) {
        const auto row = std::find(c.vocab.begin(), c.vocab.end(), token);
        if (row == c.vocab.end())
            throw Error("\"" + visible_token(token) + "\" is not one of the model's " + std::to_string(c.vocab.size()) + " tokens");
        ids.push_back(static_cast<int32_t>(row - c.vocab.begin()));
    }
    return ids;
}

}  // namespace

std::string decode_ids(const Model& model, const std::vector<int32_t>& ids) {
    if (model.tokenizer) return model.tokenizer->decode(ids);
    const Config& c = model.config;
    std::string text;
    for (int32_t id : ids) {
        if (!text.empty() && c.tokenizer == TextSplit::Words) text += ' ';
        text += c.vocab.at(static_cast<size_t>(id));
    }
    return text;
}

std::vector<int32_t> encode_text(const Model& model, const std::string& text, bool truncate, bool add_special) {
    std::vector<int32_t> ids = model.tokenizer ? model.tokenizer->encode(text, add_special) : vocab_ids(model.config, text);
    const auto limit = static_cast<size_t>(model.config.max_len);
    if (ids.size() > limit) {
        if (!truncate)
            throw Error("the text has " + std::to_string(ids.size()) + " tokens but this model reads at most " +
                        std::to_string(limit) + "; shorten it or truncate it");
        const bool ends_with_sep = describe(model.config.family).special_tokens_wrap_text && limit > 1;
        const int32_t last = ids.back();
        ids.resize(limit);
        if (ends_with_sep) ids.back() = last;  // [CLS] … [SEP], as the tokenizer's truncation keeps it
    }
    return ids;
}

Sequence sequence_from_text(const Model& model, const std::string& text, std::vector<std::string>* warnings) {
    if (model.tokenizer) return sequence_from_ids(model, model.bind(), encode_text(model, text));
    return sequence_from_tokens(model, tokenize_for(model.config, text), warnings);
}

Sequence sequence_from_embeddings(const Model& model, const Mat& embeddings) {
    Sequence seq;
    seq.embeddings = embeddings;
    for (int64_t i = 0; i < embeddings.rows(); ++i) seq.tokens.push_back("#" + std::to_string(i));
    seq.padding.assign(static_cast<size_t>(embeddings.rows()), false);
    (void)model;
    return seq;
}

void check_inputs(const Model& model, const Inputs& inputs) {
    const bool two = model.config.architecture == Architecture::EncoderDecoder;
    check_sequence(model, inputs.src, two ? "the source" : "the input");
    if (two) check_sequence(model, inputs.tgt, "the target");
    for (const HeadIntervention& h : inputs.interventions) {  // a patch has one row per token of its stack's sequence
        const Sequence& seq = two && h.stack == StackKind::Decoder ? inputs.tgt : inputs.src;
        check_interventions(model.config, {h}, static_cast<int64_t>(seq.tokens.size()));
    }
}

}  // namespace attn
