// Activation patching (Meng et al. 2022; Wang et al. 2022): run prompt B again with one head's
// output — its block of the context before W_O, at every position — taken from prompt A, and
// read how B's prediction moves. A head whose patch carries A's answer into B is one the
// prediction goes through. The two prompts need as many tokens.
#pragma once

#include "engine/forward.h"
#include "engine/generate.h"
#include "engine/trace.h"
#include "model/model.h"

#include <vector>

namespace attn {

struct PatchedToken {
    int32_t id = 0;
    double target = 0;   // its probability on B as computed (the trace)
    double patched = 0;  // with the head's output from A
    double source = 0;   // on A (the source trace)
};

struct PatchEffect {
    int layer = 0, head = 0;
    int64_t position = 0;              // B's last position: the prediction read
    std::vector<PatchedToken> tokens;  // B's top k, then A's top k not among them
};

// target_inputs: what made target (B's inputs, with its own interventions, which stay). The patch
// replaces head `head` of the predicting stack's layer `layer` self-attention. Throws attn::Error
// when the model has no output head, the head is not in the model, the traces lack the head's
// context, or the prompts differ in length (naming both lengths).
PatchEffect patch_head(const Model& model, const Inputs& target_inputs, const Trace& target, const Trace& source, int layer,
                       int head, int k = 5);

}  // namespace attn
