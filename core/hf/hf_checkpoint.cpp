#include "hf/hf_checkpoint.h"

#include "base/types.h"

#include <cmath>
#include <set>

namespace attn {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Names as the model classes without their base-model prefix save them.
std::string canonical_name(Family family, const std::string& name) {
    std::string n = name;
    if (family == Family::Gpt2 && starts_with(n, "transformer.")) n = n.substr(12);
    if (family == Family::Bert && starts_with(n, "bert.")) n = n.substr(5);
    if (family == Family::Bert) {  // TensorFlow-era names that transformers renames on load
        if (ends_with(n, "LayerNorm.gamma")) n = n.substr(0, n.size() - 5) + "weight";
        if (ends_with(n, "LayerNorm.beta")) n = n.substr(0, n.size() - 4) + "bias";
    }
    return n;
}

// Buffers saved beside the parameters: masks and index tables the model recomputes.
bool is_buffer(Family family, const std::string& n) {
    if (family == Family::Gpt2) return ends_with(n, ".attn.bias") || ends_with(n, ".attn.masked_bias");
    return n == "embeddings.position_ids" || n == "embeddings.token_type_ids";
}

// Parts of a checkpoint the app does not compute: BERT's pooler and next-sentence head.
bool is_unused_head(Family family, const std::string& n) {
    return family == Family::Bert && (starts_with(n, "pooler.") || starts_with(n, "cls.seq_relationship."));
}

Tensor transposed(const Tensor& t) {
    Tensor out = Tensor::uninitialized({t.dim(1), t.dim(0)});
    out.matrix() = t.matrix().transpose();
    return out;
}

}  // namespace

bool is_conv1d_weight(const Config& config, const std::string& name) {
    if (config.family != Family::Gpt2) return false;
    const std::string n = canonical_name(config.family, name);
    return n.rfind("h.", 0) == 0 && (ends_with(n, ".attn.c_attn.weight") || ends_with(n, ".attn.c_proj.weight") ||
                                     ends_with(n, ".mlp.c_fc.weight") || ends_with(n, ".mlp.c_proj.weight"));
}

std::vector<std::string> adopt_hf_state_dict(const Config& config, StateDict& weights, bool conv1d_transposed) {
    const Family family = config.family;
    StateDict renamed;
    std::vector<std::string> warnings;
    for (auto& [name, tensor] : weights) {
        std::string n = canonical_name(family, name);
        if (is_buffer(family, n) || is_unused_head(family, n)) continue;
        renamed[n] = std::move(tensor);
    }
    const auto expected = family == Family::Gpt2 ? expected_gpt2_tensors(config) : expected_bert_tensors(config);
    std::set<std::string> used;
    for (const auto& e : expected) {
        auto it = renamed.find(e.name);
        if (it == renamed.end()) {
            if (e.required)
                throw Error("the weights have no tensor '" + e.name + "', which this " + to_string(family) +
                            " model needs (is model.safetensors from the same model as config.json?)");
            continue;
        }
        // Shapes as the file stores them (read transposed: turned back for the message).
        const bool flipped = e.conv1d && conv1d_transposed && it->second.rank() == 2;
        const std::vector<int64_t> stored = flipped ? std::vector<int64_t>{it->second.dim(1), it->second.dim(0)} : it->second.shape;
        if (stored != e.shape)
            throw Error("tensor '" + e.name + "' has shape " + shape_to_string(stored) + " but config.json implies " +
                        shape_to_string(e.shape));
        const auto& data = it->second.data;
        for (size_t i = 0; i < data.size(); ++i)
            if (!std::isfinite(data[i]))
                throw Error("tensor '" + e.name + "' holds " + (std::isnan(data[i]) ? "NaN" : "an infinite value") + " at index " +
                            std::to_string(i) + "; weights must be finite numbers");
        if (e.conv1d && !conv1d_transposed) it->second = transposed(it->second);
        used.insert(e.name);
    }
    if (family == Family::Bert) {  // the MLM head is all there or not at all
        const bool any = used.count("cls.predictions.bias") || used.count("cls.predictions.transform.dense.weight");
        for (const auto& e : expected)
            if (any && e.name.rfind("cls.predictions.", 0) == 0 && e.name.find(".decoder.") == std::string::npos && !used.count(e.name))
                throw Error("the weights have part of BERT's MLM head but not '" + e.name + "'");
    }
    for (const auto& [name, _] : renamed)
        if (!used.count(name)) warnings.push_back("tensor '" + name + "' is not used by this model and is ignored");
    for (auto it = renamed.begin(); it != renamed.end();) it = used.count(it->first) ? std::next(it) : renamed.erase(it);
    weights = std::move(renamed);
    return warnings;
}

}  // namespace attn
