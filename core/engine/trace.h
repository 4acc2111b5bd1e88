// The trace of one forward pass: every intermediate matrix, in the order it
// was computed, each with a name, a shape, the meaning of its axes, a one-line
// description and its formula. Views, exports and lessons read only this.
//
// Names follow one scheme: "<stack>.layers.<i>.<block>.<what>", e.g.
//   src.positional                               (T, D)
//   encoder.layers.0.self_attn.weights           (H, T, T)
//   decoder.layers.1.multihead_attn.weights      (H, T_tgt, T_src)
//   encoder.output, decoder.output               (T, D)
#pragma once

#include "base/tensor.h"
#include "engine/stage_kind.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace attn {

// What each axis of a stage counts, so a viewer can label it.
enum class Axis {
    Head,        // one of H heads
    SrcToken,    // source (or only) sequence position
    TgtToken,    // target sequence position
    Feature,     // model feature 0..D-1
    HeadFeature, // feature within one head 0..Dk-1
    Hidden,      // feed-forward unit 0..F-1
    Vocab,       // a token of the output vocabulary 0..V-1
};

// A stage's numbers: kept in memory, or derived from kept stages when first
// asked for. Big traces keep only what is costly to recompute (projections,
// contexts, the feed-forward's hidden layer, norms) and derive the (H, T, S)
// score-like stages, the per-head slices and the activation on request; the
// same code computes them either way, so the numbers are identical.
class StageData {
public:
    explicit StageData(std::shared_ptr<const Tensor> kept);
    // derive() is called at most once per use; recent results stay cached in `recent`.
    // derive_slice(i), when given, computes index i of the first axis alone: a row of a rank-2
    // stage (a 1024 × 50 257 logits stage is 206 MB; the prediction panel reads one row of it),
    // a head of an (H, T, S) stage (the heatmap shows one 4 MB head of a 50 MB stage).
    StageData(std::vector<int64_t> shape, std::function<Tensor()> derive, std::shared_ptr<class RecentTensors> recent,
              std::function<Tensor(int64_t)> derive_slice = {});

    std::shared_ptr<const Tensor> get() const;
    // Index i of the first axis (a row of a rank-2 stage, a head of a rank-3 one), shaped as the
    // rest of the axes: read from the numbers when they are in memory, else derived alone when
    // the stage can, else from the whole stage.
    Tensor slice(int64_t i) const;
    const std::vector<int64_t>& shape() const { return shape_; }
    bool derived() const { return static_cast<bool>(derive_); }

private:
    std::vector<int64_t> shape_;
    std::shared_ptr<const Tensor> kept_;
    std::function<Tensor()> derive_;
    std::function<Tensor(int64_t)> derive_slice_;
    std::shared_ptr<RecentTensors> recent_;
    mutable std::mutex mutex_;
    mutable std::weak_ptr<const Tensor> cached_;  // alive while anyone (or `recent`) holds it
};

// The last few derived tensors, held so that an explanation does not derive the
// same operand twice; older ones are freed. At most kCount of them and
// kBudgetFloats in all; a bigger tensor is not held here at all: an explanation
// of one cell of a 1024-token head derives three stages of 50 MB that it no
// longer needs once it is written (and what a view shows, the view holds).
class RecentTensors {
public:
    static constexpr size_t kCount = 4;
    static constexpr int64_t kBudgetFloats = 16'000'000;  // 64 MB
    // The most this holds when the largest derived stage has `largest` floats.
    static int64_t held_floats(int64_t largest) {
        return largest > kBudgetFloats ? 0 : std::min(static_cast<int64_t>(kCount) * largest, kBudgetFloats);
    }
    void keep(std::shared_ptr<const Tensor> tensor);

private:
    std::mutex mutex_;
    std::deque<std::shared_ptr<const Tensor>> tensors_;
    int64_t floats_ = 0;
};

// Everything about a stage but its numbers.
struct StageInfo {
    std::string name;         // "encoder.layers.0.self_attn.weights": the public label (files, sessions, --stage)
    StageKind kind = StageKind::StackInput;
    StageCoords at;           // where it sits: stack, layer, block
    std::string description;  // one line, for a student
    std::string formula;      // how it is computed from earlier stages
    std::vector<Axis> axes;   // one per dimension of the tensor
    std::vector<std::string> operands;  // the stages it is computed from, for explanations
};

