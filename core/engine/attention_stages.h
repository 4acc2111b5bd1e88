// The stages of one attention block: names, kinds, descriptions, formulas and
// what the recorder keeps of an AttentionResult (engine/attention.h).
#pragma once

#include "engine/attention.h"
#include "engine/recorder.h"

#include <string>
#include <vector>

namespace attn {

// Where a block sits and what it reads, for its stages' labels.
struct AttentionPlace {
    StageCoords at;               // stack, layer and block (self- or cross-attention)
    std::string query_input;      // stage the queries are projected from
    std::string key_input;        // stage the keys and values are projected from
    Axis query_axis = Axis::SrcToken;
    Axis key_axis = Axis::SrcToken;
    const std::vector<std::string>* query_tokens = nullptr;  // labels for warnings
};

// T queries, S keys, D features; `result` is empty under a shapes-only recorder. W_O (`out`)
// derives the output projection again for a big trace.
void record_attention(Recorder& record, const AttentionSpec& spec, const AttentionPlace& place, int64_t T, int64_t S,
                      int64_t D, AttentionResult&& result, const LinearWeights& out);

}  // namespace attn
