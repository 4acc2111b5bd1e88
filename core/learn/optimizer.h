// The optimizers of torch.optim, with exactly its update rules (single-tensor,
// non-foreach code paths of PyTorch 1.13), so the same gradients move the same
// weights to the same numbers.
//   SGD:   g += wd·p;  b = g (first step) or μ·b + g;  p −= lr·b
//   AdamW: p ·= 1 − lr·wd;  m = β₁m + (1−β₁)g;  v = β₂v + (1−β₂)g²;
//          p −= lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε)
#pragma once

#include "model/state_dict.h"

#include <map>
#include <string>

namespace attn {

enum class OptimizerKind { AdamW, Sgd };

struct OptimizerOptions {
    OptimizerKind kind = OptimizerKind::AdamW;
    double lr = 1e-3;
    double weight_decay = 0.01;  // AdamW's default; SGD's is 0
    double momentum = 0.9;       // SGD only
    double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // AdamW only
};

const char* to_string(OptimizerKind kind);  // "adamw", "sgd"

class Optimizer {
public:
    explicit Optimizer(OptimizerOptions options) : options_(options) {}
    // One update of every tensor of `weights` that has a gradient of the same shape.
    void step(StateDict& weights, const StateDict& gradients);
    int64_t steps() const { return step_; }
    void set_lr(double lr) { options_.lr = lr; }  // a schedule's rate for the next step
    const OptimizerOptions& options() const { return options_; }

private:
    OptimizerOptions options_;
    int64_t step_ = 0;
    std::map<std::string, Tensor> first_, second_;  // momentum buffers / Adam's m and v
};

}  // namespace attn
