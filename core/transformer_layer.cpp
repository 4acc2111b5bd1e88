#include "transformer_layer.h"

#include "feed_forward.h"
#include "layer_norm.h"
#include "linear.h"

namespace attn {
namespace {

Mat norm(Trace& trace, const StateDict& weights, const Config& config, const std::string& name, Axis axis,
         const ConstMatRef& x, const std::string& of_what) {
    Mat out(x.rows(), x.cols());
    layer_norm(x, weight_vector(weights, name + ".weight"), weight_vector(weights, name + ".bias"),
               config.layer_norm_eps, out);
    trace.add(name, "layer norm of " + of_what + ": each token rescaled to mean 0, variance 1, then γ and β",
              "(x - mean) / √(var + ε) · γ + β", {axis, Axis::Feature}, out);
    return out;
}

Mat feed_forward(Trace& trace, const StateDict& weights, const Config& config, const std::string& layer, Axis axis,
                 const ConstMatRef& x) {
    const std::string p = layer + ".ffn";
    Mat hidden(x.rows(), config.dim_feedforward);
    linear(x, weight_matrix(weights, layer + ".linear1.weight"), weight_vector(weights, layer + ".linear1.bias"), hidden);
    trace.add(p + ".hidden", "feed-forward: each token expanded to dim_feedforward features", "h = x·W₁ᵀ + b₁",
              {axis, Axis::Hidden}, hidden);
    apply_activation(config.activation, hidden);
    trace.add(p + ".activation", std::string("feed-forward: ") + to_string(config.activation) + " keeps what fires",
              config.activation == Activation::Relu ? "max(0, h)" : "h·Φ(h) (exact GELU)", {axis, Axis::Hidden}, hidden);
    Mat out(x.rows(), x.cols());
    linear(hidden, weight_matrix(weights, layer + ".linear2.weight"), weight_vector(weights, layer + ".linear2.bias"), out);
    trace.add(p + ".output", "feed-forward output: back to d_model features", "activation·W₂ᵀ + b₂",
              {axis, Axis::Feature}, out);
    return out;
}

}  // namespace

Mat transformer_layer(Trace& trace, const StateDict& weights, const Config& config, const LayerSpec& layer,
                      const ConstMatRef& x_in, const ConstMatRef& memory) {
    const std::string& L = layer.prefix;
    const Axis axis = layer.self_attention.query_axis;
    const bool pre = config.norm_first;
    Mat x = x_in;
    int sublayer = 0;

    // One residual sub-layer: pre-norm normalises its input, post-norm its sum.
    auto residual = [&](auto&& compute, const std::string& what) {
        ++sublayer;
        const std::string norm_name = L + ".norm" + std::to_string(sublayer);
        const std::string sum_name = L + ".residual" + std::to_string(sublayer);
        Mat sum(x.rows(), x.cols());
        if (pre) {
            Mat normed = norm(trace, weights, config, norm_name, axis, x, "the input of " + what);
            sum = x + compute(normed);
            trace.add(sum_name, "residual: the input plus " + what, "x + " + what + "(norm(x))", {axis, Axis::Feature}, sum);
            x = std::move(sum);
        } else {
            sum = x + compute(x);
            trace.add(sum_name, "residual: the input plus " + what, "x + " + what + "(x)", {axis, Axis::Feature}, sum);
            x = norm(trace, weights, config, norm_name, axis, sum, "the residual sum");
        }
    };

    residual([&](const Mat& in) { return multi_head_attention(trace, weights, layer.self_attention, in, in); },
             "self-attention");
    if (layer.cross_attention)
        residual([&](const Mat& in) { return multi_head_attention(trace, weights, *layer.cross_attention, in, memory); },
                 "cross-attention");
    residual([&](const Mat& in) { return feed_forward(trace, weights, config, L, axis, in); }, "feed-forward");

    trace.alias(L + ".output", "the layer's output, input of the next layer",
                pre ? L + ".residual" + std::to_string(sublayer) : L + ".norm" + std::to_string(sublayer));
    return x;
}

}  // namespace attn
