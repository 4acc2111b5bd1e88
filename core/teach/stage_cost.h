// The live cost counter: for each stage of a trace, the floats it keeps and
// the multiply-adds that produced it; the share of (query, key) pairs a mask
// lets through; and the engine's own time and memory against sequence length.
#pragma once

#include "model/config.h"
#include "engine/trace.h"

#include <string>
#include <vector>

namespace attn {

struct StageCost {
    std::string stage;
    int64_t floats = 0;         // kept in the trace (4 bytes each)
    int64_t multiply_adds = 0;  // to compute it from the previous stages (views and copies: 0)
};

std::vector<StageCost> stage_costs(const Trace& trace, const Config& config);

// Fraction of entries of a mask stage (rank 2, 0 or −∞) that are not hidden:
// a sparse kernel (sliding window, block-sparse) would only compute those.
double attended_fraction(const Tensor& mask);

struct LengthMeasurement {
    int n = 0;
    double ms = 0;        // median forward pass, every intermediate kept
    double trace_mb = 0;  // the trace's floats, in MB
};

// Runs the config on n random tokens (n = each of lengths) `runs` times and
// keeps the median. max_len is raised to n where needed.
LengthMeasurement measure_length(Config config, int n, int runs = 3);

}  // namespace attn
