// Opening a Hugging Face model folder as users download it: config.json, model.safetensors
// (or shards listed in model.safetensors.index.json; F32, F16 or BF16, memory-mapped) and the
// tokenizer files. The result is a Model like any other: the same forward pass, trace, views,
// lessons and exports, with the model's own tokenizer and the card the Model panel shows.
#pragma once

#include "model/model.h"

#include <functional>
#include <string>

namespace attn {

// Progress of a long open, 0..1 (called from the opening thread); returning false cancels
// (attn::Cancelled is thrown).
using OpenProgress = std::function<bool(double)>;

// Throws attn::Error with one sentence saying what is wrong and what is supported.
Model open_hf_model(const std::string& folder, const OpenProgress& progress = {});

// Whether a folder looks like a Hugging Face model (has config.json): for drops and --model.
bool is_hf_model_folder(const std::string& folder);

// The "weight_map" of model.safetensors.index.json: the shard file of each tensor, in shard order.
std::vector<std::string> parse_safetensors_index(const std::string& json_text);

}  // namespace attn
