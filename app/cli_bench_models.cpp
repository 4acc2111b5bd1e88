#include "cli_bench_models.h"

#include "base/tensor.h"
#include "hf/bpe_tokenizer.h"
#include "hf/hf_config.h"
#include "model/family.h"

#include <cstring>
#include <filesystem>
#include <functional>
#include <fstream>
#include <iostream>
#include <random>
#include <set>

namespace attn::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kD = 768, kLayers = 12, kPositions = 1024, kVocab = 50257;

}  // namespace

namespace {

// GPT-2's byte-level BPE of its size: the 256 byte symbols, 50 000 merges of two of them, <|endoftext|>.
void write_bpe_tokenizer(const std::string& folder) {
    const auto& bytes = BpeTokenizer::byte_to_unicode();
    nlohmann::json vocab = nlohmann::json::object();
    for (int b = 0; b < 256; ++b) vocab[bytes[static_cast<size_t>(b)]] = b;
    std::ofstream merges(fs::path(folder) / "merges.txt");
    merges << "#version: 0.2\n";
    int id = 256;
    for (int a = 0; a < 256 && id < kVocab - 1; ++a)
        for (int b = 0; b < 256 && id < kVocab - 1; ++b) {
            const std::string& x = bytes[static_cast<size_t>((a + 'a') % 256)];
            const std::string& y = bytes[static_cast<size_t>((b + 'a') % 256)];
            if (vocab.contains(x + y)) continue;
            merges << x << ' ' << y << '\n';
            vocab[x + y] = id++;
        }
    vocab["<|endoftext|>"] = id;
    std::ofstream(fs::path(folder) / "vocab.json") << vocab.dump();
}

// model.safetensors: every tensor the family's layout requires for this config.json, N(0, 0.02)
// (norm gains 1, biases 0), in F32 or BF16 (float32's upper half, rounded to nearest even).
void write_random_weights(const std::string& folder, const nlohmann::json& config, bool bf16) {
    std::vector<std::pair<std::string, std::vector<int64_t>>> tensors;
    std::set<std::string> gains;
    const Config c = parse_hf_config(config.dump()).config;
    for (const TensorRow& row : describe(c.family).layout(c)) {
        if (!row.required) continue;  // lm_head: tied to the embedding
        tensors.emplace_back(row.name, row.shape);
        if (row.init == Init::Ones) gains.insert(row.name);
    }
    const uint64_t width = bf16 ? 2 : 4;
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    uint64_t offset = 0;
    for (const auto& [name, shape] : tensors) {
        uint64_t n = width;
        for (int64_t d : shape) n *= static_cast<uint64_t>(d);
        header[name] = {{"dtype", bf16 ? "BF16" : "F32"}, {"shape", shape}, {"data_offsets", {offset, offset + n}}};
        offset += n;
    }
    std::string json = header.dump();
    json.append((8 - json.size() % 8) % 8, ' ');
    std::ofstream out(fs::path(folder) / "model.safetensors", std::ios::binary);
    const uint64_t size = json.size();
    out.write(reinterpret_cast<const char*>(&size), 8);
    out << json;
    std::mt19937 rng(1);
    std::normal_distribution<float> normal(0.0f, 0.02f);
    std::vector<float> buffer;
    std::vector<uint16_t> halves;
    for (const auto& [name, shape] : tensors) {
        size_t n = 1;
        for (int64_t d : shape) n *= static_cast<size_t>(d);
        const bool gain = gains.count(name) > 0;
        const bool zero = !gain && shape.size() == 1;
        buffer.resize(n);
        for (float& v : buffer) v = gain ? 1.0f : zero ? 0.0f : normal(rng);
        if (!bf16) {
            out.write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(4 * n));
            continue;
        }
        halves.resize(n);
        for (size_t i = 0; i < n; ++i) {
            uint32_t bits;
            std::memcpy(&bits, &buffer[i], 4);
            halves[i] = static_cast<uint16_t>((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
        }
        out.write(reinterpret_cast<const char*>(halves.data()), static_cast<std::streamsize>(2 * n));
    }
    if (!out) throw Error("cannot write the benchmark model to " + folder);
}

std::string generated_folder(const char* name, const char* what, const std::function<void(const std::string&)>& write) {
    const fs::path folder = fs::temp_directory_path() / name;
    if (!fs::exists(folder / "model.safetensors")) {
        std::cerr << "writing " << what << " to " << folder.string() << "…\n";
        write(folder.string());
    }
    return folder.string();
}

}  // namespace

void write_gpt2_shaped_folder(const std::string& folder) {
    fs::create_directories(folder);
    const nlohmann::json config = {{"model_type", "gpt2"}, {"n_embd", kD}, {"n_head", 12}, {"n_layer", kLayers},
                                   {"n_positions", kPositions}, {"vocab_size", kVocab}, {"activation_function", "gelu_new"},
                                   {"layer_norm_epsilon", 1e-5}, {"bos_token_id", kVocab - 1}, {"eos_token_id", kVocab - 1}};
    std::ofstream(fs::path(folder) / "config.json") << config.dump(2);
    write_bpe_tokenizer(folder);
    write_random_weights(folder, config, false);
}

void write_qwen25_shaped_folder(const std::string& folder) {
    fs::create_directories(folder);
    // Qwen2.5-0.5B's config.json, as released (its tokenizer stands in with GPT-2's size: the
    // embedding rows past it are the padding Qwen2.5 has too).
    const nlohmann::json config = {{"model_type", "qwen2"}, {"architectures", {"Qwen2ForCausalLM"}}, {"hidden_size", 896},
                                   {"intermediate_size", 4864}, {"num_attention_heads", 14}, {"num_key_value_heads", 2},
                                   {"num_hidden_layers", 24}, {"max_position_embeddings", 32768}, {"rms_norm_eps", 1e-6},
                                   {"rope_theta", 1000000.0}, {"sliding_window", 32768}, {"use_sliding_window", false},
                                   {"tie_word_embeddings", true}, {"torch_dtype", "bfloat16"}, {"vocab_size", 151936},
                                   {"hidden_act", "silu"}, {"bos_token_id", kVocab - 1}, {"eos_token_id", kVocab - 1}};
    std::ofstream(fs::path(folder) / "config.json") << config.dump(2);
    write_bpe_tokenizer(folder);
    write_random_weights(folder, config, true);
}

std::string benchmark_model_folder(const std::optional<std::string>& model) {
    if (model) return *model;
    return generated_folder("attentionlab-bench-gpt2-small", "a GPT-2-small-shaped folder (500 MB of random weights)", write_gpt2_shaped_folder);
}

std::string qwen25_model_folder(const std::optional<std::string>& model) {
    if (model) return *model;
    return generated_folder("attentionlab-bench-qwen2.5-0.5b", "a Qwen2.5-0.5B-shaped folder (1 GB of random BF16 weights)",
                            write_qwen25_shaped_folder);
}

}  // namespace attn::cli
