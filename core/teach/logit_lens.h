// The logit lens (nostalgebraist 2020): the model's guess for the next token read from the
// residual stream after each layer, as if the layers after it were not there — the stream put
// through the stack's final norm (and BERT's head transform) and the output head, then the
// softmax. Its last row is the model's own prediction (output.probs).
#pragma once

#include "engine/generate.h"
#include "engine/trace.h"
#include "model/model.h"

#include <string>
#include <vector>

namespace attn {

struct LensRow {
    std::string layer;  // "embeddings", then "0", "1", … (the layer whose output is read)
    std::string stage;  // the residual stage read: "src.input", "decoder.layers.0.output", …
    std::vector<std::vector<Candidate>> top;  // per position asked for: the k most probable tokens
};

struct LogitLens {
    std::vector<int64_t> positions;  // the positions read, in order
    std::vector<LensRow> rows;       // the embeddings, then one row per layer of the predicting stack
};

// positions empty: every position. Throws attn::Error when the model has no output head or a
// position is outside the trace.
LogitLens logit_lens(const Model& model, const Trace& trace, int k, std::vector<int64_t> positions = {});

}  // namespace attn
