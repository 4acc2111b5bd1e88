#include "model/model.h"

#include "hf/hf_checkpoint.h"
#include "model/checkpoint_torch.h"

namespace attn {

ModelWeights bind_weights(const Config& config, const StateDict& weights) {
    switch (config.family) {
        case Family::Gpt2: return bind_gpt2(config, &weights);
        case Family::Bert: return bind_bert(config, &weights, weights.count("cls.predictions.bias") > 0);
        case Family::Transformer: break;
    }
    return bind_torch_transformer(config, weights);
}

ModelWeights bind_weights_shapes(const Config& config, bool final_norms) {
    switch (config.family) {
        case Family::Gpt2: return bind_gpt2(config, nullptr);
        case Family::Bert: return bind_bert(config, nullptr, true);
        case Family::Transformer: break;
    }
    return bind_torch_transformer_shapes(config, final_norms);
}

ModelWeights Model::bind() const { return bind_weights(config, weights); }

Model make_model_of_valid_config(const Config& config, std::optional<StateDict> weights) {
    if (config.family != Family::Transformer)
        throw Error(std::string("a ") + to_string(config.family) + " model is opened from its folder (attentionlab --model DIR), "
                    "not from a config and a weights file");
    Model model{config, {}, {}, {}, {}};
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
