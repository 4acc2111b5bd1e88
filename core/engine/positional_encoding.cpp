#include "engine/positional_encoding.h"

#include <cassert>
#include <cmath>
#include <numbers>
#include <mutex>
#include <optional>
#include <vector>

namespace attn {

Mat sinusoidal_encoding(int64_t T, int64_t D, double base) {
    Mat pe(T, D);
    std::vector<double> divisor(static_cast<size_t>((D + 1) / 2));  // base^(2i/d), once per pair, not per position
    for (int64_t i = 0; 2 * i < D; ++i)
        divisor[static_cast<size_t>(i)] = std::pow(base, static_cast<double>(2 * i) / static_cast<double>(D));
    for (int64_t p = 0; p < T; ++p) {
        for (int64_t i = 0; 2 * i < D; ++i) {
            const double angle = static_cast<double>(p) / divisor[static_cast<size_t>(i)];
            pe(p, 2 * i) = static_cast<float>(std::sin(angle));
            if (2 * i + 1 < D) pe(p, 2 * i + 1) = static_cast<float>(std::cos(angle));
        }
    }
    return pe;
}

Mat binary_encoding(int64_t T, int64_t D) {
    Mat pe(T, D);
    for (int64_t p = 0; p < T; ++p) {
        for (int64_t j = 0; 2 * j < D; ++j) {
            const double angle = std::ldexp(static_cast<double>(p), -static_cast<int>(j));  // p / 2^j
            pe(p, 2 * j) = static_cast<float>(std::sin(angle));
            if (2 * j + 1 < D) pe(p, 2 * j + 1) = static_cast<float>(std::cos(angle));
        }
    }
    return pe;
}

Mat fixed_positional_table(const Config& c, int64_t T) {
    const int64_t width = c.positional_width();
    if (c.positional_encoding != PositionalEncoding::Sinusoidal && c.positional_encoding != PositionalEncoding::Binary)
        return Mat::Zero(T, width);
    // The table of the last call is kept: every trace of a text of the same length needs the same
    // one, and a million sines and cosines (GPT-2 at n = 1024) cost as much as a layer norm.
    struct Key {
        PositionalEncoding kind;
        int64_t T, width;
        double base;
        bool operator==(const Key&) const = default;
    };
    static std::mutex mutex;
    static std::optional<Key> cached_key;
    static Mat cached;
    const Key key{c.positional_encoding, T, width, c.positional_encoding == PositionalEncoding::Sinusoidal ? c.pe_base : 2.0};
    {
        std::lock_guard lock(mutex);
        if (cached_key == key) return cached;
    }
    Mat table = key.kind == PositionalEncoding::Sinusoidal ? sinusoidal_encoding(T, width, c.pe_base) : binary_encoding(T, width);
    std::lock_guard lock(mutex);
    cached_key = key;
    cached = table;
    return table;
}

namespace {

// Rotates pair i of every head of row r, at position p = first + r, by sign · p · θ_i:
// features (2i, 2i+1) interleaved, or (i, i + Dk/2) in halves.
void rotate_pairs(MatRef x, int64_t H, double base, double sign, int64_t first, RopeStyle style, const RopeScaling& scaling) {
    const int64_t Dk = x.cols() / H;
    assert(Dk % 2 == 0 && "RoPE needs an even head size");
    std::vector<double> theta(static_cast<size_t>(Dk / 2));
    for (int64_t i = 0; i < Dk / 2; ++i) theta[static_cast<size_t>(i)] = rope_frequency(i, Dk, base, scaling);
    for (int64_t r = 0; r < x.rows(); ++r) {
        const int64_t p = first + r;
        for (int64_t i = 0; i < Dk / 2; ++i) {
            const double angle = static_cast<double>(p) * theta[static_cast<size_t>(i)];
            const float c = static_cast<float>(std::cos(angle)), s = static_cast<float>(sign * std::sin(angle));
            for (int64_t h = 0; h < H; ++h) {
                const int64_t a = h * Dk + (style == RopeStyle::Half ? i : 2 * i);
                const int64_t b = style == RopeStyle::Half ? a + Dk / 2 : a + 1;
                const float x0 = x(r, a), x1 = x(r, b);
                x(r, a) = x0 * c - x1 * s;
                x(r, b) = x0 * s + x1 * c;
            }
        }
    }
}

}  // namespace

double rope_frequency(int64_t i, int64_t Dk, double base, const RopeScaling& s) {
    const double theta = std::pow(base, -static_cast<double>(2 * i) / static_cast<double>(Dk));
    switch (s.type) {
        case RopeScalingType::None: return theta;
        case RopeScalingType::Linear: return theta / s.factor;
        case RopeScalingType::Llama3: {
            const double old_len = s.original_max_position_embeddings, wavelen = 2 * std::numbers::pi / theta;
            if (wavelen < old_len / s.high_freq_factor) return theta;  // high frequencies: kept
            if (wavelen > old_len / s.low_freq_factor) return theta / s.factor;  // low frequencies: interpolated
            const double smooth = (old_len / wavelen - s.low_freq_factor) / (s.high_freq_factor - s.low_freq_factor);
            return (1 - smooth) * theta / s.factor + smooth * theta;
        }
    }
    return theta;
}

void apply_rope(MatRef x, int64_t H, double base, int64_t first_position, RopeStyle style, const RopeScaling& scaling) {
    rotate_pairs(x, H, base, 1.0, first_position, style, scaling);
}

// forward: x'(a) = x(a)·c − x(a+1)·s,  x'(a+1) = x(a)·s + x(a+1)·c   (a rotation R)
// backward: dx = Rᵀ·dx' — the rotation by the opposite angle.
void rope_backward(MatRef dx, int64_t H, double base, RopeStyle style, const RopeScaling& scaling) {
    rotate_pairs(dx, H, base, -1.0, 0, style, scaling);
}

std::vector<double> alibi_slopes(int64_t H) {
    auto power_of_two_slopes = [](int64_t n) {
        std::vector<double> slopes;
        const double start = std::pow(2.0, -8.0 / static_cast<double>(n));
        for (int64_t h = 0; h < n; ++h) slopes.push_back(std::pow(start, static_cast<double>(h + 1)));
        return slopes;
    };
    int64_t closest = 1;
    while (closest * 2 <= H) closest *= 2;
    std::vector<double> slopes = power_of_two_slopes(closest);
    if (closest < H) {
        std::vector<double> extra = power_of_two_slopes(2 * closest);
        for (int64_t k = 0; static_cast<int64_t>(slopes.size()) < H; k += 2) slopes.push_back(extra[static_cast<size_t>(k)]);
    }
    return slopes;
}

Mat alibi_bias(int64_t T, int64_t S, double slope, int64_t query_offset) {
    Mat bias(T, S);
    for (int64_t i = 0; i < T; ++i)
        for (int64_t j = 0; j < S; ++j)
            bias(i, j) = static_cast<float>(-slope * static_cast<double>(std::llabs(query_offset + i - j)));
    return bias;
}

}  // namespace attn
