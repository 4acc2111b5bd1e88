// The backward pass: reverse-mode differentiation over a trace's stages. Each
// stage kind knows how its gradient reaches its operands (the stage functions'
// *_backward, beside their forwards) and the parameters that made it; stages
// are visited from last to first, so a stage's gradient is complete (every
// consumer has added its share) when it is reached.
#pragma once

#include "engine/trace.h"
#include "model/model.h"

#include <map>
#include <string>

namespace attn {

struct Gradients {
    StateDict params;                        // dL/dθ for every tensor of the model's weights (0 where unused)
    std::map<std::string, Tensor> stages;    // dL/d(stage) by stage name; stages the loss does not reach are absent
};

// Seeds dL/d(from) = seed (the stage's shape) and applies the chain rule back to the inputs.
// `trace` must come from run_forward(model, …) (any record policy but Nothing).
Gradients backward(const Model& model, const Trace& trace, const std::string& from, const Tensor& seed);

// The same with the weights already bound (model.bind()), adding dL/dθ into the buffers
// param_grads views (bind_weights of zero_gradients(model), or of an earlier sum: the trainer
// sums a batch in place); the stages' gradients are not kept.
void backward_into(const Model& model, const ModelWeights& bound, const Trace& trace, const std::string& from,
                   const Tensor& seed, const ModelWeights& param_grads);
// A zero tensor for every weight of the model.
StateDict zero_gradients(const Model& model);

// Adds "grad.<name>" stages (kind Gradient, same place and axes) for every stage that has a
// gradient, in backward order: from the logits back to the embeddings.
void add_gradient_stages(Trace& trace, const Gradients& gradients);

// The cross-entropy of the trace's logits against `labels`, then every gradient stage:
// sets trace.loss and trace.labels. Throws attn::Error for labels that do not fit.
void add_loss_and_gradients(Trace& trace, const Model& model, const std::vector<int64_t>& labels);

}  // namespace attn
