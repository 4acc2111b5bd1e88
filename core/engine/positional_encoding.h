// Positional information, four ways:
//   sinusoidal (Vaswani et al. 2017): PE[p, 2i] = sin(p / base^(2i/D)), PE[p, 2i+1] = cos(p / base^(2i/D)),
//              added to the token embeddings;
//   binary:    the base-2 code of some course notes, P[p, 2j] = sin(p / 2^j), P[p, 2j+1] = cos(p / 2^j):
//              the frequency halves from pair to pair like the bits of a counter;
//   learned:   rows 0..T-1 of pos_embedding.weight, added likewise (see forward.cpp);
//   RoPE (Su et al. 2021): q and k of every head rotated pair by pair, pair i of
//              position p by the angle p · θ_i with θ_i = base^(-2i/Dk);
//   ALiBi (Press et al. 2022): a per-head bias -m_h · |i - j| added to the scaled scores.
// RoPE and ALiBi act inside self-attention and add nothing to the embeddings.
// Sinusoidal and binary tables are added to the embeddings, or concatenated (config.pe_concat).
#pragma once

#include "base/tensor.h"
#include "model/config.h"

#include <vector>

namespace attn {

// (T, D) table of the sinusoidal encoding.
Mat sinusoidal_encoding(int64_t T, int64_t D, double base);

// (T, D) table of the binary encoding: pair j turns at the angle p / 2^j.
Mat binary_encoding(int64_t T, int64_t D);

// (T, config.positional_width()) table of a fixed encoding (sinusoidal or binary); zeros for the others.
Mat fixed_positional_table(const Config& config, int64_t T);

// In place on x (T, D) holding H heads side by side: rotates each head's
// pairs (2i, 2i+1) by position · base^(-2i/Dk). Row r is at position first_position + r
// (a KV-cached step rotates only its new rows, at their places in the sequence).
void apply_rope(MatRef x, int64_t H, double base, int64_t first_position = 0, RopeStyle style = RopeStyle::Interleaved,
                const RopeScaling& scaling = {});
// Backward of apply_rope: dx = Rᵀ·dx', i.e. the same pairs rotated by −position · θ.
void rope_backward(MatRef dx, int64_t H, double base, RopeStyle style = RopeStyle::Interleaved, const RopeScaling& scaling = {});
// θ_i of pair i in a head of Dk: base^(−2i/Dk), changed by rope_scaling as transformers'
// _compute_linear_scaling_rope_parameters and _compute_llama3_parameters change inv_freq.
double rope_frequency(int64_t i, int64_t Dk, double base, const RopeScaling& scaling = {});

// Slopes m_h of ALiBi for H heads: the geometric sequence starting at
// 2^(-8/H) with that ratio; for H not a power of two, the slopes of the
// closest smaller power of two followed by every other slope of twice that.
std::vector<double> alibi_slopes(int64_t H);

// (T, S) bias -slope · |i - j| for one head, query row i at position query_offset + i.
Mat alibi_bias(int64_t T, int64_t S, double slope, int64_t query_offset = 0);

}  // namespace attn
