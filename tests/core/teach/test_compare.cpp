// Compare mode's difference of a pinned and a current stage.
#include "teach/compare.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attn {
namespace {

using test::causal_trace;
using test::small_causal;

TEST(Compare, DifferenceIsElementWiseAndInfinitiesCancel) {
    Config c = small_causal();
    const Trace a = causal_trace(c, "the cat sat");
    const Trace b = causal_trace(c, "the dog sat");
    const auto d = stage_difference(b, a, "encoder.layers.0.self_attn.masked_scores");
    const auto ta_held = a.find("encoder.layers.0.self_attn.masked_scores")->tensor();  // keeps a derived stage alive
    const Tensor& ta = *ta_held;
    const auto tb_held = b.find("encoder.layers.0.self_attn.masked_scores")->tensor();  // keeps a derived stage alive
    const Tensor& tb = *tb_held;
    float worst = 0;
    for (size_t i = 0; i < ta.data.size(); ++i) {
        const float expected = std::isinf(ta.data[i]) ? 0.0f : tb.data[i] - ta.data[i];
        EXPECT_EQ(d.difference.data[i], expected) << i;
        worst = std::max(worst, std::abs(expected));
    }
    EXPECT_EQ(d.max_abs, worst);
    EXPECT_GT(worst, 0.0f);
}

TEST(Compare, ShapesThatDifferAreNamed) {
    const Config c = small_causal();
    try {
        stage_difference(causal_trace(c, "a b c"), causal_trace(c, "a b"), "src.input");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_STREQ(e.what(), "shapes differ: pinned 2 × 8, now 3 × 8");
    }
}

}  // namespace
}  // namespace attn
