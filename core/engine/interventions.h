// Changing what one attention head passes on, to ask what it does for the prediction
// (TransformerLens's hooks): knock a head out — its output zeroed, or replaced by its mean over
// the sequence — or patch in the output the head had on another prompt. The head's output is its
// block of the context (T, H·Dk) before W_O, so everything after it (W_O, the residual, later
// layers, the logits) sees the change and nothing before it does.
#pragma once

#include "base/tensor.h"
#include "engine/stage_kind.h"
#include "model/config.h"

#include <memory>
#include <string>
#include <vector>

namespace attn {

enum class HeadChange {
    Zero,   // context_h = 0 ("zero ablation")
    Mean,   // every row of context_h = its mean over the sequence ("mean ablation")
    Patch,  // context_h = values (from another run: activation patching)
};

struct HeadIntervention {
    StackKind stack = StackKind::Decoder;
    int layer = 0;
    int head = 0;
    BlockKind block = BlockKind::SelfAttention;
    HeadChange change = HeadChange::Zero;
    std::shared_ptr<const Mat> values;  // Patch: (T, Dk)
};

// The stack whose self-attention heads "L.H" names: the one that predicts (the decoder when the
// model has one, else the encoder).
StackKind predicting_stack(const Config& config);

// "3.5,0.1" → zero or mean ablations of those self-attention heads of the predicting stack.
// Throws attn::Error naming the first entry that is malformed or not in the model.
std::vector<HeadIntervention> parse_head_list(const Config& config, const std::string& list, HeadChange change);

// Throws attn::Error when an intervention names a layer or head the model does not have, or a
// patch's values are not (T, Dk) for a sequence of T tokens.
void check_interventions(const Config& config, const std::vector<HeadIntervention>& changes, int64_t T);

// Applies the changes of one attention block to its context (T, H·Dk), head by head.
void apply_head_changes(const std::vector<HeadIntervention>& changes, MatRef context, int64_t Dk);

}  // namespace attn
