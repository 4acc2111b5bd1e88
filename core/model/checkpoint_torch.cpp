#include "model/checkpoint_torch.h"

#include "model/family.h"

namespace attn {
namespace {

// A bare nn.TransformerEncoder saves "layers.0..." and "norm.*": give them the stack's prefix.
void add_stack_prefix(const Config& config, StateDict& weights) {
    if (config.architecture == Architecture::EncoderDecoder) return;
    const std::string stack = config.has_encoder() ? "encoder." : "decoder.";
    bool bare = false;
    for (const auto& [name, _] : weights) {
        if (name.starts_with(stack)) return;
        bare = bare || name.starts_with("layers.");
    }
    if (!bare) return;
    StateDict renamed;
    for (auto& [name, tensor] : weights) {
        const bool in_stack = name.starts_with("layers.") || name.starts_with("norm.");
        renamed[in_stack ? stack + name : name] = std::move(tensor);
    }
    weights = std::move(renamed);
}

}  // namespace

CheckpointLayout expected_tensors(const Config& config) { return describe(config.family).layout(config); }

StateDict initial_state_dict(const Config& c) {
    return initialise_layout(expected_tensors(c), c.seed, /*with_optional=*/c.architecture == Architecture::EncoderDecoder);
}

std::vector<std::string> check_state_dict(const Config& config, StateDict& weights) {
    add_stack_prefix(config, weights);
    return adopt_state_dict(expected_tensors(config), weights, false, "", "this config");
}

}  // namespace attn
