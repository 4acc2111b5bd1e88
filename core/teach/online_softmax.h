// FlashAttention's online softmax for one query row, tile by tile (Milakov & Gimelshein 2018;
// Dao et al. 2022). The keys and values are read B at a time; only a running max m, a running
// sum ℓ = Σ e^(s_j − m) and an unnormalised output o = Σ e^(s_j − m)·v_j are kept. A tile that
// brings a larger score rescales ℓ and o by e^(m_old − m_new). After the last tile o / ℓ is
// softmax(s)·V, without the row of n weights ever being held: it saves memory, not arithmetic.
#pragma once

#include "base/tensor.h"
#include "engine/trace.h"

#include <string>
#include <vector>

namespace attn {

struct OnlineSoftmaxTile {
    int64_t first = 0, end = 0;  // keys [first, end)
    float tile_max = 0;          // max of the tile's scores (−∞ when all are masked)
    float max_before = 0;        // m before the tile (−∞ before the first)
    float max = 0;               // m after it
    float rescale = 0;           // e^(m_before − m): what ℓ and o carried over are multiplied by
    std::vector<float> exps;     // e^(s_j − m) of each key of the tile (0 where masked)
    float tile_sum = 0;          // Σ over the tile of e^(s_j − m)
    float sum = 0;               // ℓ after the tile
    std::vector<float> output;   // o after the tile (d_v, not yet divided by ℓ)
    std::vector<float> so_far;   // o / ℓ: the attention over the keys read so far (zeros while ℓ = 0)
};

struct OnlineSoftmax {
    std::vector<OnlineSoftmaxTile> tiles;
    std::vector<float> result;  // o / ℓ after the last tile (d_v): the last tile's so_far
    int64_t floats_kept = 0;    // m, ℓ and o: 2 + d_v, whatever the number of keys
};

// scores: one row of S scaled (and masked) scores; values (S, d_v); tile ≥ 1 keys at a time.
// A row whose keys are all masked gives a result of zeros (FlashAttention's convention).
OnlineSoftmax online_softmax(const std::vector<float>& scores, ConstMatRef values, int64_t tile);

// One query row of one head of an attention block of the trace, computed online and compared
// with what the trace's full softmax gave.
struct OnlineSoftmaxRow {
    std::string block;                  // "decoder.layers.0.self_attn"
    int64_t head = 0, row = 0, kv_head = 0;
    std::vector<float> scores;          // the masked scores of the row (what the softmax reads)
    OnlineSoftmax online;
    std::vector<float> full_weights;    // the trace's softmax of the row
    std::vector<float> full_result;     // the trace's context of that head and row (weights·V)
    float max_difference = 0;           // max |online.result − full_result|
};

// Throws attn::Error when the trace has no such block, head or row, or tile < 1.
OnlineSoftmaxRow online_softmax_row(const Trace& trace, const std::string& block, int64_t head, int64_t row,
                                    int64_t tile);

}  // namespace attn
