#include "model/checkpoint_layout.h"

#include "base/rng.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace attn {

LayoutBuilder& LayoutBuilder::at(Stack stack, int layer, int sublayer) {
    stack_ = stack, layer_ = layer, sublayer_ = sublayer;
    return *this;
}

TensorRow& LayoutBuilder::add(std::string name, std::vector<int64_t> shape, Slot slot, Part part) {
    TensorRow row;
    row.name = std::move(name);
    row.shape = std::move(shape);
    row.slot = slot, row.part = part, row.stack = stack_, row.layer = layer_, row.sublayer = sublayer_;
    rows_.push_back(std::move(row));
    return rows_.back();
}

void LayoutBuilder::linear(const std::string& name, Slot slot, std::vector<int64_t> weight_shape, bool transposed,
                           Init weight_init, Init bias_init) {
    const int64_t out = transposed ? weight_shape.back() : weight_shape.front();
    TensorRow& w = add(name + ".weight", std::move(weight_shape), slot);
    w.transposed = transposed, w.init = weight_init;
    add(name + ".bias", {out}, slot, Part::Bias).init = bias_init;
}

void LayoutBuilder::norm(const std::string& name, Slot slot, int64_t D, int sublayer, bool required, bool with_bias) {
    const int saved = sublayer_;
    if (sublayer > 0) sublayer_ = sublayer;
    TensorRow& w = add(name + ".weight", {D}, slot);
    w.init = Init::Ones, w.required = required;
    if (!required) w.group = name;
    if (with_bias) {
        TensorRow& b = add(name + ".bias", {D}, slot, Part::Bias);
        b.required = required;
        if (!required) b.group = name;
    }
    sublayer_ = saved;
}

namespace {

Tensor transposed_copy(const Tensor& t) {
    Tensor out = Tensor::uninitialized({t.dim(1), t.dim(0)});
    out.matrix() = t.matrix().transpose();
    return out;
}

// Groups with at least one of their own (untied) rows in the file.
std::set<std::string> groups_present(const CheckpointLayout& layout, const StateDict* weights, const Bf16Dict* compact,
                                     bool optional_present) {
    std::set<std::string> present;
    auto stored = [&](const std::string& name) { return weights->count(name) > 0 || (compact && compact->count(name) > 0); };
    for (const auto& row : layout)
        if (!row.group.empty() && row.tied_to.empty() && (weights ? stored(row.name) : optional_present))
            present.insert(row.group);
    return present;
}

// The first non-finite number of a tensor: its index, and whether it is NaN; nullopt when all are finite.
struct NonFinite {
    int64_t index;
    bool nan;
};
std::optional<NonFinite> first_non_finite(const Tensor& t) {
    const auto bad = std::find_if(t.data.begin(), t.data.end(), [](float v) { return !std::isfinite(v); });
    if (bad == t.data.end()) return std::nullopt;
    return NonFinite{bad - t.data.begin(), std::isnan(*bad)};
}
std::optional<NonFinite> first_non_finite(const Bf16Tensor& t) {
    const auto bad = std::find_if(t.data.begin(), t.data.end(), [](uint16_t h) { return !bf16_is_finite(h); });
    if (bad == t.data.end()) return std::nullopt;
    return NonFinite{bad - t.data.begin(), std::isnan(bf16_to_float(*bad))};
}

}  // namespace

std::vector<std::string> adopt_state_dict(const CheckpointLayout& layout, StateDict& weights, bool already_transposed,
                                          const std::string& model, const std::string& unused_reason, Bf16Dict* compact) {
    const bool from_folder = !model.empty();
    std::set<std::string> used;
    for (const auto& row : layout) {
        auto it = weights.find(row.name);
        const Bf16Tensor* half = nullptr;
        if (it == weights.end() && compact) {
            auto c = compact->find(row.name);
            if (c != compact->end()) half = &c->second;
        }
        if (it == weights.end() && !half) {
            if (!row.required || !row.tied_to.empty()) continue;
            throw Error(from_folder ? "the weights have no tensor '" + row.name + "', which " + model +
                                          " needs (is model.safetensors from the same model as config.json?)"
                                    : "the weights have no tensor '" + row.name + "' (expected shape " + shape_to_string(row.shape) + ")");
        }
        if (used.count(row.name)) continue;  // a tensor read twice (tied embeddings) is checked once
        // Shapes as the file stores them (read transposed: turned back for the message; BF16 is
        // kept only for matrices stored as they are read).
        const std::vector<int64_t>& shape = half ? half->shape : it->second.shape;
        const bool flipped = row.transposed && already_transposed && shape.size() == 2;
        const std::vector<int64_t> stored = flipped ? std::vector<int64_t>{shape[1], shape[0]} : shape;
        if (stored != row.shape)
            throw Error("tensor '" + row.name + "' has shape " + shape_to_string(stored) +
                        (from_folder ? " but config.json implies " : " but this config needs ") + shape_to_string(row.shape));
        if (const auto bad = half ? first_non_finite(*half) : first_non_finite(it->second))
            throw Error("tensor '" + row.name + "' holds " + (bad->nan ? "NaN" : "an infinite value") + " at index " +
                        std::to_string(bad->index) + "; weights must be finite numbers");
        if (row.transposed && !already_transposed) it->second = transposed_copy(it->second);
        used.insert(row.name);
    }
    const auto present = groups_present(layout, &weights, compact, false);
    for (const auto& row : layout)
        if (!row.group.empty() && row.tied_to.empty() && present.count(row.group) && !used.count(row.name))
            throw Error("the weights have part of '" + row.group + "' but not '" + row.name + "'");
    std::vector<std::string> warnings;
    auto drop_unused = [&](auto& tensors) {
        for (auto it = tensors.begin(); it != tensors.end();) {
            if (used.count(it->first)) {
                ++it;
                continue;
            }
            warnings.push_back("tensor '" + it->first + "' is not used by " + unused_reason + " and is ignored");
            it = tensors.erase(it);
        }
    };
    drop_unused(weights);
    if (compact) drop_unused(*compact);
    return warnings;
}

