#include "engine/forward.h"

#include "base/i18n.h"
#include "engine/derive.h"
#include "engine/feed_forward.h"
#include "engine/linear.h"
#include "engine/positional_encoding.h"
#include "engine/rollout.h"
#include "engine/softmax.h"
#include "engine/transformer_layer.h"
#include "model/checkpoint_torch.h"

#include <algorithm>
#include <cassert>

namespace attn {
namespace {

// stack Source or Target: token embeddings, positional encoding and their sum.
Named embed(Pass& pass, const ModelWeights& w, StackKind stack, Axis axis, const Sequence& seq, int64_t T) {
    const Config& c = pass.config;
    const int64_t D = c.d_model;
    const StageCoords at{stack, -1, BlockKind::None, 0};
    const std::string s = at.stack_path();
    const int64_t P = c.positional_width();
    const int64_t p0 = pass.first_position();  // a cached pass's rows start after the cached tokens
    Mat positional;
    if (!pass.dry()) positional = p0 == 0 ? fixed_positional_table(c, T) : Mat(fixed_positional_table(c, p0 + T).bottomRows(T));
    const char* description = "";
    const char* formula = "";
    switch (c.positional_encoding) {
        case PositionalEncoding::Sinusoidal:
            description = ATTN_TEXT("sinusoidal positional encoding: sines and cosines of the position, one frequency per pair of features");
            formula = "PE[p, 2i] = sin(p / base^(2i/d)), PE[p, 2i+1] = cos(p / base^(2i/d))";
            break;
        case PositionalEncoding::Binary:
            description = ATTN_TEXT("binary positional encoding: pair j turns at p / 2^j, halving from pair to pair like the bits of a counter");
            formula = "P[p, 2j] = sin(p / 2^j), P[p, 2j+1] = cos(p / 2^j)";
            break;
        case PositionalEncoding::Learned:
            if (!pass.dry()) positional = w.positions->map().middleRows(p0, T);
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
    pass.record.add([&] {
        return StageInfo{s + ".embeddings", StageKind::TokenEmbedding, at, ATTN_TEXT("token embeddings: one vector per token"),
                         "E[token]", {axis, Axis::Feature}, {}};
    }, {T, D}, seq.embeddings);
    pass.record.add([&] { return StageInfo{s + ".positional", StageKind::PositionalEncoding, at, description, formula, {axis, Axis::Feature}, {}}; },
                    {T, P}, positional);
    const bool concatenated = c.pe_concat > 0;
    // BERT: every token is of segment 0, so row 0 of the token-type table is added to each.
    Mat types;
    if (w.token_types) {
        if (!pass.dry()) types = w.token_types->map().row(0).replicate(T, 1);
        pass.record.add([&] {
            return StageInfo{s + ".token_types", StageKind::TokenTypeEmbedding, at,
                             ATTN_TEXT("token-type (segment) embeddings: row 0 of token_type_embeddings for every token of a single text"),
                             "T[type]", {axis, Axis::Feature}, {}};
        }, {T, D}, types);
    }
    Mat x;
    if (!pass.dry()) {
        if (w.token_types) {
            x = seq.embeddings + positional + types;
        } else if (concatenated) {  // A ⊕ P: the token's first D − P features, then the P positional ones
            x.resize(T, D);
            x.leftCols(D - P) = seq.embeddings.leftCols(D - P);
            x.rightCols(P) = positional;
        } else {
            x = seq.embeddings + positional;
        }
    }
    if (w.token_types) {  // BERT: E + P + T, then the embeddings' own LayerNorm
        pass.record.add([&] {
            return StageInfo{s + ".input", StageKind::StackInput, at, ATTN_TEXT("word plus position plus token-type embeddings"),
                             "E + P + T", {axis, Axis::Feature}, {s + ".embeddings", s + ".positional", s + ".token_types"}};
        }, {T, D}, x);
        return record_norm(pass, *w.embedding_norm, s + ".norm", at,
                           ATTN_TEXT("layer norm of the summed embeddings: the input of the first layer"), axis,
                           {std::move(x), s + ".input"}, T);
    }
    pass.record.add([&] {
        return concatenated
                   ? StageInfo{s + ".input", StageKind::StackInput, at,
                               ATTN_TEXT("token features then positional features side by side (concatenated): the input of the first layer"),
                               "E[:, :d−k] ⊕ PE", {axis, Axis::Feature}, {s + ".embeddings", s + ".positional"}}
                   : StageInfo{s + ".input", StageKind::StackInput, at, ATTN_TEXT("embeddings plus positions: the input of the first layer"),
                               "E + PE", {axis, Axis::Feature}, {s + ".embeddings", s + ".positional"}};
    }, {T, D}, x);
    return {std::move(x), s + ".input"};
}

// What every attention block of the model shares: heads, K/V heads, QK-norm, the scores' divisor.
AttentionSpec attention_spec(const Config& c, int layer) {
    AttentionSpec spec;
    spec.divisor = c.score_divisor(layer);
    spec.nhead = c.nhead;
    spec.kv_heads = c.kv_heads();
    spec.head_dim = c.head_dim();
    spec.qk_norm = c.qk_norm;
    spec.norm_eps = c.layer_norm_eps;
    return spec;
}

AttentionSpec self_attention(const Config& c, const Sequence& seq, bool causal, int layer) {
    AttentionSpec spec = attention_spec(c, layer);
    spec.rope = c.positional_encoding == PositionalEncoding::Rope;
    spec.alibi = c.positional_encoding == PositionalEncoding::Alibi;
    spec.rope_base = c.pe_base;
    spec.rope_style = c.rope_style;
    spec.rope_scaling = c.rope_scaling;
    spec.mask = {causal, c.window_of(layer), c.block_size, seq.padding};
    spec.mask.sink_tokens = c.sink_tokens;
    return spec;
}

AttentionSpec cross_attention(const Config& c, const Sequence& src, int layer) {
    AttentionSpec spec = attention_spec(c, layer);
    spec.mask.key_padding = src.padding;  // memory_key_padding_mask
    return spec;
}

struct StackRun {
    StackKind stack;  // Encoder or Decoder
    Axis axis;
    bool causal;
    const Sequence& seq;
    const Named* memory = nullptr;  // the encoder's output, for cross-attention
    const Sequence* memory_seq = nullptr;
    const std::vector<HeadIntervention>* changes = nullptr;  // Inputs::interventions
};

// The interventions on one attention block.
std::vector<HeadIntervention> changes_of(const StackRun& run, int layer, BlockKind block) {
    std::vector<HeadIntervention> out;
    if (run.changes)
        for (const HeadIntervention& h : *run.changes)
            if (h.stack == run.stack && h.layer == layer && h.block == block) out.push_back(h);
    return out;
}

// After layer `layer`'s self-attention: the rollout through layers 0…layer (engine/rollout.h), a
// stage only the views read (computed when asked for in a big trace, never in training).
void record_rollout(Pass& pass, StackKind stack, int layer, Axis axis, int64_t T) {
    if (!pass.record.records()) return;
    const StageCoords at{stack, layer, BlockKind::SelfAttention, 0};
    const std::string block = at.block_path();
    const std::string previous = layer > 0 ? StageCoords{stack, layer - 1, BlockKind::SelfAttention, 0}.block_path() + ".rollout" : "";
    auto info = [&] {
        std::vector<std::string> operands{block + ".weights"};
        if (!previous.empty()) operands.push_back(previous);
        return StageInfo{block + ".rollout", StageKind::AttentionRollout, at,
                         ATTN_TEXT("attention rollout: how much of each input token reaches each position through the layers so far, "
                                   "the residual counted as half of every layer"),
                         "R_l = (0.5·mean_h A_l + 0.5·I) · R_{l−1}", {axis, axis}, std::move(operands)};
    };
    if (pass.record.policy() == RecordPolicy::ForBackward) return;  // only the views read it
    std::function<Tensor()> derive;
    if (!pass.dry()) {
        auto weights = pass.record.stage_data(block + ".weights");
        auto before = previous.empty() ? nullptr : pass.record.stage_data(previous);
        derive = [weights, before] {
            const auto w = weights->get();
            if (!before) return Tensor::from_matrix(rollout_step(*w, nullptr));
            const Mat r = before->get()->matrix();
            return Tensor::from_matrix(rollout_step(*w, &r));
        };
    }
    pass.record.add_display_copy(info, {T, T}, derive, pass.record.keeps_display_copies() && derive ? derive() : Tensor());
}

// A stack of layers from `first` on (x: the output of layer first − 1, or the stack's input), then
// its final norm when the weights have one; "<stack>.output" names the result.
Named run_stack(Pass& pass, const StackWeights& w, const StackRun& run, Named x, size_t first = 0) {
    const Config& c = pass.config;
    const auto T = static_cast<int64_t>(run.seq.tokens.size());
    const auto S = run.memory_seq ? static_cast<int64_t>(run.memory_seq->tokens.size()) : 0;
    for (size_t i = first; i < w.layers.size(); ++i) {
        if (pass.cancel && pass.cancel->load(std::memory_order_relaxed)) throw Cancelled();
        LayerSpec layer{{run.stack, static_cast<int>(i), BlockKind::None, 0}, run.axis, &run.seq.tokens,
                        self_attention(c, run.seq, run.causal, static_cast<int>(i)), std::nullopt};
        if (run.memory) layer.cross_attention = cross_attention(c, *run.memory_seq, static_cast<int>(i));
        layer.self_attention.changes = changes_of(run, static_cast<int>(i), BlockKind::SelfAttention);
        if (layer.cross_attention) layer.cross_attention->changes = changes_of(run, static_cast<int>(i), BlockKind::CrossAttention);
        x = transformer_layer(pass, w.layers[i], layer, x, T, run.memory, S);
        if (!pass.cache) record_rollout(pass, run.stack, static_cast<int>(i), run.axis, T);
    }
    const StageCoords at{run.stack, -1, BlockKind::None, 0};
    const std::string s = at.stack_path();
    const bool encoder = run.stack == StackKind::Encoder;
    if (w.final_norm)
        x = record_norm(pass, *w.final_norm, s + ".norm", at,
                        c.norm == NormKind::RmsNorm
                            ? (encoder ? ATTN_TEXT("final RMS norm of the encoder") : ATTN_TEXT("final RMS norm of the decoder"))
                            : (encoder ? ATTN_TEXT("final layer norm of the encoder") : ATTN_TEXT("final layer norm of the decoder")),
                        run.axis, x, T);
    pass.record.alias([&] {
        return StageInfo{s + ".output", StageKind::StackOutput, at,
                         encoder ? ATTN_TEXT("the encoder's output") : ATTN_TEXT("the decoder's output"), {}, {}, {}};
    }, x.stage);
    return x;
}

// BERT's MLM transform before the decoder: dense, activation (hidden_act), LayerNorm.
Named head_transform(Pass& pass, const HeadTransformWeights& w, const Named& x, Axis axis, int64_t T) {
    const StageCoords at{StackKind::Output, -1, BlockKind::None, 0};
    const int64_t D = pass.config.d_model;
    const Activation activation = pass.config.activation;
    Mat dense;
    if (!pass.dry()) {
        dense.resize(T, D);
        linear(x.value, w.dense.weight, w.dense.bias, dense);
    }
    pass.record.add([&] {
        return StageInfo{"output.transform", StageKind::HeadTransform, at,
                         ATTN_TEXT("the masked-word head's dense layer: each token's vector mixed once more before the vocabulary"),
                         "x·W_tᵀ + b_t", {axis, Axis::Feature}, {x.stage}};
    }, {T, D}, dense);
    Mat activated = dense;
    if (!pass.dry()) apply_activation(activation, activated);
    pass.record.add([&] {
        return StageInfo{"output.activation", StageKind::FfnActivation, at, ATTN_TEXT("the head's activation"), activation_formula(activation),
                         {axis, Axis::Feature}, {"output.transform"}};
    }, {T, D}, activated);
    return record_norm(pass, w.norm, "output.norm", at, ATTN_TEXT("the head's layer norm, before the vocabulary"), axis,
                       {std::move(activated), "output.activation"}, T);
}

// The output head: logits = x · W_gᵀ + b_g over the vocabulary, and their softmax.
Named output_head(Pass& pass, const LinearWeights& w, const Named& x, Axis axis, int64_t T) {
    const StageCoords at{StackKind::Output, -1, BlockKind::None, 0};
    const int64_t V = w.weight.rows;
    auto logits_info = [&] {
        return StageInfo{"output.logits", StageKind::Logits, at, ATTN_TEXT("logits: how strongly each vocabulary token is predicted at each position"),
                         "x·W_gᵀ + b_g", {axis, Axis::Vocab}, {x.stage}};
    };
    auto probs_info = [&] {
        return StageInfo{"output.probs", StageKind::Probabilities, at, ATTN_TEXT("probabilities: the softmax of each position's logits"),
                         ATTN_TEXT("softmax(logits) over each row"), {axis, Axis::Vocab}, {"output.logits"}};
    };
    if (pass.record.derives_cheap()) {
        // A big trace derives both when a view asks (GPT-2's are 1024 × 50 257, 206 MB each) from the
        // kept input, with this pass's linear(), and one row alone for the predictions.
        const auto input = pass.record.stage_data(x.stage);
        auto logits_of = projection_of(input, w);
        auto logits_row = projection_row_of(input, w);
        auto softmaxed = [](Tensor t) {
            MatMap rows(t.data.data(), t.rank() == 2 ? t.dim(0) : 1, t.shape.back());
            softmax_rows(rows);
            return t;
        };
        pass.record.add_cheap(logits_info, {T, V}, logits_of, Tensor(), logits_row);
        pass.record.add_cheap(probs_info, {T, V}, [logits_of, softmaxed] { return softmaxed(logits_of()); }, Tensor(),
                              [logits_row, softmaxed](int64_t i) { return softmaxed(logits_row(i)); });
        return {Mat(), "output.logits"};
    }
    // A trace keeps the logits as the tensor they are computed into (no second copy), and the
    // probabilities are derived from it; a pass without a trace returns them.
    Mat logits;
    std::shared_ptr<const Tensor> kept;
    if (!pass.dry() && pass.record.records()) {
        auto tensor = std::make_shared<Tensor>(Tensor::uninitialized({T, V}));
        MatMap out = tensor->matrix();
        linear(x.value, w.weight, w.bias, out);
        kept = std::move(tensor);
    } else if (!pass.dry() && pass.cache) {  // generation reads the next token's logits only
        logits.resize(1, V);
        linear(x.value.bottomRows(1), w.weight, w.bias, logits);
    } else if (!pass.dry()) {
        logits.resize(T, V);
        linear(x.value, w.weight, w.bias, logits);
    }
    pass.record.add(logits_info, {T, V}, kept);
    auto probabilities = [kept] {
        Mat p = kept->matrix();
        softmax_rows(p);
        return Tensor::from_matrix(p);
    };
    pass.record.add_cheap(probs_info, {T, V}, probabilities, pass.record.keeps_cheap() ? probabilities() : Tensor());
    return {std::move(logits), "output.logits"};
}

// A pass of a one-stack model resumed at a layer: what layer − 1 output (run_forward_from).
struct Resume {
    size_t layer;
    Named x;
};

// The whole model: embeddings, then one stack, or the encoder and the decoder that reads it.
Named forward_stacks(Pass& pass, const ModelWeights& w, const Inputs& in, Resume* resume = nullptr) {
    const Config& c = pass.config;
    const auto T = static_cast<int64_t>(in.src.tokens.size()), S = static_cast<int64_t>(in.tgt.tokens.size());
    Named x = resume ? std::move(resume->x) : embed(pass, w, StackKind::Source, Axis::SrcToken, in.src, T);
    const size_t first = resume ? resume->layer : 0;
    assert((!resume || c.architecture != Architecture::EncoderDecoder) && "a resumed pass has one stack");
    switch (c.architecture) {
        case Architecture::EncoderOnly:
            return run_stack(pass, w.encoder, {StackKind::Encoder, Axis::SrcToken, c.causal, in.src, nullptr, nullptr, &in.interventions},
                             std::move(x), first);
        case Architecture::DecoderOnly:  // TransformerEncoderLayers under a causal mask
            return run_stack(pass, w.decoder, {StackKind::Decoder, Axis::SrcToken, true, in.src, nullptr, nullptr, &in.interventions},
                             std::move(x), first);
        case Architecture::EncoderDecoder: {
            const Named memory = run_stack(pass, w.encoder, {StackKind::Encoder, Axis::SrcToken, c.causal, in.src, nullptr, nullptr,
                                                             &in.interventions}, std::move(x));
            Named y = embed(pass, w, StackKind::Target, Axis::TgtToken, in.tgt, S);
            return run_stack(pass, w.decoder, {StackKind::Decoder, Axis::TgtToken, true, in.tgt, &memory, &in.src, &in.interventions},
                             std::move(y));
        }
    }
    return x;
}

// The stacks, then the output head when the model has one. Returns the last stack's output and the logits.
std::pair<Named, Named> forward(Pass& pass, const ModelWeights& w, const Inputs& in, Resume* resume = nullptr) {
    Named out = forward_stacks(pass, w, in, resume);
    if (!w.generator) return {std::move(out), Named{}};
    const bool two = pass.config.architecture == Architecture::EncoderDecoder;
    const auto T = static_cast<int64_t>((two ? in.tgt : in.src).tokens.size());
    const Axis axis = two ? Axis::TgtToken : Axis::SrcToken;
    Named logits = output_head(pass, *w.generator, w.head_transform ? head_transform(pass, *w.head_transform, out, axis, T) : out, axis, T);
    return {std::move(out), std::move(logits)};
}

}  // namespace

namespace {

Recorder count_shapes(const Config& config, int64_t T, int64_t S, bool final_norms, RecordPolicy as) {
    Recorder record(RecordPolicy::Shapes, nullptr, as);
    Pass pass{config, record};
    Inputs shapes;
    shapes.src.tokens.resize(static_cast<size_t>(T));
    if (config.architecture == Architecture::EncoderDecoder) shapes.tgt.tokens.resize(static_cast<size_t>(S));
    forward(pass, bind_weights_shapes(config, final_norms), shapes);
    return record;
}

}  // namespace

int64_t trace_memory_floats(const Config& config, int64_t T, int64_t S, bool final_norms, const TraceOptions& options) {
    const int64_t everything = count_trace_floats(config, T, S, final_norms);
    if (everything <= options.keep_everything_up_to) return everything;
    const Recorder derived = count_shapes(config, T, S, final_norms, RecordPolicy::DeriveCheap);
    const int64_t largest = derived.largest_derived_floats();
    return derived.floats() + largest + RecentTensors::held_floats(largest);  // the one a view shows, and the recent ones
}

int64_t count_trace_floats(const Config& config, int64_t T, int64_t S, bool final_norms) {
    return count_shapes(config, T, S, final_norms, RecordPolicy::Everything).floats();
}

Trace run_forward(const Model& model, const Inputs& in, const TraceOptions& options) {
    return run_forward(model, model.bind(), in, options);
}

Trace run_forward(const Model& model, const ModelWeights& bound, const Inputs& in, const TraceOptions& options) {
    check_inputs(model, in);
    const Config& c = model.config;
    const auto T = static_cast<int64_t>(in.src.tokens.size()), S = static_cast<int64_t>(in.tgt.tokens.size());
    const bool derive = !options.for_training && count_trace_floats(c, T, S, true) > options.keep_everything_up_to;
    Trace trace;
    trace.warnings = model.warnings;
    trace.src_tokens = token_labels(c, in.src.tokens);
    trace.src_token_ids = in.src.ids;
    if (c.architecture == Architecture::EncoderDecoder) trace.tgt_tokens = token_labels(c, in.tgt.tokens);
    trace.vocab = token_labels(c, c.vocab);
    Recorder record(options.for_training ? RecordPolicy::ForBackward
                    : derive             ? RecordPolicy::DeriveCheap
                                         : RecordPolicy::Everything,
                    &trace);
    Pass pass{c, record};
    pass.cancel = options.cancel;
    forward(pass, bound, in);
    return trace;
}

Trace run_forward_from(const Model& model, const ModelWeights& bound, const Inputs& in, const Trace& base, int layer,
                       const TraceOptions& options) {
    const Config& c = model.config;
    const StackKind stack = c.has_decoder() ? StackKind::Decoder : StackKind::Encoder;
    const int layers = stack == StackKind::Decoder ? c.decoder_layers() : c.encoder_layers();
    if (c.architecture == Architecture::EncoderDecoder || layer <= 0 || layer >= layers) return run_forward(model, bound, in, options);
    check_inputs(model, in);
    const StageCoords at{stack, layer, BlockKind::None, 0};
    const std::string starts = at.layer_path() + ".";
    const auto& stages = base.stages();
    const auto first = std::find_if(stages.begin(), stages.end(), [&](const Stage& s) { return s.name.rfind(starts, 0) == 0; });
    if (first == stages.end()) return run_forward(model, bound, in, options);  // not a trace of this model
    const std::string before = StageCoords{stack, layer - 1, BlockKind::None, 0}.layer_path() + ".output";
    const auto T = static_cast<int64_t>(in.src.tokens.size());
    const bool derive = !options.for_training && count_trace_floats(c, T, 0, true) > options.keep_everything_up_to;
    Trace trace = base.prefix(static_cast<size_t>(first - stages.begin()));  // and base's warnings, the early layers' among them
    Resume resume{static_cast<size_t>(layer), {base.tensor(before)->matrix(), before}};
    Recorder record(derive ? RecordPolicy::DeriveCheap : RecordPolicy::Everything, &trace);
    Pass pass{c, record};
    pass.cancel = options.cancel;
    forward(pass, bound, in, &resume);
    trace.drop_repeated_warnings();  // the later layers warned in base too
    return trace;
}

void run_forward_again(const Model& model, const ModelWeights& bound, const Inputs& in, Trace& trace) {
    check_inputs(model, in);
    const Config& c = model.config;
    trace.warnings = model.warnings;
    trace.src_tokens = token_labels(c, in.src.tokens);
    if (c.architecture == Architecture::EncoderDecoder) trace.tgt_tokens = token_labels(c, in.tgt.tokens);
    Recorder record(RecordPolicy::ForBackward, &trace);
    record.refill();
    Pass pass{c, record};
    forward(pass, bound, in);
    assert(record.refilled() == trace.stages().size() && "the same forward pass, the same stages");
}

RowVec run_forward_cached(const Model& model, const ModelWeights& bound, const Sequence& seq, ForwardCache& cache) {
    assert(model.config.architecture == Architecture::DecoderOnly && bound.generator && "a decoder-only model with a head");
    if (cache.layers.empty()) cache.layers.resize(bound.decoder.layers.size());
    Recorder record(RecordPolicy::Nothing, nullptr);
    Pass pass{model.config, record, &cache};
    const Inputs in{seq, {}};
    const auto [last, logits] = forward(pass, bound, in);
    cache.position += static_cast<int64_t>(seq.tokens.size());
    return logits.value.row(0);
}

ForwardOutput run_forward_untraced(const Model& model, const Inputs& in) {
    check_inputs(model, in);
    Recorder record(RecordPolicy::Nothing, nullptr);
    Pass pass{model.config, record};
    auto [last, logits] = forward(pass, model.bind(), in);
    ForwardOutput out{std::move(last.value), std::move(logits.value), model.warnings};
    out.warnings.insert(out.warnings.end(), record.warnings().begin(), record.warnings().end());
    return out;
}

}  // namespace attn
