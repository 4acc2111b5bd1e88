// A small deterministic random generator (SplitMix64), identical on every
// platform and compiler, unlike std::normal_distribution. Used for the
// seed-derived token embeddings and initial weights.
#pragma once

#include <cstdint>
#include <string_view>

namespace attn {

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    // Seed from a base seed and a name, so each tensor or token has its own stream.
    Rng(uint64_t seed, std::string_view name);

    uint64_t next_u64();
    double uniform();                    // [0, 1)
    double uniform(double lo, double hi);
    double normal();                     // N(0, 1), Box-Muller

private:
    uint64_t state_;
};

// FNV-1a hash of bytes: stable across runs and platforms.
uint64_t stable_hash(std::string_view bytes);

}  // namespace attn
