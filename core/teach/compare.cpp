#include "teach/compare.h"

#include "base/tensor.h"

#include <cmath>

namespace attn {

StageDifference stage_difference(const Trace& current, const Trace& pinned, const std::string& stage) {
    const Stage* now = current.find(stage);
    const Stage* then = pinned.find(stage);
    if (!now || !then) throw Error("stage '" + stage + "' is not in both traces");
    const auto a_held = now->tensor(), b_held = then->tensor();
    const Tensor &a = *a_held, &b = *b_held;
    if (a.shape != b.shape)
        throw Error("shapes differ: pinned " + shape_to_string(b.shape, false) + ", now " + shape_to_string(a.shape, false));
    StageDifference out{a, 0};
    for (size_t i = 0; i < a.data.size(); ++i) {
        // Equal infinities (a mask's −∞ in both) differ by nothing, not by NaN.
        const float d = a.data[i] == b.data[i] ? 0.0f : a.data[i] - b.data[i];
        out.difference.data[i] = d;
        if (std::isfinite(d)) out.max_abs = std::max(out.max_abs, std::abs(d));
    }
    return out;
}

}  // namespace attn
