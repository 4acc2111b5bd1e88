#include "engine/cost.h"

#include "base/i18n.h"
#include "engine/forward.h"
#include "model/checkpoint_torch.h"

#include <cstdio>
#include <unistd.h>

namespace attn {
namespace {

int64_t attention_flops(const Config& c, int64_t T, int64_t S) {
    const int64_t D = c.d_model, Q = c.attention_dim(), KV = c.kv_dim();
    return T * Q * D + 2 * S * KV * D + 2 * T * S * Q + T * Q * D;  // Q, K and V, QKᵀ and weights·V, W_O
}

}  // namespace

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
    const int64_t bytes = 4 * (2 * estimate_weight_floats(config) + trace_memory_floats(config, T, S, true));
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
    if (c.ffn == FeedForwardKind::SwiGlu) total += (c.encoder_layers() * T + c.decoder_layers() * queries) * D * F;  // the gate
    return total;
}

int64_t kv_cache_bytes(const Config& c, int64_t tokens, int64_t bytes_per_number) {
    return 2 * c.decoder_layers() * tokens * c.kv_dim() * bytes_per_number;
}

}  // namespace attn
