#include "engine/trace.h"

#include <algorithm>
#include <cassert>
#include <set>

namespace attn {

const Stage* Trace::find(std::string_view name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &stages_[it->second];
}

void Trace::append(Stage stage) {
    index_.emplace(stage.name, stages_.size());
    stages_.push_back(std::move(stage));
}

StageData::StageData(std::shared_ptr<const Tensor> kept) : shape_(kept->shape), kept_(std::move(kept)) {}

StageData::StageData(std::vector<int64_t> shape, std::function<Tensor()> derive, std::shared_ptr<RecentTensors> recent,
                     std::function<Tensor(int64_t)> derive_slice)
    : shape_(std::move(shape)), derive_(std::move(derive)), derive_slice_(std::move(derive_slice)), recent_(std::move(recent)) {}

Tensor StageData::slice(int64_t i) const {
    assert(shape_.size() >= 2 && i >= 0 && i < shape_[0] && "a slice of a stage of rank 2 or more");
    const std::vector<int64_t> rest(shape_.begin() + 1, shape_.end());
    std::shared_ptr<const Tensor> whole = kept_;
    if (!whole) {
        std::lock_guard lock(mutex_);
        whole = cached_.lock();
    }
    if (!whole && derive_slice_) {
        Tensor part = derive_slice_(i);
        assert(part.shape == rest && "a derived slice has the stage's other axes");
        return part;
    }
    if (!whole) whole = get();
    Tensor part = Tensor::uninitialized(rest);
    const int64_t size = part.numel();
    std::copy_n(whole->data.data() + i * size, size, part.data.data());
    return part;
}

std::shared_ptr<const Tensor> StageData::get() const {
    if (kept_) return kept_;
    std::lock_guard lock(mutex_);
    if (auto cached = cached_.lock()) return cached;
    auto tensor = std::make_shared<const Tensor>(derive_());
    assert(tensor->shape == shape_ && "a derived stage has the shape it announced");
    cached_ = tensor;
    recent_->keep(tensor);
    return tensor;
}

void RecentTensors::keep(std::shared_ptr<const Tensor> tensor) {
    std::lock_guard lock(mutex_);
    if (tensor->numel() > kBudgetFloats) return;
    floats_ += tensor->numel();
    tensors_.push_back(std::move(tensor));
    while (tensors_.size() > kCount || floats_ > kBudgetFloats) {
        floats_ -= tensors_.front()->numel();
        tensors_.pop_front();
    }
}

int64_t Stage::numel() const {
    int64_t n = 1;
    for (int64_t d : shape()) n *= d;
    return n;
}

std::shared_ptr<const Tensor> Trace::tensor(std::string_view name) const {
    const Stage* stage = find(name);
    if (!stage) throw Error("the trace has no stage named '" + std::string(name) + "'");
    return stage->tensor();
}

int64_t Trace::kept_floats() const {
    std::set<const StageData*> seen;
    int64_t total = 0;
    for (const Stage& s : stages_)
        if (!s.data->derived() && seen.insert(s.data.get()).second) total += s.numel();
    return total;
}

const Stage* Trace::find(StageKind kind, const StageCoords& at) const {
    for (const auto& stage : stages_)
        if (stage.kind == kind && stage.at.same_block(at)) return &stage;
    return nullptr;
}

Trace Trace::prefix(size_t count) const {
    assert(count <= stages_.size());
    Trace out;
    for (size_t i = 0; i < count; ++i) out.append(stages_[i]);
    out.src_tokens = src_tokens, out.src_token_ids = src_token_ids, out.tgt_tokens = tgt_tokens, out.vocab = vocab;
    out.warnings = warnings;
    out.recent_ = recent_;  // the derived stages shared with this trace cache their numbers there
    return out;
}

void Trace::drop_repeated_warnings() {
    std::vector<std::string> once;
    for (std::string& w : warnings)
        if (std::find(once.begin(), once.end(), w) == once.end()) once.push_back(std::move(w));
    warnings = std::move(once);
}

void Trace::add(StageInfo info, std::shared_ptr<const Tensor> value, std::optional<StageKind> gradient_of) {
    assert(!find(info.name) && "stage names are unique");
    assert(info.axes.size() == value->shape.size() && "one axis kind per dimension");
    Stage stage;
    static_cast<StageInfo&>(stage) = std::move(info);
    stage.data = std::make_shared<const StageData>(std::move(value));
    stage.gradient_of = gradient_of;
    append(std::move(stage));
}

void Trace::add_derived(StageInfo info, std::vector<int64_t> shape, std::function<Tensor()> derive,
                        std::function<Tensor(int64_t)> derive_slice) {
    assert(!find(info.name) && "stage names are unique");
    assert(info.axes.size() == shape.size() && "one axis kind per dimension");
    Stage stage;
    static_cast<StageInfo&>(stage) = std::move(info);
    stage.data = std::make_shared<const StageData>(std::move(shape), std::move(derive), recent_, std::move(derive_slice));
    append(std::move(stage));
}

void Trace::refill(size_t i, std::shared_ptr<const Tensor> value) {
    Stage& stage = stages_.at(i);
    assert(stage.alias_of.empty() && value->shape == stage.shape() && "the same forward pass, the same shapes");
    stage.data = std::make_shared<const StageData>(std::move(value));
}

void Trace::refill_alias(size_t i) {
    Stage& stage = stages_.at(i);
    assert(!stage.alias_of.empty() && "an alias");
    stage.data = find(stage.alias_of)->data;
}

void Trace::alias(StageInfo info, std::string_view existing) {
    const Stage* source = find(existing);
    assert(source && "alias of an existing stage");
    Stage stage;
    static_cast<StageInfo&>(stage) = std::move(info);
    stage.formula = "= " + std::string(existing);
    stage.axes = source->axes;
    stage.operands = {std::string(existing)};
    stage.data = source->data;
    stage.alias_of = existing;
    append(std::move(stage));
}

}  // namespace attn
