#include "engine/transformer_layer.h"

#include "base/i18n.h"
#include "engine/attention_stages.h"
#include "engine/derive.h"
#include "engine/feed_forward.h"
#include "engine/layer_norm.h"

#include <cassert>
#include <functional>

namespace attn {
namespace {

Named attention(Pass& pass, const AttentionWeights& w, const AttentionSpec& spec, const LayerSpec& layer, BlockKind block,
                const Named& x, int64_t T, const Named* memory, int64_t S) {
    assert((!pass.cache || !pass.record.records()) && "a cached pass records nothing");
    const Named& kv = memory ? *memory : x;
    const int64_t D = pass.config.d_model;
    AttentionPlace place{{layer.at.stack, layer.at.layer, block, 0}, x.stage, kv.stage, layer.axis,
                         memory ? Axis::SrcToken : layer.axis, layer.tokens};
    // A cached pass's self-attention reads and grows the layer's cache.
    KvLayerCache* cache = pass.cache && !memory ? &pass.cache->layers.at(static_cast<size_t>(layer.at.layer)) : nullptr;
    AttentionResult r = pass.dry() ? AttentionResult{} : attention_forward(w, spec, x.value, kv.value, pass.record.keeps_cheap(), cache);
    if (cache) S = cache->length();
    // A trace keeps the result's output; the layer goes on with a copy (or the output itself when nothing is kept).
    Mat out = pass.record.records() ? r.output : std::move(r.output);
    record_attention(pass.record, spec, place, T, memory || cache ? S : T, D, std::move(r), w.out);
    return {std::move(out), place.at.block_path() + ".output"};
}

Named feed_forward_block(Pass& pass, const FeedForwardWeights& w, const LayerSpec& layer, const Named& x, int64_t T) {
    const StageCoords at{layer.at.stack, layer.at.layer, BlockKind::FeedForward, 0};
    const std::string p = at.block_path();
    const int64_t F = pass.config.dim_feedforward, D = pass.config.d_model;
    const Activation activation = pass.config.activation;
    const bool gated = pass.config.ffn == FeedForwardKind::SwiGlu;
    FeedForwardResult r = pass.dry() ? FeedForwardResult{} : feed_forward(w, pass.config.ffn, activation, x.value);

    auto gate_info = [&] {
        return StageInfo{p + ".gate", StageKind::FfnGate, at, ATTN_TEXT("SwiGLU's gate: how far each expanded feature is let through"),
                         "g = x·W_gᵀ + b_g", {layer.axis, Axis::Hidden}, {x.stage}};
    };
    auto hidden_info = [&] {
        return gated ? StageInfo{p + ".hidden", StageKind::FfnHidden, at, ATTN_TEXT("SwiGLU's up projection: each token expanded to dim_feedforward features"),
                                 "u = x·W₁ᵀ + b₁", {layer.axis, Axis::Hidden}, {x.stage}}
                     : StageInfo{p + ".hidden", StageKind::FfnHidden, at, ATTN_TEXT("feed-forward: each token expanded to dim_feedforward features"),
                                 "h = x·W₁ᵀ + b₁", {layer.axis, Axis::Hidden}, {x.stage}};
    };
    const char* description = gated ? ATTN_TEXT("SwiGLU: the gate's SiLU times the up projection, feature by feature")
                              : activation == Activation::Relu ? ATTN_TEXT("feed-forward: ReLU keeps what fires, zeroes the rest")
                                                               : ATTN_TEXT("feed-forward: GELU keeps what fires, softly");
    auto activation_info = [&] {
        return StageInfo{p + ".activation", StageKind::FfnActivation, at, description,
                         gated ? "silu(g) ⊙ u = g·σ(g) ⊙ u" : activation_formula(activation), {layer.axis, Axis::Hidden},
                         gated ? std::vector<std::string>{p + ".gate", p + ".hidden"} : std::vector<std::string>{p + ".hidden"}};
    };
    // The activation from its inputs, with the forward's own functions (so the same numbers).
    auto activated_from = [gated, activation](std::function<Tensor()> hidden_of, std::function<Tensor()> gate_of) {
        return [gated, activation, hidden_of = std::move(hidden_of), gate_of = std::move(gate_of)] {
            Tensor h = hidden_of();
            if (gated) swiglu(gate_of().matrix(), h.matrix(), h.matrix());
            else apply_activation(activation, h.matrix());
            return h;
        };
    };

    if (pass.record.derives_cheap()) {
        const auto input = pass.record.stage_data(x.stage);
        auto hidden_of = projection_of(input, w.linear1);
        auto gate_of = gated ? projection_of(input, *w.gate) : std::function<Tensor()>();
        if (gated) pass.record.add_cheap(gate_info, {T, F}, gate_of, Tensor());
        pass.record.add_cheap(hidden_info, {T, F}, hidden_of, Tensor());
        pass.record.add_cheap(activation_info, {T, F}, activated_from(hidden_of, gate_of), Tensor());
    } else {
        if (gated) pass.record.add(gate_info, {T, F}, r.gate);
        pass.record.add(hidden_info, {T, F}, r.hidden);
        // Cheap to recompute from the kept hidden layer (and gate).
        auto kept = [](std::shared_ptr<const Tensor> t) { return std::function<Tensor()>([t] { return t ? *t : Tensor(); }); };
        pass.record.add_cheap(activation_info, {T, F}, activated_from(kept(r.hidden), kept(r.gate)),
                              pass.record.keeps_cheap() ? Tensor::from_matrix(r.activated) : Tensor());
    }
    pass.record.add([&] {
        return StageInfo{p + ".output", StageKind::FfnOutput, at,
                         gated ? ATTN_TEXT("SwiGLU's down projection: back to d_model features")
                               : ATTN_TEXT("feed-forward output: back to d_model features"),
                         "activation·W₂ᵀ + b₂", {layer.axis, Axis::Feature}, {p + ".activation"}};
    }, {T, D}, r.output);
    return {std::move(r.output), p + ".output"};
}

const char* residual_description(BlockKind sublayer) {
    if (sublayer == BlockKind::SelfAttention) return ATTN_TEXT("residual: the input plus self-attention");
    if (sublayer == BlockKind::CrossAttention) return ATTN_TEXT("residual: the input plus cross-attention");
    return ATTN_TEXT("residual: the input plus the feed-forward network");
}

const char* sublayer_word(BlockKind sublayer) {
    if (sublayer == BlockKind::SelfAttention) return "self-attention";
    if (sublayer == BlockKind::CrossAttention) return "cross-attention";
    return "feed-forward";
}

}  // namespace

const NormWeights& norm_weights_at(const ModelWeights& w, const StageCoords& at) {
    switch (at.stack) {
        case StackKind::Source:
        case StackKind::Target: return *w.embedding_norm;
        case StackKind::Output: return w.head_transform->norm;
        case StackKind::Encoder:
        case StackKind::Decoder: break;
    }
    const StackWeights& stack = at.stack == StackKind::Decoder ? w.decoder : w.encoder;
    return at.layer < 0 ? *stack.final_norm : stack.layers.at(static_cast<size_t>(at.layer)).norms.at(static_cast<size_t>(at.sublayer - 1));
}

void apply_norm(NormKind kind, const ConstMatRef& x, const Eigen::Ref<const RowVec>& gamma, const Eigen::Ref<const RowVec>& beta,
                double eps, MatRef out) {
    switch (kind) {
        case NormKind::LayerNorm: layer_norm(x, gamma, beta, eps, out); return;
        case NormKind::RmsNorm: rms_norm(x, gamma, eps, out); return;
    }
}

Named record_norm(Pass& pass, const NormWeights& weights, std::string name, const StageCoords& at, const char* description,
                  Axis axis, const Named& x, int64_t T) {
    const int64_t D = pass.config.d_model;
    const NormKind kind = pass.config.norm;
    Mat out;
    if (!pass.dry()) {
        out.resize(x.value.rows(), x.value.cols());
        apply_norm(kind, x.value, weights.weight.map(), weights.bias.map(), pass.config.layer_norm_eps, out);
    }
    auto info = [&] {
        return kind == NormKind::RmsNorm
                   ? StageInfo{name, StageKind::RmsNorm, at, description, "x / √(mean(x²) + ε) · γ", {axis, Axis::Feature}, {x.stage}}
                   : StageInfo{name, StageKind::LayerNorm, at, description, "(x - mean) / √(var + ε) · γ + β", {axis, Axis::Feature}, {x.stage}};
    };
    if (pass.record.derives_cheap()) {  // a big trace recomputes a norm from its input stage when asked (same code, same bits)
        const RowVec gamma = pass.dry() ? RowVec() : RowVec(weights.weight.map()), beta = pass.dry() ? RowVec() : RowVec(weights.bias.map());
        pass.record.add_cheap(info, {T, D}, [input = pass.record.stage_data(x.stage), gamma, beta, kind, eps = pass.config.layer_norm_eps] {
            const auto in = input->get();
            Tensor n = Tensor::uninitialized(in->shape);
            MatMap m = n.matrix();
            apply_norm(kind, in->matrix(), gamma, beta, eps, m);
            return n;
        }, Tensor());
    } else {
        pass.record.add(info, {T, D}, out);
    }
    return {std::move(out), std::move(name)};
}

Named transformer_layer(Pass& pass, const LayerWeights& w, const LayerSpec& layer, const Named& x_in, int64_t T,
                        const Named* memory, int64_t S) {
    const std::string L = layer.at.layer_path();
    const bool pre = pass.config.norm_first;
    const int64_t D = pass.config.d_model;
    Named x = x_in;
    int sublayer = 0;

    // One residual sub-layer: pre-norm normalises its input, post-norm its sum.
    auto residual = [&](BlockKind block, auto&& compute) {
        ++sublayer;
        const StageCoords at{layer.at.stack, layer.at.layer, BlockKind::None, sublayer};
        const NormWeights& norm_weights = w.norms[static_cast<size_t>(sublayer - 1)];
        const std::string norm_name = L + ".norm" + std::to_string(sublayer);
        const std::string sum_name = L + ".residual" + std::to_string(sublayer);
        const bool rms = pass.config.norm == NormKind::RmsNorm;
        const char* pre_norm = rms ? ATTN_TEXT("RMS norm of the sub-layer's input: each token divided by its root mean square, then γ")
                                   : ATTN_TEXT("layer norm of the sub-layer's input: each token rescaled to mean 0, variance 1, then γ and β");
        const char* post_norm = rms ? ATTN_TEXT("RMS norm of the residual sum: each token divided by its root mean square, then γ")
                                    : ATTN_TEXT("layer norm of the residual sum: each token rescaled to mean 0, variance 1, then γ and β");
        const Named in = pre ? record_norm(pass, norm_weights, norm_name, at, pre_norm, layer.axis, x, T) : x;
        const Named delta = compute(in);
        Mat sum = pass.dry() ? Mat() : Mat(x.value + delta.value);
        auto info = [&] {
            const std::string what = sublayer_word(block);
            return StageInfo{sum_name, StageKind::Residual, at, residual_description(block),
                             pre ? "x + " + what + "(norm(x))" : "x + " + what + "(x)", {layer.axis, Axis::Feature}, {x.stage, delta.stage}};
        };
        if (pass.record.derives_cheap() && block != BlockKind::FeedForward) {
            // A big trace adds the two kept stages again when asked (the same float additions, the
            // same bits); the layer's last sum stays kept: the next layer starts from it.
            pass.record.add_cheap(info, {T, D}, [a = pass.record.stage_data(x.stage), b = pass.record.stage_data(delta.stage)] {
                Tensor t = *a->get();
                t.matrix() += b->get()->matrix();
                return t;
            }, Tensor());
        } else {
            pass.record.add(info, {T, D}, sum);
        }
        x = {std::move(sum), sum_name};
        if (!pre) x = record_norm(pass, norm_weights, norm_name, at, post_norm, layer.axis, x, T);
    };

    residual(BlockKind::SelfAttention, [&](const Named& in) {
        return attention(pass, w.self_attn, layer.self_attention, layer, BlockKind::SelfAttention, in, T, nullptr, 0);
    });
    if (layer.cross_attention)
        residual(BlockKind::CrossAttention, [&](const Named& in) {
            return attention(pass, *w.cross_attn, *layer.cross_attention, layer, BlockKind::CrossAttention, in, T, memory, S);
        });
    residual(BlockKind::FeedForward, [&](const Named& in) { return feed_forward_block(pass, w.ffn, layer, in, T); });

    pass.record.alias([&] {
        return StageInfo{L + ".output", StageKind::LayerOutput, layer.at, ATTN_TEXT("the layer's output, input of the next layer"), {}, {}, {}};
    }, x.stage);
    return {std::move(x.value), L + ".output"};
}

}  // namespace attn
