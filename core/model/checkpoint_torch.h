// The nn.Transformer state_dict adapter: the tensors a config's model reads,
// keyed exactly as PyTorch names them ("encoder.layers.0.self_attn.in_proj_weight",
// ...), so a safetensors file saved from PyTorch opens as it is and ours open
// in PyTorch; the seed's initial weights; checking a loaded file; and binding
// the tensors to the typed views the forward pass reads (model/weights.h).
//
// This is the one file that knows nn.Transformer's names. Another checkpoint
// format is another adapter file beside it.
#pragma once

#include "model/config.h"
#include "model/state_dict.h"
#include "model/weights.h"

#include <string>
#include <vector>

namespace attn {

// How the seed initialises a tensor (as PyTorch does).
enum class Init {
    Normal,       // N(0, 1): nn.Embedding
    Xavier,       // U(±√(6 / (fan_in + fan_out))): nn.Transformer._reset_parameters
    FanIn,        // U(±1/√fan_in): nn.Linear's default for its weight and bias
    Ones,         // LayerNorm γ
    Zeros,        // attention biases, LayerNorm β
};

struct ExpectedTensor {
    std::string name;
    std::vector<int64_t> shape;
    bool required = true;  // final norms are optional: applied when present
    Init init = Init::Zeros;
    int64_t fan_in = 0;    // for FanIn
};

// Every tensor the config's model reads, in forward order.
std::vector<ExpectedTensor> expected_tensors(const Config& config);

// Weights initialised from config.seed as PyTorch does (see Init). Includes
// the final norms for encoder-decoder models, as nn.Transformer has them.
StateDict initial_state_dict(const Config& config);

// Checks that every required tensor is present with the shape the config
// implies; throws attn::Error naming the first missing or misshapen tensor.
// Returns warnings (tensors the model does not use). Names saved from a bare
// nn.TransformerEncoder ("layers.0....", "norm.weight") are given the
// "encoder." (or "decoder." for decoder-only) prefix first.
std::vector<std::string> check_state_dict(const Config& config, StateDict& weights);

// Typed views of a checked state dict's tensors (valid while `weights` lives).
ModelWeights bind_torch_transformer(const Config& config, const StateDict& weights);
// The same views with shapes only (null data), for a shapes-only pass; the
// final norms are bound when final_norms is true.
ModelWeights bind_torch_transformer_shapes(const Config& config, bool final_norms);

}  // namespace attn
