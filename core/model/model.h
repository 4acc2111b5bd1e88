// A model: a config with its checked weights.
#pragma once

#include "model/config.h"
#include "model/state_dict.h"
#include "model/weights.h"

#include <optional>
#include <string>
#include <vector>

namespace attn {

struct Model {
    Config config;
    StateDict weights;
    std::vector<std::string> warnings;  // from loading the weights

    // Typed views of the weights for one forward pass (valid while this model lives unchanged).
    ModelWeights bind() const;
};

// Typed views of any state dict laid out as this config's checkpoints are (the weights, or
// a buffer of their gradients), through the config's checkpoint adapter.
ModelWeights bind_weights(const Config& config, const StateDict& weights);

// Validates the config (unless the caller already did); weights are the
// seed's (initial_state_dict) when none are given, else checked against the
// config (missing tensor: attn::Error).
Model make_model(const Config& config, std::optional<StateDict> weights = std::nullopt);
Model make_model_of_valid_config(const Config& config, std::optional<StateDict> weights = std::nullopt);

}  // namespace attn
