#include "model/checkpoint_torch.h"

#include "base/rng.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <set>

namespace attn {
namespace {

void add_attention(std::vector<ExpectedTensor>& out, const std::string& prefix, int64_t D) {
    out.push_back({prefix + ".in_proj_weight", {3 * D, D}, true, Init::Xavier});
    out.push_back({prefix + ".in_proj_bias", {3 * D}});
    out.push_back({prefix + ".out_proj.weight", {D, D}, true, Init::Xavier});
    out.push_back({prefix + ".out_proj.bias", {D}});
}

void add_norm(std::vector<ExpectedTensor>& out, const std::string& prefix, int64_t D, bool required = true) {
    out.push_back({prefix + ".weight", {D}, required, Init::Ones});
    out.push_back({prefix + ".bias", {D}, required});
}

void add_layer(std::vector<ExpectedTensor>& out, const std::string& prefix, int64_t D, int64_t F, bool cross) {
    add_attention(out, prefix + ".self_attn", D);
    if (cross) add_attention(out, prefix + ".multihead_attn", D);
    out.push_back({prefix + ".linear1.weight", {F, D}, true, Init::Xavier});
    out.push_back({prefix + ".linear1.bias", {F}, true, Init::FanIn, D});
    out.push_back({prefix + ".linear2.weight", {D, F}, true, Init::Xavier});
    out.push_back({prefix + ".linear2.bias", {D}, true, Init::FanIn, F});
    for (int n = 1; n <= (cross ? 3 : 2); ++n) add_norm(out, prefix + ".norm" + std::to_string(n), D);
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
    if (!c.vocab.empty()) out.push_back({"embedding.weight", {static_cast<int64_t>(c.vocab.size()), D}, true, Init::Normal});
    if (c.positional_encoding == PositionalEncoding::Learned)
        out.push_back({"pos_embedding.weight", {c.max_len, D}, true, Init::Normal});
    for (int i = 0; i < c.encoder_layers(); ++i) add_layer(out, "encoder.layers." + std::to_string(i), D, F, false);
    if (c.has_encoder()) add_norm(out, "encoder.norm", D, false);
    const bool cross = c.architecture == Architecture::EncoderDecoder;
    for (int i = 0; i < c.decoder_layers(); ++i) add_layer(out, "decoder.layers." + std::to_string(i), D, F, cross);
    if (c.has_decoder()) add_norm(out, "decoder.norm", D, false);
    if (const int64_t V = c.output_vocab(); V > 0) {
        if (!c.tie_embeddings) out.push_back({"generator.weight", {V, D}, true, Init::FanIn, D});
        out.push_back({"generator.bias", {V}, true, Init::FanIn, D});
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
        switch (expected.init) {
            case Init::Normal:
                for (float& v : t.data) v = static_cast<float>(rng.normal());
                break;
            case Init::Xavier: {
                const double fan_out = static_cast<double>(t.dim(0)), fan_in = static_cast<double>(t.dim(1));
                const double bound = std::sqrt(6.0 / (fan_in + fan_out));
                for (float& v : t.data) v = static_cast<float>(rng.uniform(-bound, bound));
                break;
            }
            case Init::FanIn: {
                const double bound = 1.0 / std::sqrt(static_cast<double>(expected.fan_in));
                for (float& v : t.data) v = static_cast<float>(rng.uniform(-bound, bound));
                break;
            }
            case Init::Ones: std::fill(t.data.begin(), t.data.end(), 1.0f); break;
            case Init::Zeros: break;
        }
        weights.emplace(expected.name, std::move(t));
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
namespace {

// Resolves names to views: from a state dict, or shapes only (weights == nullptr).
class Binder {
public:
    Binder(const Config& config, const StateDict* weights, bool final_norms)
        : config_(config), weights_(weights), final_norms_(final_norms) {}

    ModelWeights bind() const {
        const Config& c = config_;
        ModelWeights w;
        if (!c.vocab.empty()) w.token_embedding = matrix("embedding.weight", {static_cast<int64_t>(c.vocab.size()), c.d_model});
        if (c.positional_encoding == PositionalEncoding::Learned) w.positions = matrix("pos_embedding.weight", {c.max_len, c.d_model});
        w.encoder = stack("encoder", c.encoder_layers(), false);
        w.decoder = stack("decoder", c.decoder_layers(), c.architecture == Architecture::EncoderDecoder);
        if (const int64_t V = c.output_vocab(); V > 0)
            w.generator = LinearWeights{matrix(c.tie_embeddings ? "embedding.weight" : "generator.weight", {V, c.d_model}),
                                        vector("generator.bias", V)};
        return w;
    }

private:
    const Tensor* find(const std::string& name) const {
        if (!weights_) return nullptr;
        auto it = weights_->find(name);
        return it == weights_->end() ? nullptr : &it->second;
    }
    bool present(const std::string& name) const { return weights_ ? find(name) != nullptr : final_norms_; }

    // rows [first, first + shape[0]) of the tensor `name`.
    WeightMatrix matrix(const std::string& name, std::vector<int64_t> shape, int64_t first = 0) const {
        const Tensor* t = find(name);
        assert((!weights_ || (t && t->rank() == 2)) && "weights are checked before they are bound");
        return {t ? t->data.data() + first * shape[1] : nullptr, shape[0], shape[1], name};
    }
    WeightVector vector(const std::string& name, int64_t size, int64_t first = 0) const {
        const Tensor* t = find(name);
        assert((!weights_ || (t && t->rank() == 1)) && "weights are checked before they are bound");
        return {t ? t->data.data() + first : nullptr, size, name};
    }
    LinearWeights linear(const std::string& prefix, int64_t out, int64_t in) const {
        return {matrix(prefix + ".weight", {out, in}), vector(prefix + ".bias", out)};
    }
    NormWeights norm(const std::string& prefix) const {
        return {vector(prefix + ".weight", config_.d_model), vector(prefix + ".bias", config_.d_model)};
    }
    // in_proj_weight stacks W_Q, W_K, W_V (3D, D); in_proj_bias likewise.
    AttentionWeights attention(const std::string& p) const {
        const int64_t D = config_.d_model;
        AttentionWeights a;
        LinearWeights* qkv[] = {&a.q, &a.k, &a.v};
        for (int64_t i = 0; i < 3; ++i)
            *qkv[i] = {matrix(p + ".in_proj_weight", {D, D}, i * D), vector(p + ".in_proj_bias", D, i * D)};
        a.out = linear(p + ".out_proj", D, D);
        return a;
    }
    StackWeights stack(const std::string& name, int layers, bool cross) const {
        const int64_t D = config_.d_model, F = config_.dim_feedforward;
        StackWeights s;
        for (int i = 0; i < layers; ++i) {
            const std::string L = name + ".layers." + std::to_string(i);
            LayerWeights layer;
            layer.self_attn = attention(L + ".self_attn");
            if (cross) layer.cross_attn = attention(L + ".multihead_attn");
            layer.ffn = {linear(L + ".linear1", F, D), linear(L + ".linear2", D, F)};
            for (int n = 1; n <= (cross ? 3 : 2); ++n) layer.norms.push_back(norm(L + ".norm" + std::to_string(n)));
            s.layers.push_back(std::move(layer));
        }
        if (layers > 0 && present(name + ".norm.weight")) s.final_norm = norm(name + ".norm");
        return s;
    }

    const Config& config_;
    const StateDict* weights_;
    bool final_norms_;
};

}  // namespace

ModelWeights bind_torch_transformer(const Config& config, const StateDict& weights) {
    return Binder(config, &weights, false).bind();
}

ModelWeights bind_torch_transformer_shapes(const Config& config, bool final_norms) {
    return Binder(config, nullptr, final_norms).bind();
}

}  // namespace attn
