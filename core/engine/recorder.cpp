#include "engine/recorder.h"


namespace attn {
namespace {

int64_t count(const std::vector<int64_t>& shape) {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

}  // namespace

Recorder::Recorder(RecordPolicy policy, Trace* trace, RecordPolicy counted) : policy_(policy), counted_(counted), trace_(trace) {
    assert((trace || policy == RecordPolicy::Nothing || policy == RecordPolicy::Shapes) && "a trace to record into");
}

void Recorder::refill() {
    assert(policy_ == RecordPolicy::ForBackward && trace_ && !trace_->stages().empty() && "a training trace to refill");
    refilling_ = true;
    next_ = 0;
}

bool Recorder::keeps(const std::vector<int64_t>& shape) {
    if (policy_ == RecordPolicy::Shapes) shape_floats_ += count(shape);
    return policy_ != RecordPolicy::Nothing && policy_ != RecordPolicy::Shapes;
}

bool Recorder::keeps_cheap_stage(const std::vector<int64_t>& shape) {
    if (policy_ == RecordPolicy::Shapes && counted_ == RecordPolicy::DeriveCheap) {
        largest_cheap_ = std::max(largest_cheap_, count(shape));  // derived, not kept
        return false;
    }
    return keeps(shape);
}

void Recorder::keep(StageInfo info, std::shared_ptr<const Tensor> value) { trace_->add(std::move(info), std::move(value)); }

void Recorder::keep_derived(StageInfo info, std::vector<int64_t> shape, std::function<Tensor()> derive,
                            std::function<Tensor(int64_t)> derive_slice) {
    trace_->add_derived(std::move(info), std::move(shape), std::move(derive), std::move(derive_slice));
}

void Recorder::keep_alias(StageInfo info, const std::string& existing) { trace_->alias(std::move(info), existing); }

std::shared_ptr<const StageData> Recorder::stage_data(const std::string& name) const {
    if (policy_ == RecordPolicy::Shapes) return nullptr;
    const Stage* stage = trace_ ? trace_->find(name) : nullptr;
    assert(stage && "a derive function reads a stage recorded before it");
    return stage->data;
}

void Recorder::warn(std::string message) {
    if (trace_ && policy_ != RecordPolicy::Shapes) trace_->warnings.push_back(std::move(message));
    else warnings_.push_back(std::move(message));
}

int64_t Recorder::floats() const { return policy_ == RecordPolicy::Shapes || !trace_ ? shape_floats_ : trace_->kept_floats(); }

int64_t Recorder::largest_derived_floats() const { return largest_cheap_; }

const std::vector<std::string>& Recorder::warnings() const {
    return trace_ && policy_ != RecordPolicy::Shapes ? trace_->warnings : warnings_;
}

}  // namespace attn
