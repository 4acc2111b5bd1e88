// The position-wise feed-forward network: linear2(activation(linear1(x))), or SwiGLU's
// linear2(silu(gate(x)) ⊙ linear1(x)) (Config::ffn).
#pragma once

#include "base/tensor.h"
#include "model/config.h"
#include "model/weights.h"

#include <memory>

namespace attn {

// In place: relu(x) = max(0, x); exact gelu(x) = x · Φ(x) = 0.5 · x · (1 + erf(x / √2)),
// as torch.nn.functional.gelu with approximate='none'; GeluTanh as GPT-2's gelu_new
// (approximate='tanh').
void apply_activation(Activation activation, MatRef x);
// The activation's formula as stages and explanations print it.
const char* activation_formula(Activation activation);

// SwiGLU's product: out = silu(gate) ⊙ up, silu(g) = g / (1 + e^(−g)) as torch's F.silu.
void swiglu(const ConstMatRef& gate, const ConstMatRef& up, MatRef out);

struct FeedForwardResult {
    std::shared_ptr<const Tensor> hidden;  // (T, F) x·W₁ᵀ + b₁, before the activation
    std::shared_ptr<const Tensor> gate;    // (T, F) SwiGLU's x·W_gᵀ + b_g
    Mat activated;                         // (T, F) act(hidden), or silu(gate) ⊙ hidden
    Mat output;                            // (T, D) activated·W₂ᵀ + b₂
};

// x (T, D) -> the network's result.
FeedForwardResult feed_forward(const FeedForwardWeights& w, FeedForwardKind kind, Activation activation, const ConstMatRef& x);

}  // namespace attn

namespace attn {

// Backward of apply_activation, given its input h: dh = da ⊙ act'(h)
//   relu:  act'(h) = 1 when h > 0, else 0
//   gelu:  act'(h) = Φ(h) + h · φ(h)   (exact GELU: h · Φ(h))
Mat activation_backward(Activation activation, const ConstMatRef& h, const ConstMatRef& da);

// Backward of swiglu, a = silu(g) ⊙ u:  du += da ⊙ silu(g),  dg += da ⊙ u ⊙ silu'(g),
//   silu'(g) = σ(g) · (1 + g · (1 − σ(g)))
void swiglu_backward(const ConstMatRef& gate, const ConstMatRef& up, const ConstMatRef& da, MatRef dgate, MatRef dup);

}  // namespace attn
