// The benchmarks of imported models (docs/PERFORMANCE.md): opening a GPT-2-small-sized folder,
// tokenizing 1 MB of text, and the full trace of GPT-2 small at n = 1024 with its logits. They use
// `--model DIR` when given, else a folder generated once in the temporary directory: GPT-2 small's
// shapes and a 500 MB model.safetensors of random numbers, with a byte-level BPE of 50 257 tokens.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attn::cli {

// The folder the model benchmarks read: `model` when given, else the generated one (made now if needed).
std::string benchmark_model_folder(const std::optional<std::string>& model);
// Writes a GPT-2-small-shaped folder (random weights, synthetic 50 257-token BPE) to `folder`.
void write_gpt2_shaped_folder(const std::string& folder);

}  // namespace attn::cli
