// The model's weights, keyed exactly as a PyTorch nn.Transformer state_dict()
// ("encoder.layers.0.self_attn.in_proj_weight", ...), so a safetensors file
// saved from PyTorch opens as it is and ours open in PyTorch.
#pragma once

#include "config.h"
#include "types.h"

#include <map>
#include <string>
#include <vector>

namespace attn {

using StateDict = std::map<std::string, Tensor>;

struct ExpectedTensor {
    std::string name;
    std::vector<int64_t> shape;
    bool required = true;  // final norms are optional: applied when present
};

// Every tensor the config's model reads, in forward order.
std::vector<ExpectedTensor> expected_tensors(const Config& config);

// Weights initialised from config.seed as PyTorch does: Xavier-uniform for
// every matrix (nn.Transformer._reset_parameters), zero attention biases,
// U(±1/√fan_in) for the feed-forward biases (nn.Linear), LayerNorm 1 and 0,
// N(0, 1) embeddings (nn.Embedding). Includes the final norms for
// encoder-decoder models, as nn.Transformer has them.
StateDict initial_state_dict(const Config& config);

// Checks that every required tensor is present with the shape the config
// implies; throws attn::Error naming the first missing or misshapen tensor.
// Returns warnings (tensors the model does not use). Names saved from a bare
// nn.TransformerEncoder ("layers.0....", "norm.weight") are given the
// "encoder." (or "decoder." for decoder-only) prefix first.
std::vector<std::string> check_state_dict(const Config& config, StateDict& weights);

}  // namespace attn

namespace attn {

// Views of a checked state dict's tensors (asserts they exist with the rank).
ConstMatMap weight_matrix(const StateDict& weights, const std::string& name);
ConstRowVecMap weight_vector(const StateDict& weights, const std::string& name);

}  // namespace attn
