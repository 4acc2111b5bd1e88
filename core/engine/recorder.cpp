#include "engine/recorder.h"

#include <cassert>

namespace attn {
namespace {

int64_t count(const std::vector<int64_t>& shape) {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

}  // namespace

Recorder::Recorder(RecordPolicy policy, Trace* trace) : policy_(policy), trace_(trace) {
    assert((trace || policy == RecordPolicy::Nothing || policy == RecordPolicy::Shapes) && "a trace to record into");
}

void Recorder::add(StageInfo info, const std::vector<int64_t>& shape, const ConstMatRef& value) {
    if (policy_ == RecordPolicy::Nothing) return;
    if (policy_ == RecordPolicy::Shapes) {
        shape_floats_ += count(shape);
        return;
    }
    assert(shape == (std::vector<int64_t>{value.rows(), value.cols()}) && "a stage has the shape it announces");
    trace_->add(std::move(info), std::make_shared<const Tensor>(Tensor::from_matrix(value)));
}

void Recorder::add(StageInfo info, const std::vector<int64_t>& shape, std::shared_ptr<const Tensor> value) {
    if (policy_ == RecordPolicy::Nothing) return;
    if (policy_ == RecordPolicy::Shapes) {
        shape_floats_ += count(shape);
        return;
    }
    assert(value && value->shape == shape && "a stage has the shape it announces");
    trace_->add(std::move(info), std::move(value));
}

void Recorder::add_cheap(StageInfo info, std::vector<int64_t> shape, std::function<Tensor()> derive, Tensor&& computed) {
    switch (policy_) {
        case RecordPolicy::Nothing: return;
        case RecordPolicy::Shapes: shape_floats_ += count(shape); return;
        case RecordPolicy::Everything:
            assert(computed.shape == shape && "Everything keeps what the forward pass computed");
            trace_->add(std::move(info), std::make_shared<const Tensor>(std::move(computed)));
            return;
        case RecordPolicy::DeriveCheap: trace_->add_derived(std::move(info), std::move(shape), std::move(derive)); return;
    }
}

void Recorder::alias(StageInfo info, const std::string& existing) {
    if (trace_ && policy_ != RecordPolicy::Shapes) trace_->alias(std::move(info), existing);
}

void Recorder::warn(std::string message) {
    if (trace_ && policy_ != RecordPolicy::Shapes) trace_->warnings.push_back(std::move(message));
    else warnings_.push_back(std::move(message));
}

int64_t Recorder::floats() const { return policy_ == RecordPolicy::Shapes || !trace_ ? shape_floats_ : trace_->kept_floats(); }

const std::vector<std::string>& Recorder::warnings() const {
    return trace_ && policy_ != RecordPolicy::Shapes ? trace_->warnings : warnings_;
}

}  // namespace attn
