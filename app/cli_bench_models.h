// The benchmarks of imported models (docs/PERFORMANCE.md): opening a GPT-2-small-sized folder,
// tokenizing 1 MB of text, and the full trace of GPT-2 small at n = 1024 with its logits; the same
// for a Qwen2.5-0.5B-shaped BF16 folder, with one token generated through the KV cache. They use
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
// The same for Qwen2.5-0.5B: 24 layers, 14 query heads sharing 2 K/V heads, d_model 896, SwiGLU 4864,
// a tied 151 936-row embedding, BF16 (about 1 GB) — `model` when given, else generated once.
std::string qwen25_model_folder(const std::optional<std::string>& model);
void write_qwen25_shaped_folder(const std::string& folder);

}  // namespace attn::cli
