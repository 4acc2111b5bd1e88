// One Transformer layer, as torch.nn.TransformerEncoderLayer and
// TransformerDecoderLayer (dropout absent), recording every step:
//   post-norm (default): x = norm1(x + SA(x));        [x = norm2(x + CA(x, memory));]  x = norm_last(x + FF(x))
//   pre-norm (norm_first): x = x + SA(norm1(x));      [x = x + CA(norm2(x), memory);]  x = x + FF(norm_last(x))
// where FF(x) = linear2(activation(linear1(x))).
#pragma once

#include "config.h"
#include "multi_head_attention.h"
#include "state_dict.h"
#include "trace.h"

#include <optional>

namespace attn {

struct LayerSpec {
    std::string prefix;                           // "encoder.layers.0"
    std::string input;                            // trace stage of the layer's input
    std::string memory;                           // trace stage of the memory (cross-attention only)
    AttentionBlock self_attention;
    std::optional<AttentionBlock> cross_attention;  // decoder of an encoder-decoder model
    bool derive = false;  // a big trace: derive what is cheap to recompute (see StageData)
};

// x (T, D), memory (S, D) when cross-attending -> layer output (T, D).
Mat transformer_layer(Trace& trace, const StateDict& weights, const Config& config, const LayerSpec& layer,
                      const ConstMatRef& x, const ConstMatRef& memory);

}  // namespace attn
