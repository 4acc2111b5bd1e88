// What the forward pass keeps of what it computes. The forward code computes
// every stage the same way whatever the policy, then hands each result to the
// recorder, which keeps it, registers how to derive it on request, drops it or
// only counts its floats:
//   Nothing      training and generation: no trace, only the output
//   Everything   small traces: every stage in memory
//   DeriveCheap  big traces: what is cheap to recompute (the (H, T, S) score
//                stages, per-head copies, masks, activations) derived on request
//   ForBackward  training: what the backward pass reads, in memory, without the
//                copies made only to be shown (per-head Q, K, V; the mask; ALiBi's bias)
//   Shapes       no numbers at all: the forward pass skips its arithmetic and the
//                recorder counts the floats Everything (or DeriveCheap) would keep
//                (the memory estimate, from the same code as the trace itself)
#pragma once

#include "engine/trace.h"

#include <cassert>
#include <memory>

#include <functional>
#include <string>
#include <vector>

namespace attn {

enum class RecordPolicy { Nothing, Everything, DeriveCheap, ForBackward, Shapes };

class Recorder {
public:
    // trace may be null for Nothing and Shapes. Under Shapes, `counted` says whose floats are
    // counted: Everything's, or DeriveCheap's (costly stages only).
    Recorder(RecordPolicy policy, Trace* trace, RecordPolicy counted = RecordPolicy::Everything);

    // ForBackward only: the trace already holds this forward pass's stages from inputs of the
    // same shapes; each stage recorded replaces the numbers of the next one, and no labels are
    // built (the trainer runs one pass per example of a batch).
    void refill();
    size_t refilled() const { return next_; }

    RecordPolicy policy() const { return policy_; }
    // Whether stages are wanted at all (building names, descriptions and closures is work too).
    bool records() const { return policy_ != RecordPolicy::Nothing; }
    // Whether the forward pass should compute into memory the cheap stages it would otherwise
    // only use in scratch buffers (Everything keeps them).
    bool keeps_cheap() const { return policy_ == RecordPolicy::Everything || policy_ == RecordPolicy::ForBackward; }
    // Whether the forward pass should make the copies only the views read (add_display_copy).
    bool keeps_display_copies() const { return policy_ == RecordPolicy::Everything; }
    // Whether the forward pass must skip its arithmetic (shapes are all that is asked for).
    bool shapes_only() const { return policy_ == RecordPolicy::Shapes; }

    // Every stage comes with its shape; under Shapes that is all that is read (the values
    // are empty then, since the forward pass computed nothing). `info` is a callable that
    // returns the stage's StageInfo: names, descriptions and operands are built only when
    // a trace keeps them, so the untraced and shapes-only passes pay nothing for labels.
    //
    // A stage costly to recompute (projections, contexts, norms, hidden layers): always kept.
    template <class Info>
    void add(Info&& info, const std::vector<int64_t>& shape, const ConstMatRef& value) {
        if (!keeps(shape)) return;
        assert(shape == (std::vector<int64_t>{value.rows(), value.cols()}) && "a stage has the shape it announces");
        auto tensor = std::make_shared<const Tensor>(Tensor::from_matrix(value));
        if (refilling_) trace_->refill(next_++, std::move(tensor));
        else keep(info(), std::move(tensor));
    }
    template <class Info>
    void add(Info&& info, const std::vector<int64_t>& shape, std::shared_ptr<const Tensor> value) {
        if (!keeps(shape)) return;
        assert(value && value->shape == shape && "a stage has the shape it announces");
        if (refilling_) trace_->refill(next_++, std::move(value));
        else keep(info(), std::move(value));
    }
    // A stage cheap to recompute: `computed` is moved in under Everything (the forward pass
    // filled it because keeps_cheap() said so), derive() is registered under DeriveCheap.
    // derive_slice (optional) computes index i of the first axis alone (StageData::slice).
    template <class Info, class Derive>
    void add_cheap(Info&& info, const std::vector<int64_t>& shape, Derive&& derive, Tensor&& computed,
                   std::function<Tensor(int64_t)> derive_slice = {}) {
        if (!keeps_cheap_stage(shape)) return;
        assert((policy_ == RecordPolicy::DeriveCheap || computed.shape == shape) && "Everything keeps what was computed");
        if (policy_ == RecordPolicy::DeriveCheap) keep_derived(info(), shape, std::forward<Derive>(derive), std::move(derive_slice));
        else if (refilling_) trace_->refill(next_++, std::make_shared<const Tensor>(std::move(computed)));
        else keep(info(), std::make_shared<const Tensor>(std::move(computed)));
    }
    // A cheap stage only the views read (a per-head copy, a constant): as add_cheap, and
    // dropped under ForBackward.
    template <class Info, class Derive>
    void add_display_copy(Info&& info, const std::vector<int64_t>& shape, Derive&& derive, Tensor&& computed) {
        if (policy_ != RecordPolicy::ForBackward) add_cheap(std::forward<Info>(info), shape, std::forward<Derive>(derive), std::move(computed));
    }
    // A stage sharing another's numbers.
    template <class Info>
    void alias(Info&& info, const std::string& existing) {
        if (!trace_ || policy_ == RecordPolicy::Nothing || policy_ == RecordPolicy::Shapes) return;
        if (refilling_) trace_->refill_alias(next_++);
        else keep_alias(info(), existing);
    }
    // Whether cheap stages are derived on request (big traces): their derive functions may then
    // read earlier stages through stage_data().
    // (Counting DeriveCheap's floats takes the same branches.)
    bool derives_cheap() const {
        return policy_ == RecordPolicy::DeriveCheap || (policy_ == RecordPolicy::Shapes && counted_ == RecordPolicy::DeriveCheap);
    }
    // The numbers of a stage already recorded (kept or derived), for a derive function (null when
    // only counting: the function is never called then).
    std::shared_ptr<const StageData> stage_data(const std::string& name) const;
    // A sentence for the user (a fully masked row, an overflow); kept even when nothing else is.
    void warn(std::string message);

    // Floats the trace keeps: counted under Shapes, read from the trace otherwise.
    int64_t floats() const;
    const std::vector<std::string>& warnings() const;
    // Shapes counting DeriveCheap: the largest stage that would be derived on request.
    int64_t largest_derived_floats() const;

private:
    // False when nothing is kept (Nothing; Shapes, which counts the floats here).
    bool keeps(const std::vector<int64_t>& shape);
    bool keeps_cheap_stage(const std::vector<int64_t>& shape);
    void keep(StageInfo info, std::shared_ptr<const Tensor> value);
    void keep_derived(StageInfo info, std::vector<int64_t> shape, std::function<Tensor()> derive,
                      std::function<Tensor(int64_t)> derive_slice = {});
    void keep_alias(StageInfo info, const std::string& existing);

    RecordPolicy policy_;
    RecordPolicy counted_;
    Trace* trace_;
    bool refilling_ = false;
    size_t next_ = 0;  // refilling: the next stage to receive numbers
    int64_t shape_floats_ = 0;
    int64_t largest_cheap_ = 0;  // DeriveCheap counting: the largest stage derived on request
    std::vector<std::string> warnings_;  // when there is no trace to hold them
};

}  // namespace attn
