#include "model/model.h"

#include "model/checkpoint_torch.h"
#include "model/family.h"

namespace attn {

ModelWeights bind_weights(const Config& config, const StateDict& weights, const Bf16Dict* compact) {
    return bind_layout(describe(config.family).layout(config), &weights, false, compact);
}

ModelWeights bind_weights_shapes(const Config& config, bool final_norms) {
    return bind_layout(describe(config.family).layout(config), nullptr, final_norms);
}

ModelWeights Model::bind() const { return bind_weights(config, weights, compact.get()); }

StateDict float_weights(const Model& model) {
    StateDict out = model.weights;
    if (model.compact)
        for (const auto& [name, half] : *model.compact) out.emplace(name, widened(half));
    return out;
}

std::optional<std::vector<int64_t>> weight_shape(const Model& model, const std::string& name) {
    if (auto it = model.weights.find(name); it != model.weights.end()) return it->second.shape;
    if (model.compact)
        if (auto half = model.compact->find(name); half != model.compact->end()) return half->second.shape;
    return std::nullopt;
}

std::map<std::string, std::vector<int64_t>> weight_shapes(const Model& model) {
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const auto& [name, tensor] : model.weights) shapes.emplace(name, tensor.shape);
    if (model.compact)
        for (const auto& [name, half] : *model.compact) shapes.emplace(name, half.shape);
    return shapes;
}

Tensor widened(const Bf16Tensor& half) {
    Tensor t = Tensor::uninitialized(half.shape);
    widen_bf16(half.data.data(), half.numel(), t.data.data());
    return t;
}

Model make_model_of_valid_config(const Config& config, std::optional<StateDict> weights) {
    if (config.family != Family::Transformer)
        throw Error(std::string("a ") + describe(config.family).name + " model is opened from its folder (attentionlab --model DIR), "
                    "not from a config and a weights file");
    Model model{config, {}, {}, {}, {}, {}};
    if (weights) {
        model.warnings = check_state_dict(config, *weights);
        model.weights = std::move(*weights);
    } else {
        model.weights = initial_state_dict(config);
    }
    return model;
}

Model make_model(const Config& config, std::optional<StateDict> weights) {
    require_valid(config);
    return make_model_of_valid_config(config, std::move(weights));
}

}  // namespace attn
