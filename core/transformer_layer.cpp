#include "transformer_layer.h"

#include "feed_forward.h"
#include "i18n.h"
#include "layer_norm.h"
#include "linear.h"

namespace attn {
namespace {

// A matrix and the trace stage that holds it, so later stages can name their operands.
struct Named {
    Mat value;
    std::string stage;
};

Named norm(Trace& trace, const StateDict& weights, const Config& config, const std::string& name, Axis axis,
           const Named& x, const char* description) {
    Mat out(x.value.rows(), x.value.cols());
    layer_norm(x.value, weight_vector(weights, name + ".weight"), weight_vector(weights, name + ".bias"),
               config.layer_norm_eps, out);
    trace.add(name, description,
              "(x - mean) / √(var + ε) · γ + β", {axis, Axis::Feature}, out, {x.stage});
    return {std::move(out), name};
}

Named feed_forward(Trace& trace, const StateDict& weights, const Config& config, const std::string& layer, Axis axis,
                   const Named& x, bool derive) {
    const std::string p = layer + ".ffn";
    Mat hidden(x.value.rows(), config.dim_feedforward);
    linear(x.value, weight_matrix(weights, layer + ".linear1.weight"), weight_vector(weights, layer + ".linear1.bias"),
           hidden);
    trace.add(p + ".hidden", ATTN_TEXT("feed-forward: each token expanded to dim_feedforward features"), "h = x·W₁ᵀ + b₁",
              {axis, Axis::Hidden}, hidden, {x.stage});
    // A big trace derives the activation from the kept hidden layer when asked (same function, same numbers).
    const auto kept_hidden = derive ? trace.find(p + ".hidden")->tensor() : nullptr;
    apply_activation(config.activation, hidden);
    const char* description = config.activation == Activation::Relu
                                  ? ATTN_TEXT("feed-forward: ReLU keeps what fires, zeroes the rest")
                                  : ATTN_TEXT("feed-forward: GELU keeps what fires, softly");
    const char* formula = config.activation == Activation::Relu ? "max(0, h)" : ATTN_TEXT("h·Φ(h) (exact GELU)");
    if (derive)
        trace.add_derived(p + ".activation", description, formula, {axis, Axis::Hidden}, {hidden.rows(), hidden.cols()},
                          [kept_hidden, activation = config.activation] {
                              Mat h = kept_hidden->matrix();
                              apply_activation(activation, h);
                              return Tensor::from_matrix(h);
                          },
                          {p + ".hidden"});
    else
        trace.add(p + ".activation", description, formula, {axis, Axis::Hidden}, hidden, {p + ".hidden"});
    Mat out(x.value.rows(), x.value.cols());
    linear(hidden, weight_matrix(weights, layer + ".linear2.weight"), weight_vector(weights, layer + ".linear2.bias"), out);
    trace.add(p + ".output", ATTN_TEXT("feed-forward output: back to d_model features"), "activation·W₂ᵀ + b₂",
              {axis, Axis::Feature}, out, {p + ".activation"});
    return {std::move(out), p + ".output"};
}

const char* residual_description(const std::string& sublayer) {
    if (sublayer == "self-attention") return ATTN_TEXT("residual: the input plus self-attention");
    if (sublayer == "cross-attention") return ATTN_TEXT("residual: the input plus cross-attention");
    return ATTN_TEXT("residual: the input plus the feed-forward network");
}

Named attention(Trace& trace, const StateDict& weights, AttentionBlock block, const Named& x, const Named* memory) {
    block.query_input = x.stage;
    block.key_input = memory ? memory->stage : x.stage;
    Mat out = multi_head_attention(trace, weights, block, x.value, memory ? memory->value : x.value);
    return {std::move(out), block.prefix + ".output"};
}

}  // namespace

Mat transformer_layer(Trace& trace, const StateDict& weights, const Config& config, const LayerSpec& layer,
                      const ConstMatRef& x_in, const ConstMatRef& memory_in) {
    const std::string& L = layer.prefix;
    const Axis axis = layer.self_attention.query_axis;
    const bool pre = config.norm_first;
    Named x{x_in, layer.input};
    const Named memory{layer.cross_attention ? Mat(memory_in) : Mat(), layer.memory};
    int sublayer = 0;

    // One residual sub-layer: pre-norm normalises its input, post-norm its sum.
    auto residual = [&](auto&& compute, const std::string& what) {
        ++sublayer;
        const std::string norm_name = L + ".norm" + std::to_string(sublayer);
        const std::string sum_name = L + ".residual" + std::to_string(sublayer);
        const char* pre_norm = ATTN_TEXT("layer norm of the sub-layer's input: each token rescaled to mean 0, variance 1, then γ and β");
        const char* post_norm = ATTN_TEXT("layer norm of the residual sum: each token rescaled to mean 0, variance 1, then γ and β");
        const Named in = pre ? norm(trace, weights, config, norm_name, axis, x, pre_norm) : x;
        const Named delta = compute(in);
        Mat sum = x.value + delta.value;
        trace.add(sum_name, residual_description(what), pre ? "x + " + what + "(norm(x))" : "x + " + what + "(x)",
                  {axis, Axis::Feature}, sum, {x.stage, delta.stage});
        x = {std::move(sum), sum_name};
        if (!pre) x = norm(trace, weights, config, norm_name, axis, x, post_norm);
    };

    residual([&](const Named& in) { return attention(trace, weights, layer.self_attention, in, nullptr); },
             "self-attention");
    if (layer.cross_attention)
        residual([&](const Named& in) { return attention(trace, weights, *layer.cross_attention, in, &memory); },
                 "cross-attention");
    residual([&](const Named& in) { return feed_forward(trace, weights, config, L, axis, in, layer.derive); }, "feed-forward");

    trace.alias(L + ".output", ATTN_TEXT("the layer's output, input of the next layer"), x.stage);
    return std::move(x.value);
}

}  // namespace attn