namespace {

// The tensor of that name in a StateDict or Bf16Dict (either may be absent); nullptr when there is none.
template <typename Tensors>
const typename Tensors::mapped_type* find_in(const Tensors* tensors, const std::string& name) {
    if (!tensors) return nullptr;
    auto it = tensors->find(name);
    return it == tensors->end() ? nullptr : &it->second;
}

// The slots whose matrices may stay BF16: read only by linear() and row() (engine/linear.h).
const std::set<Slot> kBf16Slots{Slot::TokenEmbedding, Slot::Query, Slot::Key, Slot::Value, Slot::AttentionOut,
                                Slot::FeedForwardIn, Slot::FeedForwardOut, Slot::FeedForwardGate, Slot::HeadTransform,
                                Slot::Generator};

// The views of one row's tensor, placed in their typed slot.
class Placer {
public:
    explicit Placer(ModelWeights& out) : out_(out) {}

    // The tensor is float32 (tensor) or BF16 (half, a matrix kept as stored), or neither in a
    // shapes-only binding.
    void place(const TensorRow& row, const Tensor* tensor, const Bf16Tensor* half, const std::string& name) {
        const float* data = tensor ? tensor->data.data() : nullptr;
        assert((!half || (kBf16Slots.count(row.slot) && row.part == Part::Weight && !row.transposed)) &&
               "BF16 is kept only for the matrices linear() and row() read");
        const bool matrix = row.part == Part::Weight && row.shape.size() == 2;
        const int64_t rows = matrix ? (row.transposed ? row.shape[1] : row.shape[0]) : 0;
        const int64_t cols = matrix ? (row.transposed ? row.shape[0] : row.shape[1]) : 0;
        const int64_t size = row.shape.empty() ? 0 : row.shape[0];
        const std::string label = row.transposed ? name + "ᵀ" : name;
        const WeightMatrix m{data, rows, cols, label, half ? half->data.data() : nullptr};
        const WeightVector v{data, size, name};
        switch (row.slot) {
            case Slot::TokenEmbedding: out_.token_embedding = m; return;
            case Slot::Positions: out_.positions = m; return;
            case Slot::TokenTypes: out_.token_types = m; return;
            case Slot::EmbeddingNorm: set(norm(out_.embedding_norm), row.part, v); return;
            case Slot::QueryKeyValue: return place_fused(row, data, name);
            case Slot::Query: return set(attention(row).q, row.part, m, v);
            case Slot::Key: return set(attention(row).k, row.part, m, v);
            case Slot::Value: return set(attention(row).v, row.part, m, v);
            case Slot::QueryNorm: attention(row).q_norm = v; return;
            case Slot::KeyNorm: attention(row).k_norm = v; return;
            case Slot::AttentionOut: return set(attention(row).out, row.part, m, v);
            case Slot::FeedForwardIn: return set(layer(row).ffn.linear1, row.part, m, v);
            case Slot::FeedForwardOut: return set(layer(row).ffn.linear2, row.part, m, v);
            case Slot::FeedForwardGate: {
                auto& gate = layer(row).ffn.gate;
                if (!gate) gate = LinearWeights{};
                return set(*gate, row.part, m, v);
            }
            case Slot::Norm: {
                auto& norms = layer(row).norms;
                if (norms.size() < static_cast<size_t>(row.sublayer)) norms.resize(static_cast<size_t>(row.sublayer));
                return set(norms[static_cast<size_t>(row.sublayer - 1)], row.part, v);
            }
            case Slot::FinalNorm: return set(norm(stack(row).final_norm), row.part, v);
            case Slot::HeadTransform: return set(head().dense, row.part, m, v);
            case Slot::HeadNorm: return set(head().norm, row.part, v);
            case Slot::Generator:
                if (!out_.generator) out_.generator = LinearWeights{};
                return set(*out_.generator, row.part, m, v);
            case Slot::Unbound: return;
        }
    }

private:
    // W_Q, W_K, W_V stacked (D + 2·H_kv·Dk, D) once read (GPT-2's c_attn is stored (D, 3D): its columns).
    void place_fused(const TensorRow& row, const float* data, const std::string& name) {
        const char* letters[] = {"q", "k", "v"};
        AttentionWeights& a = attention(row);
        LinearWeights* parts[] = {&a.q, &a.k, &a.v};
        const int64_t total = row.transposed ? row.shape.back() : row.shape.front();
        const int64_t q_rows = row.fused_query > 0 ? row.fused_query : total / 3, kv_rows = (total - q_rows) / 2;
        const int64_t starts[] = {0, q_rows, q_rows + kv_rows}, sizes[] = {q_rows, kv_rows, kv_rows};
        const int64_t cols = row.part == Part::Weight ? (row.transposed ? row.shape[0] : row.shape[1]) : 1;
        for (int64_t p = 0; p < 3; ++p) {
            const std::string range = std::to_string(starts[p]) + ":" + std::to_string(starts[p] + sizes[p]);
            const float* first = data ? data + starts[p] * cols : nullptr;
            if (row.part == Part::Bias) {
                parts[p]->bias = {first, sizes[p], name + "[" + range + "]"};
            } else {
                const std::string label = row.transposed ? name + "[:, " + range + "]ᵀ (W_" + letters[p] + ")"
                                                         : name + "[" + range + "] (W_" + letters[p] + ")";
                parts[p]->weight = {first, sizes[p], cols, label};
            }
        }
    }
    static void set(LinearWeights& l, Part part, const WeightMatrix& m, const WeightVector& v) {
        if (part == Part::Weight) l.weight = m;
        else l.bias = v;
    }
    static void set(NormWeights& n, Part part, const WeightVector& v) { (part == Part::Weight ? n.weight : n.bias) = v; }
    static NormWeights& norm(std::optional<NormWeights>& n) {
        if (!n) n = NormWeights{};
        return *n;
    }
    StackWeights& stack(const TensorRow& row) { return row.stack == Stack::Decoder ? out_.decoder : out_.encoder; }
    LayerWeights& layer(const TensorRow& row) {
        auto& layers = stack(row).layers;
        assert(row.layer >= 0 && "a layer's row names its layer");
        if (layers.size() <= static_cast<size_t>(row.layer)) layers.resize(static_cast<size_t>(row.layer) + 1);
        return layers[static_cast<size_t>(row.layer)];
    }
    AttentionWeights& attention(const TensorRow& row) {
        LayerWeights& l = layer(row);
        if (row.sublayer != 2) return l.self_attn;
        if (!l.cross_attn) l.cross_attn = AttentionWeights{};
        return *l.cross_attn;
    }
    HeadTransformWeights& head() {
        if (!out_.head_transform) out_.head_transform = HeadTransformWeights{};
        return *out_.head_transform;
    }