struct Stage : StageInfo {
    std::shared_ptr<const StageData> data;
    std::string alias_of;  // non-empty: this stage shares that stage's data (a layer's output is its last norm)
    std::optional<StageKind> gradient_of;  // kind Gradient: the kind of the stage (operands[0]) it is the gradient of

    // The numbers (derived now if this stage is derived and not cached).
    std::shared_ptr<const Tensor> tensor() const { return data->get(); }
    // One row of a rank-2 stage, one head of a rank-3 one (StageData::slice: without deriving the
    // rest when it can).
    Tensor slice(int64_t i) const { return data->slice(i); }
    // Shape questions never derive anything.
    const std::vector<int64_t>& shape() const { return data->shape(); }
    int64_t rank() const { return static_cast<int64_t>(shape().size()); }
    int64_t dim(int i) const { return shape().at(static_cast<size_t>(i)); }
    int64_t numel() const;
    bool has_heads() const { return !axes.empty() && axes.front() == Axis::Head; }
};

// A big trace (RecordPolicy::DeriveCheap) derives some stages from the model's weights (the
// feed-forward hidden layer): the model must live as long as the trace (weights_owner).
class Trace {
public:
    const std::vector<Stage>& stages() const { return stages_; }
    // nullptr when absent.
    const Stage* find(std::string_view name) const;
    // Throws attn::Error naming the stage when absent.
    std::shared_ptr<const Tensor> tensor(std::string_view name) const;

    // The stage of `kind` in the same block as `at` (stack, layer and block alike); nullptr when absent.
    const Stage* find(StageKind kind, const StageCoords& at) const;

    // Appends a stage. Names must be unique (asserted).
    void add(StageInfo info, std::shared_ptr<const Tensor> value, std::optional<StageKind> gradient_of = std::nullopt);
    // Appends a stage computed by derive() when asked for (see StageData).
    void add_derived(StageInfo info, std::vector<int64_t> shape, std::function<Tensor()> derive,
                     std::function<Tensor(int64_t)> derive_slice = {});
    // Appends a stage that shares another stage's data (no copy), e.g. a layer's
    // output that is its last norm. info's formula, axes and operands are taken from `existing`.
    void alias(StageInfo info, std::string_view existing);

    // For a forward pass run again on new inputs of the same shapes: stage i's numbers replaced
    // (same shape, asserted), or an alias pointed again at its source's.
    void refill(size_t i, std::shared_ptr<const Tensor> value);
    void refill_alias(size_t i);

    // A trace holding this one's first `count` stages (their numbers shared, not copied) and its
    // labels, for a forward pass resumed after them (run_forward_from).
    Trace prefix(size_t count) const;

    // Each warning once, in the order first given.
    void drop_repeated_warnings();

    // Floats held in memory: kept stages, each shared tensor once (derived ones not counted).
    int64_t kept_floats() const;

    std::vector<std::string> src_tokens;  // labels of Axis::SrcToken
    std::vector<int32_t> src_token_ids;   // an imported model's token ids (empty otherwise)
    std::vector<std::string> tgt_tokens;  // labels of Axis::TgtToken
    std::vector<std::string> vocab;       // labels of Axis::Vocab (empty: numbered)
    std::vector<std::string> warnings;    // e.g. fully masked rows, ignored tensors
    // With heads knocked out (Inputs::interventions): the logits rows the predictions read (the last,
    // and BERT's [MASK] rows) as the model computes them untouched, by row.
    std::map<int64_t, std::vector<float>> unablated_logits;
    // When the input is labelled (a training task's answers): the loss and the labels, and the
    // gradient stages "grad.<name>" follow the forward ones in backward order.
    double loss = 0;
    std::vector<int64_t> labels;
    // What derived stages read (the model's weights), held as long as the trace: session/run.h
    // sets it to the run's model, so a view holding a big trace can never outlive its weights.
    std::shared_ptr<const void> weights_owner;

private:
    void append(Stage stage);

    // Lookup by name without building a std::string from a string_view.
    struct NameHash {
        using is_transparent = void;
        size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
    };
    std::vector<Stage> stages_;
    std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> index_;  // name -> position in stages_
    std::shared_ptr<RecentTensors> recent_ = std::make_shared<RecentTensors>();
};

}  // namespace attn
