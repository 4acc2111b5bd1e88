// Views into an adopted state dict by name, or shapes only when there is none (a
// shapes-only pass counting floats). Shared by the GPT-2 and BERT layouts.
#pragma once

#include "model/state_dict.h"
#include "model/weights.h"

#include <cassert>
#include <string>

namespace attn {

class WeightLookup {
public:
    explicit WeightLookup(const StateDict* weights) : weights_(weights) {}

    bool has(const std::string& name) const { return find(name) != nullptr; }
    // rows [first, first + rows) of the (·, cols) tensor `name`; `label` names it in explanations.
    WeightMatrix matrix(const std::string& name, int64_t rows, int64_t cols, int64_t first = 0, std::string label = {}) const {
        const Tensor* t = find(name);
        assert((!weights_ || t) && "weights are adopted before they are bound");
        return {t ? t->data.data() + first * cols : nullptr, rows, cols, label.empty() ? name : std::move(label)};
    }
    WeightVector vector(const std::string& name, int64_t size, int64_t first = 0, std::string label = {}) const {
        const Tensor* t = find(name);
        assert((!weights_ || t) && "weights are adopted before they are bound");
        return {t ? t->data.data() + first : nullptr, size, label.empty() ? name : std::move(label)};
    }
    LinearWeights linear(const std::string& prefix, int64_t out, int64_t in) const {
        return {matrix(prefix + ".weight", out, in), vector(prefix + ".bias", out)};
    }
    NormWeights norm(const std::string& prefix, int64_t size) const {
        return {vector(prefix + ".weight", size), vector(prefix + ".bias", size)};
    }

private:
    const Tensor* find(const std::string& name) const {
        if (!weights_) return nullptr;
        auto it = weights_->find(name);
        return it == weights_->end() ? nullptr : &it->second;
    }
    const StateDict* weights_;
};

}  // namespace attn
