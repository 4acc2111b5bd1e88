// A model: a config with its checked weights.
#pragma once

#include "model/config.h"
#include "model/state_dict.h"
#include "model/weights.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace attn {

class TextTokenizer;
struct ChatTemplate;  // hf/chat_template.h

// What the Model panel says of an imported model.
struct ModelCard {
    std::string kind;         // "GPT-2", "BERT"
    std::string folder;
    int64_t parameters = 0;   // numbers in the weights the model reads
    int64_t file_bytes = 0;   // of the safetensors file(s)
    std::string dtype;        // as stored: "F32", "F16", "BF16" (several: "F16 + F32")
    int64_t bf16_bytes = 0;   // of the matrices kept in BF16 in memory (Model::compact)
    bool has_head = false;    // GPT-2's LM head, BERT's MLM head
    std::vector<int32_t> end_token_ids;  // config.json's eos_token_id(s): generation stops at them
    std::shared_ptr<const ChatTemplate> chat;  // tokenizer_config.json's chat_template; null when there is none
};

struct Model {
    Config config;
    StateDict weights;
    std::vector<std::string> warnings;  // from loading the weights
    // An imported model's own tokenizer (hf/text_tokenizer.h) and card; null for the app's models,
    // whose text is split by model/tokenizer.h.
    std::shared_ptr<const TextTokenizer> tokenizer;
    std::optional<ModelCard> card;
    // An imported model's BF16 matrices, kept as stored (half the memory of float32) and not in
    // weights; shared by copies of the model, never changed. Null when there are none.
    std::shared_ptr<const Bf16Dict> compact;

    // Typed views of the weights for one forward pass (valid while this model lives unchanged).
    ModelWeights bind() const;
};

// Typed views of any state dict laid out as this config's checkpoints are (the weights, or
// a buffer of their gradients), through the config's checkpoint adapter.
ModelWeights bind_weights(const Config& config, const StateDict& weights, const Bf16Dict* compact = nullptr);
// The same views with shapes only, for a shapes-only pass (final_norms: nn.Transformer's
// optional encoder.norm / decoder.norm are there).
ModelWeights bind_weights_shapes(const Config& config, bool final_norms);

// Validates the config (unless the caller already did); weights are the
// seed's (initial_state_dict) when none are given, else checked against the
// config (missing tensor: attn::Error).
// Every weight as float32: weights with the BF16 matrices widened in (to export or show them).
StateDict float_weights(const Model& model);
Tensor widened(const Bf16Tensor& half);
// The shape of a weight tensor, float32 or kept in BF16; nullopt when the model has no such tensor.
std::optional<std::vector<int64_t>> weight_shape(const Model& model, const std::string& name);
// Every weight tensor's shape by name, float32 and BF16 together.
std::map<std::string, std::vector<int64_t>> weight_shapes(const Model& model);

Model make_model(const Config& config, std::optional<StateDict> weights = std::nullopt);
Model make_model_of_valid_config(const Config& config, std::optional<StateDict> weights = std::nullopt);

}  // namespace attn
