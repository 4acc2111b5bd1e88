#include "transformer.h"

#include "cost.h"
#include "i18n.h"
#include "layer_norm.h"
#include "positional_encoding.h"
#include "rng.h"
#include "tokenizer.h"
#include "transformer_layer.h"

#include <algorithm>
#include <cmath>

namespace attn {
namespace {

const char* output_description(const std::string& stack) {
    return stack == "encoder" ? ATTN_TEXT("the encoder's output") : ATTN_TEXT("the decoder's output");
}

// stack "src" or "tgt": embeddings, positional encoding and their sum.
Mat embed(Trace& trace, const Model& model, const std::string& stack, Axis axis, const Sequence& seq) {
    const Config& c = model.config;
    const int64_t T = static_cast<int64_t>(seq.tokens.size()), D = c.d_model;
    Mat positional = Mat::Zero(T, D);
    std::string description, formula;
    switch (c.positional_encoding) {
        case PositionalEncoding::Sinusoidal:
            positional = sinusoidal_encoding(T, D, c.pe_base);
            description = ATTN_TEXT("sinusoidal positional encoding: sines and cosines of the position, one frequency per pair of features");
            formula = "PE[p, 2i] = sin(p / base^(2i/d)), PE[p, 2i+1] = cos(p / base^(2i/d))";
            break;
        case PositionalEncoding::Learned:
            positional = weight_matrix(model.weights, "pos_embedding.weight").topRows(T);
            description = ATTN_TEXT("learned positional embedding: row p of pos_embedding.weight");
            formula = "P[p]";
            break;
        case PositionalEncoding::Rope:
            description = ATTN_TEXT("RoPE adds nothing here: it rotates q and k inside each self-attention");
            formula = "0";
            break;
        case PositionalEncoding::Alibi:
            description = ATTN_TEXT("ALiBi adds nothing here: it biases the scores inside each self-attention");
            formula = "0";
            break;
        case PositionalEncoding::None:
            description = ATTN_TEXT("no positional encoding: the model sees a bag of tokens");
            formula = "0";
            break;
    }
    trace.add(stack + ".embeddings", ATTN_TEXT("token embeddings: one vector per token"), "E[token]", {axis, Axis::Feature},
              seq.embeddings);
    trace.add(stack + ".positional", description, formula, {axis, Axis::Feature}, positional);
    Mat x = seq.embeddings + positional;
    trace.add(stack + ".input", ATTN_TEXT("embeddings plus positions: the input of the first layer"), "E + PE",
              {axis, Axis::Feature}, x, {stack + ".embeddings", stack + ".positional"});
    return x;
}

AttentionBlock self_attention(const Config& c, const std::string& prefix, Axis axis, const Sequence& seq, bool causal) {
    AttentionBlock block;
    block.prefix = prefix;
    block.nhead = c.nhead;
    block.query_axis = block.key_axis = axis;
    block.rope = c.positional_encoding == PositionalEncoding::Rope;
    block.alibi = c.positional_encoding == PositionalEncoding::Alibi;
    block.rope_base = c.pe_base;
    block.mask = {causal, c.sliding_window, c.block_size, seq.padding};
    return block;
}

AttentionBlock cross_attention(const Config& c, const std::string& prefix, const Sequence& src) {
    AttentionBlock block;
    block.prefix = prefix;
    block.nhead = c.nhead;
    block.query_axis = Axis::TgtToken;
    block.key_axis = Axis::SrcToken;
    block.mask.key_padding = src.padding;  // memory_key_padding_mask
    return block;
}

// The final LayerNorm of a stack, when the weights have one; then "<stack>.output".
Mat finish_stack(Trace& trace, const Model& model, const std::string& stack, Axis axis, Mat x,
                 const std::string& last_stage) {
    const std::string norm = stack + ".norm";
    if (model.weights.count(norm + ".weight")) {
        Mat out(x.rows(), x.cols());
        layer_norm(x, weight_vector(model.weights, norm + ".weight"), weight_vector(model.weights, norm + ".bias"),
                   model.config.layer_norm_eps, out);
        trace.add(norm, stack == "encoder" ? ATTN_TEXT("final layer norm of the encoder") : ATTN_TEXT("final layer norm of the decoder"), "(x - mean) / √(var + ε) · γ + β", {axis, Axis::Feature}, out,
                  {last_stage});
        x = std::move(out);
        trace.alias(stack + ".output", output_description(stack), norm);
    } else {
        trace.alias(stack + ".output", output_description(stack), last_stage);
    }
    return x;
}

std::string layer_name(const std::string& stack, int i) { return stack + ".layers." + std::to_string(i); }

struct StackSpec {
    std::string name;  // "encoder" or "decoder"
    int layers;
    Axis axis;
    bool causal;
    bool derive;  // see TraceOptions
};

// A stack of layers and its final norm; cross-attends to memory when given.
Mat run_stack(Trace& trace, const Model& model, const StackSpec& stack, Mat x, const Sequence& seq,
              const Mat* memory = nullptr, const Sequence* memory_seq = nullptr) {
    const Config& c = model.config;
    const std::string input = stack.axis == Axis::TgtToken ? "tgt.input" : "src.input";
    for (int i = 0; i < stack.layers; ++i) {
        const std::string L = layer_name(stack.name, i);
        LayerSpec layer{L, i == 0 ? input : layer_name(stack.name, i - 1) + ".output", "encoder.output",
                        self_attention(c, L + ".self_attn", stack.axis, seq, stack.causal), std::nullopt};
        if (memory) layer.cross_attention = cross_attention(c, L + ".multihead_attn", *memory_seq);
        layer.derive = layer.self_attention.derive = stack.derive;
        if (layer.cross_attention) layer.cross_attention->derive = stack.derive;
        x = transformer_layer(trace, model.weights, c, layer, x, memory ? ConstMatRef(*memory) : ConstMatRef(x));
    }
    return finish_stack(trace, model, stack.name, stack.axis, std::move(x), layer_name(stack.name, stack.layers - 1) + ".output");
}

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

Model make_model(const Config& config, std::optional<StateDict> weights) {
    require_valid(config);
    Model model{config, {}, {}};
    if (weights) {
        model.warnings = check_state_dict(config, *weights);
        model.weights = std::move(*weights);
    } else {
        model.weights = initial_state_dict(config);
    }
    return model;
}

RowVec generated_embedding(const std::string& token, uint64_t seed, int64_t D) {
    Rng rng(seed, "token:" + token);
    RowVec v(D);
    for (int64_t j = 0; j < D; ++j) v[j] = static_cast<float>(rng.normal());
    return v;
}

Sequence sequence_from_text(const Model& model, const std::string& text, std::vector<std::string>* warnings) {
    const Config& c = model.config;
    Sequence seq;
    seq.tokens = tokenize(text, special_tokens(c));
    const auto T = static_cast<int64_t>(seq.tokens.size());
    if (T > c.max_len)
        throw Error("the text has " + std::to_string(T) + " tokens but max_len is " + std::to_string(c.max_len));
    seq.embeddings.resize(T, c.d_model);
    seq.padding.resize(static_cast<size_t>(T));
    const bool trained = !c.vocab.empty();
    for (int64_t i = 0; i < T; ++i) {
        const std::string& token = seq.tokens[static_cast<size_t>(i)];
        seq.padding[static_cast<size_t>(i)] = token == c.pad_token;
        auto row = std::find(c.vocab.begin(), c.vocab.end(), token);
        if (trained && row != c.vocab.end()) {
            seq.embeddings.row(i) = weight_matrix(model.weights, "embedding.weight").row(row - c.vocab.begin());
        } else {
            seq.embeddings.row(i) = generated_embedding(token, c.seed, c.d_model);
            if (trained && warnings)
                warnings->push_back(fill(translate_text("attn", "the token “%1” is not in the vocab; it gets a generated embedding"), {token}));
        }
    }
    return seq;
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
}

Trace run_forward(const Model& model, const Inputs& in, const TraceOptions& options) {
    check_inputs(model, in);
    const Config& c = model.config;
    const auto T = static_cast<int64_t>(in.src.tokens.size()), S = static_cast<int64_t>(in.tgt.tokens.size());
    const bool derive = estimate_trace_floats(c, T, S, true) > options.keep_everything_up_to;
    Trace trace;
    trace.warnings = model.warnings;
    trace.src_tokens = in.src.tokens;

    Mat x = embed(trace, model, "src", Axis::SrcToken, in.src);
    switch (c.architecture) {
        case Architecture::EncoderOnly:
            run_stack(trace, model, {"encoder", c.num_encoder_layers, Axis::SrcToken, c.causal, derive}, x, in.src);
            break;
        case Architecture::DecoderOnly:  // TransformerEncoderLayers under a causal mask
            run_stack(trace, model, {"decoder", c.num_decoder_layers, Axis::SrcToken, true, derive}, x, in.src);
            break;
        case Architecture::EncoderDecoder: {
            const Mat memory = run_stack(trace, model, {"encoder", c.num_encoder_layers, Axis::SrcToken, c.causal, derive}, x, in.src);
            trace.tgt_tokens = in.tgt.tokens;
            Mat y = embed(trace, model, "tgt", Axis::TgtToken, in.tgt);
            run_stack(trace, model, {"decoder", c.num_decoder_layers, Axis::TgtToken, true, derive}, y, in.tgt, &memory, &in.src);
            break;
        }
    }
    return trace;
}

}  // namespace attn
