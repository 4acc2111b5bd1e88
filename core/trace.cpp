#include "trace.h"

#include <cassert>

namespace attn {

const Stage* Trace::find(std::string_view name) const {
    for (const auto& stage : stages_)
        if (stage.name == name) return &stage;
    return nullptr;
}

const Tensor& Trace::tensor(std::string_view name) const {
    const Stage* stage = find(name);
    if (!stage) throw Error("the trace has no stage named '" + std::string(name) + "'");
    return *stage->tensor;
}

void Trace::add(std::string name, std::string description, std::string formula, std::vector<Axis> axes, Tensor value,
                std::vector<std::string> operands) {
    assert(!find(name) && "stage names are unique");
    assert(axes.size() == value.shape.size() && "one axis kind per dimension");
    stages_.push_back({std::move(name), std::move(description), std::move(formula), std::move(axes),
                       std::make_shared<const Tensor>(std::move(value)), std::move(operands)});
}

void Trace::add(std::string name, std::string description, std::string formula, std::vector<Axis> axes,
                const ConstMatRef& value, std::vector<std::string> operands) {
    add(std::move(name), std::move(description), std::move(formula), std::move(axes), Tensor::from_matrix(value),
        std::move(operands));
}

void Trace::alias(std::string name, std::string description, std::string_view existing) {
    const Stage* source = find(existing);
    assert(source && "alias of an existing stage");
    Stage copy = *source;
    copy.name = std::move(name);
    copy.description = std::move(description);
    copy.formula = "= " + std::string(existing);
    copy.operands = {std::string(existing)};
    stages_.push_back(std::move(copy));
}

}  // namespace attn
