#include "state_dict.h"

#include "rng.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>

namespace attn {
namespace {

void add_attention(std::vector<ExpectedTensor>& out, const std::string& prefix, int64_t D) {
    out.push_back({prefix + ".in_proj_weight", {3 * D, D}});
    out.push_back({prefix + ".in_proj_bias", {3 * D}});
    out.push_back({prefix + ".out_proj.weight", {D, D}});
    out.push_back({prefix + ".out_proj.bias", {D}});
}

void add_layer(std::vector<ExpectedTensor>& out, const std::string& prefix, int64_t D, int64_t F, bool cross) {
    add_attention(out, prefix + ".self_attn", D);
    if (cross) add_attention(out, prefix + ".multihead_attn", D);
    out.push_back({prefix + ".linear1.weight", {F, D}});
    out.push_back({prefix + ".linear1.bias", {F}});
    out.push_back({prefix + ".linear2.weight", {D, F}});
    out.push_back({prefix + ".linear2.bias", {D}});
    for (int n = 1; n <= (cross ? 3 : 2); ++n) {
        out.push_back({prefix + ".norm" + std::to_string(n) + ".weight", {D}});
        out.push_back({prefix + ".norm" + std::to_string(n) + ".bias", {D}});
    }
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// A bare nn.TransformerEncoder saves "layers.0..." and "norm.*": give them the stack's prefix.
void add_stack_prefix(const Config& config, StateDict& weights) {
    if (config.architecture == Architecture::EncoderDecoder) return;
    const std::string stack = config.has_encoder() ? "encoder." : "decoder.";
    bool bare = false;
    for (const auto& [name, _] : weights) {
        if (starts_with(name, stack)) return;
        bare = bare || starts_with(name, "layers.");
    }
    if (!bare) return;
    StateDict renamed;
    for (auto& [name, tensor] : weights) {
        bool in_stack = starts_with(name, "layers.") || starts_with(name, "norm.");
        renamed[in_stack ? stack + name : name] = std::move(tensor);
    }
    weights = std::move(renamed);
}

}  // namespace

std::vector<ExpectedTensor> expected_tensors(const Config& c) {
    const int64_t D = c.d_model, F = c.dim_feedforward;
    std::vector<ExpectedTensor> out;
    if (!c.vocab.empty()) out.push_back({"embedding.weight", {static_cast<int64_t>(c.vocab.size()), D}});
    if (c.positional_encoding == PositionalEncoding::Learned) out.push_back({"pos_embedding.weight", {c.max_len, D}});
    for (int i = 0; i < c.encoder_layers(); ++i) add_layer(out, "encoder.layers." + std::to_string(i), D, F, false);
    if (c.has_encoder()) {
        out.push_back({"encoder.norm.weight", {D}, false});
        out.push_back({"encoder.norm.bias", {D}, false});
    }
    const bool cross = c.architecture == Architecture::EncoderDecoder;
    for (int i = 0; i < c.decoder_layers(); ++i) add_layer(out, "decoder.layers." + std::to_string(i), D, F, cross);
    if (c.has_decoder()) {
        out.push_back({"decoder.norm.weight", {D}, false});
        out.push_back({"decoder.norm.bias", {D}, false});
    }
    return out;
}

StateDict initial_state_dict(const Config& c) {
    const bool with_final_norms = c.architecture == Architecture::EncoderDecoder;
    StateDict weights;
    for (const auto& expected : expected_tensors(c)) {
        if (!expected.required && !with_final_norms) continue;
        Tensor t(expected.shape);
        Rng rng(c.seed, expected.name);
        const std::string& name = expected.name;
        if (name == "embedding.weight" || name == "pos_embedding.weight") {
            for (float& v : t.data) v = static_cast<float>(rng.normal());
        } else if (t.rank() == 2) {
            const double fan_out = static_cast<double>(t.dim(0)), fan_in = static_cast<double>(t.dim(1));
            const double bound = std::sqrt(6.0 / (fan_in + fan_out));
            for (float& v : t.data) v = static_cast<float>(rng.uniform(-bound, bound));
        } else if (ends_with(name, "linear1.bias") || ends_with(name, "linear2.bias")) {
            const double fan_in = ends_with(name, "linear1.bias") ? c.d_model : c.dim_feedforward;
            const double bound = 1.0 / std::sqrt(fan_in);
            for (float& v : t.data) v = static_cast<float>(rng.uniform(-bound, bound));
        } else if (name.find("norm") != std::string::npos && ends_with(name, ".weight")) {
            std::fill(t.data.begin(), t.data.end(), 1.0f);
        }  // attention biases and LayerNorm biases stay 0
        weights.emplace(name, std::move(t));
    }
    return weights;
}

std::vector<std::string> check_state_dict(const Config& config, StateDict& weights) {
    add_stack_prefix(config, weights);
    std::set<std::string> used;
    for (const auto& expected : expected_tensors(config)) {
        auto it = weights.find(expected.name);
        if (it == weights.end()) {
            if (!expected.required) continue;
            throw Error("the weights have no tensor '" + expected.name + "' (expected shape " +
                        shape_to_string(expected.shape) + ")");
        }
        if (it->second.shape != expected.shape)
            throw Error("tensor '" + expected.name + "' has shape " + shape_to_string(it->second.shape) +
                        " but this config needs " + shape_to_string(expected.shape));
        const auto& data = it->second.data;
        const auto bad = std::find_if(data.begin(), data.end(), [](float v) { return !std::isfinite(v); });
        if (bad != data.end())
            throw Error("tensor '" + expected.name + "' holds " + (std::isnan(*bad) ? "NaN" : "an infinite value") +
                        " at index " + std::to_string(bad - data.begin()) + "; weights must be finite numbers");
        used.insert(expected.name);
    }
    for (const std::string norm : {"encoder.norm", "decoder.norm"})
        if (weights.count(norm + ".weight") != weights.count(norm + ".bias"))
            throw Error("the weights have only one of '" + norm + ".weight' and '" + norm + ".bias'");
    std::vector<std::string> warnings;
    for (const auto& [name, _] : weights)
        if (!used.count(name)) warnings.push_back("tensor '" + name + "' is not used by this config and is ignored");
    return warnings;
}

}  // namespace attn

namespace attn {

ConstMatMap weight_matrix(const StateDict& weights, const std::string& name) {
    auto it = weights.find(name);
    assert(it != weights.end() && it->second.rank() == 2 && "weights are checked before use");
    return it->second.matrix();
}

ConstRowVecMap weight_vector(const StateDict& weights, const std::string& name) {
    auto it = weights.find(name);
    assert(it != weights.end() && it->second.rank() == 1 && "weights are checked before use");
    return ConstRowVecMap(it->second.data.data(), it->second.numel());
}

}  // namespace attn
