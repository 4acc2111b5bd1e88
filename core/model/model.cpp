#include "model/model.h"

#include "model/checkpoint_torch.h"

namespace attn {

ModelWeights bind_weights(const Config& config, const StateDict& weights) { return bind_torch_transformer(config, weights); }

ModelWeights Model::bind() const { return bind_weights(config, weights); }

Model make_model_of_valid_config(const Config& config, std::optional<StateDict> weights) {
    Model model{config, {}, {}};
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
