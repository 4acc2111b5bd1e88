// Direct logit attribution (Elhage et al. 2021; TransformerLens's decompose_resid): in a pre-norm
// model the last residual stream is a sum — the embeddings plus every sub-layer's output — and
// each attention output is a sum over heads, context_h · W_O[:, h]ᵀ, plus b_O. With the final
// norm's scale frozen at its value on the real stream (its 1/σ, or 1/rms), the norm is linear, so
// the chosen token's logit splits into one term per part. The terms add up to the logit.
#pragma once

#include "engine/trace.h"
#include "model/model.h"

#include <vector>

namespace attn {

struct LogitAttribution {
    int64_t position = 0;
    int32_t token = 0;
    Mat heads;                         // (layers, H): each self-attention head's term
    Mat cross_heads;                   // (layers, H): each cross-attention head's (encoder-decoder; else empty)
    std::vector<float> attention_bias; // per layer: b_O's term (self- and cross-attention together)
    std::vector<float> feed_forward;   // per layer: the feed-forward output's term
    float embeddings = 0;              // the stack's input
    float constant = 0;                // the final norm's β and the head's bias: β·W_U[t] + b_U[t]
    float logit = 0;                   // output.logits[position, token]: what the terms add up to
};

// Throws attn::Error for a post-norm model (every layer norm there rescales all that came
// before: no term is direct), a model without an output head, or a position or token outside.
LogitAttribution attribute_logit(const Model& model, const Trace& trace, int64_t position, int32_t token);

}  // namespace attn
