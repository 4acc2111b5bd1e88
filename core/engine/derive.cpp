#include "engine/derive.h"

#include "engine/linear.h"

namespace attn {

std::function<Tensor()> projection_of(std::shared_ptr<const StageData> input, LinearWeights l) {
    return [input = std::move(input), l] {
        const auto in = input->get();
        Tensor t = Tensor::uninitialized({in->dim(0), l.weight.rows});
        MatMap out = t.matrix();
        linear(in->matrix(), l.weight, l.bias, out);
        return t;
    };
}

std::function<Tensor(int64_t)> projection_row_of(std::shared_ptr<const StageData> input, LinearWeights l) {
    return [input = std::move(input), l](int64_t i) {
        const auto in = input->get();
        Tensor t = Tensor::uninitialized({l.weight.rows});
        MatMap out(t.data.data(), 1, l.weight.rows);
        linear(in->matrix().row(i), l.weight, l.bias, out);
        return t;
    };
}

}  // namespace attn
