// The trace of one forward pass: every intermediate matrix, in the order it
// was computed, each with a name, a shape, the meaning of its axes, a one-line
// description and its formula. Views, exports and lessons read only this.
//
// Names follow one scheme: "<stack>.layers.<i>.<block>.<what>", e.g.
//   src.positional                               (T, D)
//   encoder.layers.0.self_attn.weights           (H, T, T)
//   decoder.layers.1.multihead_attn.weights      (H, T_tgt, T_src)
//   encoder.output, decoder.output               (T, D)
#pragma once

#include "types.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace attn {

// What each axis of a stage counts, so a viewer can label it.
enum class Axis {
    Head,        // one of H heads
    SrcToken,    // source (or only) sequence position
    TgtToken,    // target sequence position
    Feature,     // model feature 0..D-1
    HeadFeature, // feature within one head 0..Dk-1
    Hidden,      // feed-forward unit 0..F-1
};

struct Stage {
    std::string name;
    std::string description;  // one line, for a student
    std::string formula;      // how it is computed from earlier stages
    std::vector<Axis> axes;   // one per dimension of the tensor
    std::shared_ptr<const Tensor> tensor;
    std::vector<std::string> operands;  // the stages it is computed from, for explanations

    const std::vector<int64_t>& shape() const { return tensor->shape; }
};

class Trace {
public:
    const std::vector<Stage>& stages() const { return stages_; }
    // nullptr when absent.
    const Stage* find(std::string_view name) const;
    // Throws attn::Error naming the stage when absent.
    const Tensor& tensor(std::string_view name) const;

    // Appends a stage. Names must be unique (asserted).
    void add(std::string name, std::string description, std::string formula, std::vector<Axis> axes, Tensor value,
             std::vector<std::string> operands = {});
    void add(std::string name, std::string description, std::string formula, std::vector<Axis> axes,
             const ConstMatRef& value, std::vector<std::string> operands = {});
    // Appends a stage that shares another stage's data (no copy), e.g. a layer's
    // output that is its last norm.
    void alias(std::string name, std::string description, std::string_view existing);

    std::vector<std::string> src_tokens;  // labels of Axis::SrcToken
    std::vector<std::string> tgt_tokens;  // labels of Axis::TgtToken
    std::vector<std::string> warnings;    // e.g. fully masked rows, ignored tensors

private:
    std::vector<Stage> stages_;
};

}  // namespace attn
