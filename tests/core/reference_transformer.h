// An independent, deliberately naive Transformer forward pass for tests:
// plain loops over std::vector<double>, written from the PyTorch docs and the
// papers' formulas, sharing no code with core/ except the Config and weight
// containers it reads.
#pragma once

#include "model/config.h"
#include "model/checkpoint_torch.h"

#include <map>
#include <string>
#include <vector>

namespace ref {

using Matrix = std::vector<std::vector<double>>;  // [row][col]

struct SequenceIn {
    Matrix embeddings;           // (T, D) before positions
    std::vector<bool> padding;   // (T) or empty
};

struct Result {
    std::map<std::string, Matrix> matrices;               // "src.positional", "encoder.output", "...norm1", ...
    std::map<std::string, std::vector<Matrix>> weights;   // "<block>.weights" -> per head (T, S)
};

Result forward(const attn::Config& config, const attn::StateDict& weights, const SequenceIn& src, const SequenceIn& tgt);

}  // namespace ref
