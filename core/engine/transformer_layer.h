// One Transformer layer, as torch.nn.TransformerEncoderLayer and
// TransformerDecoderLayer (dropout absent):
//   post-norm (default): x = norm1(x + SA(x));        [x = norm2(x + CA(x, memory));]  x = norm_last(x + FF(x))
//   pre-norm (norm_first): x = x + SA(norm1(x));      [x = x + CA(norm2(x), memory);]  x = x + FF(norm_last(x))
// where FF(x) = linear2(activation(linear1(x))). Each step is computed, then
// handed to the pass's recorder.
#pragma once

#include "engine/attention.h"
#include "engine/recorder.h"
#include "model/config.h"
#include "model/weights.h"

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace attn {

// A decoder-only model's KV cache across passes (candle's forward(x, index_pos, cache)): each
// pass reads the tokens after the cached ones, at positions position, position + 1, …
struct ForwardCache {
    std::vector<KvLayerCache> layers;  // one per decoder layer
    int64_t position = 0;              // tokens cached so far: the first new token's position
};

// What every step of one forward pass shares.
struct Pass {
    const Config& config;
    Recorder& record;
    ForwardCache* cache = nullptr;  // set: a cached pass (decoder-only, records nothing)
    const std::atomic<bool>* cancel = nullptr;  // TraceOptions::cancel
    // A shapes-only pass computes nothing: its matrices stay empty.
    bool dry() const { return record.shapes_only(); }
    int64_t first_position() const { return cache ? cache->position : 0; }
};

// A matrix and the stage that holds it, so later stages can name their operands.
struct Named {
    Mat value;          // empty in a shapes-only pass
    std::string stage;
};

struct LayerSpec {
    StageCoords at;                                // stack and layer
    Axis axis = Axis::SrcToken;                    // what the layer's rows are
    const std::vector<std::string>* tokens = nullptr;  // labels of those rows, for warnings
    AttentionSpec self_attention;
    std::optional<AttentionSpec> cross_attention;  // decoder of an encoder-decoder model
};

// x (T, D), memory (S, D) when cross-attending -> the layer's output (T, D).
Named transformer_layer(Pass& pass, const LayerWeights& weights, const LayerSpec& layer, const Named& x, int64_t T,
                        const Named* memory, int64_t S);

// The weights of the LayerNorm stage at `at`: a layer's norm<sublayer>, a stack's final norm,
// BERT's embedding norm (stack Source) or its MLM head's (stack Output).
const NormWeights& norm_weights_at(const ModelWeights& w, const StageCoords& at);

// LayerNorm or RMSNorm (config.norm) of x into out; β is empty for RMSNorm. out may alias x.
void apply_norm(NormKind kind, const ConstMatRef& x, const Eigen::Ref<const RowVec>& gamma, const Eigen::Ref<const RowVec>& beta,
                double eps, MatRef out);

// LayerNorm of x (T, D), recorded as the stage `name` at `at`.
Named record_norm(Pass& pass, const NormWeights& weights, std::string name, const StageCoords& at, const char* description,
                  Axis axis, const Named& x, int64_t T);

}  // namespace attn