    ModelWeights& out_;
};

}  // namespace

ModelWeights bind_layout(const CheckpointLayout& layout, const StateDict* weights, bool optional_present, const Bf16Dict* compact) {
    ModelWeights out;
    Placer placer(out);
    const auto present = groups_present(layout, weights, compact, optional_present);
    auto find = [&](const std::string& name) { return find_in(weights, name); };
    auto find_bf16 = [&](const std::string& name) { return find_in(compact, name); };
    for (const auto& row : layout) {
        if (!row.group.empty() && !present.count(row.group)) continue;
        std::string name = row.name;
        const Tensor* tensor = find(name);
        const Bf16Tensor* half = tensor ? nullptr : find_bf16(name);
        if (weights && !tensor && !half && !row.tied_to.empty()) {  // lm_head -> wte
            name = row.tied_to;
            tensor = find(name);
            half = tensor ? nullptr : find_bf16(name);
        }
        if (weights && !tensor && !half) {
            assert(!row.required && "weights are adopted before they are bound");
            continue;
        }
        TensorRow bound = row;
        if (name != row.name) bound.transposed = false;  // the tied tensor is read as it is stored
        placer.place(bound, tensor, half, name);
    }
    return out;
}

bool keeps_bf16(const TensorRow& row) {
    return kBf16Slots.count(row.slot) && row.part == Part::Weight && row.shape.size() == 2 && !row.transposed;
}

StateDict initialise_layout(const CheckpointLayout& layout, uint64_t seed, bool with_optional) {
    StateDict weights;
    for (const auto& row : layout) {
        if ((!row.required && !with_optional) || !row.tied_to.empty() || weights.count(row.name)) continue;
        Tensor t(row.shape);
        Rng rng(seed, row.name);
        switch (row.init) {
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
                const double bound = 1.0 / std::sqrt(static_cast<double>(row.fan_in));
                for (float& v : t.data) v = static_cast<float>(rng.uniform(-bound, bound));
                break;
            }
            case Init::Ones: std::fill(t.data.begin(), t.data.end(), 1.0f); break;
            case Init::Zeros: break;
        }
        weights.emplace(row.name, std::move(t));
    }
    return weights;
}

}  // namespace attn
