// The app's own models: torch.nn.Transformer's state_dict (its layout is the family
// model/families/transformer.cpp), the seed's initial weights, and checking a loaded file.
#pragma once

#include "model/checkpoint_layout.h"
#include "model/config.h"
#include "model/state_dict.h"

#include <string>
#include <vector>

namespace attn {

// Every tensor the config's model reads, in forward order (its family's layout).
CheckpointLayout expected_tensors(const Config& config);

// Weights initialised from config.seed as PyTorch does (each row's Init). Includes
// the final norms for encoder-decoder models, as nn.Transformer has them.
StateDict initial_state_dict(const Config& config);

// Checks that every required tensor is present with the shape the config
// implies; throws attn::Error naming the first missing or misshapen tensor.
// Returns warnings (tensors the model does not use, which are dropped). Names saved
// from a bare nn.TransformerEncoder ("layers.0....", "norm.weight") are given the
// "encoder." (or "decoder." for decoder-only) prefix first.
std::vector<std::string> check_state_dict(const Config& config, StateDict& weights);

}  // namespace attn
