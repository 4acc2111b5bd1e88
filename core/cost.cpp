#include "cost.h"

#include "i18n.h"
#include "state_dict.h"

#include <cstdio>
#include <unistd.h>

namespace attn {
namespace {

// One attention block over T queries and S keys: q, k, v (+ rotated), per-head
// copies, four (H, T, S) score-like stages, the mask, contexts and output.
// RoPE and ALiBi act in self-attention only.
int64_t attention_floats(const Config& c, int64_t T, int64_t S, bool self) {
    const int64_t D = c.d_model, H = c.nhead;
    const int64_t rotated = self && c.positional_encoding == PositionalEncoding::Rope ? (T + S) * D : 0;
    const int64_t alibi = self && c.positional_encoding == PositionalEncoding::Alibi ? H * T * S : 0;
    return (T + 2 * S) * D * 2 + rotated + 4 * H * T * S + alibi + T * S + T * D * 3;
}

int64_t layer_floats(const Config& c, int64_t T, int64_t S, bool cross) {
    const int64_t D = c.d_model, F = c.dim_feedforward;
    const int64_t self = attention_floats(c, T, T, true);
    const int64_t cross_attention = cross ? attention_floats(c, T, S, false) : 0;
    const int64_t sublayers = cross ? 3 : 2;
    return self + cross_attention + sublayers * 2 * T * D + 2 * T * F + T * D;
}

int64_t attention_flops(const Config& c, int64_t T, int64_t S) {
    const int64_t D = c.d_model;
    return (T + 2 * S) * D * D + 2 * T * S * D + T * D * D;
}

}  // namespace

int64_t estimate_trace_floats(const Config& c, int64_t T, int64_t S, bool final_norms) {
    const int64_t D = c.d_model;
    const bool two = c.architecture == Architecture::EncoderDecoder;
    int64_t total = 3 * T * D;  // embeddings, positions, input
    for (int i = 0; i < c.encoder_layers(); ++i) total += layer_floats(c, T, T, false);
    if (c.has_encoder() && final_norms) total += T * D;
    if (two) total += 3 * S * D;
    const int64_t queries = two ? S : T;
    for (int i = 0; i < c.decoder_layers(); ++i) total += layer_floats(c, queries, T, two);
    if (c.has_decoder() && final_norms) total += queries * D;
    return total;
}

int64_t estimate_weight_floats(const Config& config) {
    int64_t total = 0;
    for (const auto& t : expected_tensors(config)) {
        int64_t n = 1;
        for (int64_t d : t.shape) n *= d;
        total += n;
    }
    return total;
}

std::string memory_problem(const Config& config, int64_t T, int64_t S, int64_t limit_bytes) {
    const int64_t bytes = 4 * (2 * estimate_weight_floats(config) + estimate_trace_floats(config, T, S, true));
    if (bytes <= limit_bytes) return {};
    auto gb = [](int64_t n) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", static_cast<double>(n) / 1e9);
        return std::string(text);
    };
    return fill(translate_text("attn", "this needs %1 GB of memory; the limit is %2 GB: use fewer tokens or a smaller model"),
                {gb(bytes), gb(limit_bytes)});
}

int64_t default_memory_limit() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || page <= 0) return int64_t{4} << 30;
    return static_cast<int64_t>(static_cast<double>(pages) * static_cast<double>(page) * 0.8);
}

int64_t estimate_forward_flops(const Config& c, int64_t T, int64_t S) {
    const int64_t D = c.d_model, F = c.dim_feedforward;
    int64_t total = 0;
    for (int i = 0; i < c.encoder_layers(); ++i) total += attention_flops(c, T, T) + 2 * T * D * F;
    const bool two = c.architecture == Architecture::EncoderDecoder;
    const int64_t queries = two ? S : T;
    for (int i = 0; i < c.decoder_layers(); ++i)
        total += attention_flops(c, queries, queries) + (two ? attention_flops(c, queries, T) : 0) + 2 * queries * D * F;
    return total;
}

}  // namespace attn
