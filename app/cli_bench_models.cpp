#include "cli_bench_models.h"

#include "base/tensor.h"
#include "hf/bpe_tokenizer.h"
#include "hf/hf_config.h"
#include "model/family.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <set>

namespace attn::cli {
namespace {

namespace fs = std::filesystem;

constexpr int kD = 768, kLayers = 12, kPositions = 1024, kVocab = 50257;

}  // namespace

void write_gpt2_shaped_folder(const std::string& folder) {
    fs::create_directories(folder);
    const nlohmann::json config = {{"model_type", "gpt2"}, {"n_embd", kD}, {"n_head", 12}, {"n_layer", kLayers},
                                   {"n_positions", kPositions}, {"vocab_size", kVocab}, {"activation_function", "gelu_new"},
                                   {"layer_norm_epsilon", 1e-5}, {"bos_token_id", kVocab - 1}, {"eos_token_id", kVocab - 1}};
    std::ofstream(fs::path(folder) / "config.json") << config.dump(2);
    // A byte-level BPE of GPT-2's size: the 256 byte symbols, 50 000 merges of two of them, <|endoftext|>.
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
    // model.safetensors: every tensor GPT2Model has (the family's layout), N(0, 0.02) (norms 1 and 0), in F32.
    std::vector<std::pair<std::string, std::vector<int64_t>>> tensors;
    std::set<std::string> gains;
    const Config c = parse_hf_config(config.dump()).config;
    for (const TensorRow& row : describe(c.family).layout(c)) {
        if (!row.required) continue;  // lm_head: tied to wte
        tensors.emplace_back(row.name, row.shape);
        if (row.init == Init::Ones) gains.insert(row.name);
    }
    nlohmann::ordered_json header = nlohmann::ordered_json::object();
    uint64_t offset = 0;
    for (const auto& [name, shape] : tensors) {
        uint64_t n = 4;
        for (int64_t d : shape) n *= static_cast<uint64_t>(d);
        header[name] = {{"dtype", "F32"}, {"shape", shape}, {"data_offsets", {offset, offset + n}}};
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
    for (const auto& [name, shape] : tensors) {
        size_t n = 1;
        for (int64_t d : shape) n *= static_cast<size_t>(d);
        const bool gain = gains.count(name) > 0;
        const bool zero = !gain && shape.size() == 1;
        buffer.resize(n);
        for (float& v : buffer) v = gain ? 1.0f : zero ? 0.0f : normal(rng);
        out.write(reinterpret_cast<const char*>(buffer.data()), static_cast<std::streamsize>(4 * n));
    }
    if (!out) throw Error("cannot write the benchmark model to " + folder);
}

std::string benchmark_model_folder(const std::optional<std::string>& model) {
    if (model) return *model;
    const fs::path folder = fs::temp_directory_path() / "attentionlab-bench-gpt2-small";
    if (!fs::exists(folder / "model.safetensors")) {
        std::cerr << "writing a GPT-2-small-shaped folder (500 MB of random weights) to " << folder.string() << "…\n";
        write_gpt2_shaped_folder(folder.string());
    }
    return folder.string();
}

}  // namespace attn::cli
