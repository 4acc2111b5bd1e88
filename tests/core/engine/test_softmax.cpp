// Row softmax: hand values, stability, masked and fully masked rows.
#include "engine/masks.h"
#include "engine/softmax.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <limits>

namespace attn {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(Softmax, HandValues) {
    Mat x(2, 3);
    x << 0, 0, 0, 1, 2, 3;
    softmax_rows(x);
    // e^1, e^2, e^3 = 2.71828, 7.38906, 20.0855; sum 30.1929
    EXPECT_TRUE(test::near(Tensor::from_matrix(x), {2, 3}, {1 / 3.0, 1 / 3.0, 1 / 3.0, 0.0900306, 0.244728, 0.665241}, 1e-6));
}

TEST(Softmax, HugeLogitsAreStable) {
    Mat x(2, 3);
    x << 1e4, -1e4, 1e4, -1e4, -1e4 + 1, -1e4;
    softmax_rows(x);
    EXPECT_TRUE(test::near(Tensor::from_matrix(x), {2, 3}, {0.5, 0, 0.5, 0.211942, 0.576117, 0.211942}, 1e-6));
}

TEST(Softmax, MaskedEntriesGetExactlyZero) {
    Mat x(1, 3);
    x << 1, -kInf, 1;
    softmax_rows(x);
    EXPECT_EQ(x(0, 1), 0.0f);
    EXPECT_FLOAT_EQ(x(0, 0), 0.5f);
}

TEST(Softmax, FullyMaskedRowIsZeroAndReported) {
    Mat x(3, 2);
    x << 1, 2, -kInf, -kInf, 0, -kInf;
    const auto masked = softmax_rows(x);
    ASSERT_EQ(masked, (std::vector<int64_t>{1}));
    EXPECT_EQ(x(1, 0), 0.0f);
    EXPECT_EQ(x(1, 1), 0.0f);
    EXPECT_EQ(x(2, 0), 1.0f);
}

TEST(Softmax, OverflowedScoresShareTheWeight) {
    Mat x(1, 4);
    x << kInf, 1, kInf, -kInf;
    softmax_rows(x);
    EXPECT_TRUE(test::near(Tensor::from_matrix(x), {1, 4}, {0.5, 0, 0.5, 0}, 0));
}

}  // namespace
}  // namespace attn
