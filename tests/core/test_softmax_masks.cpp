#include "masks.h"
#include "softmax.h"
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

TEST(Masks, CausalWindowAndPadding) {
    const Mat causal = attention_mask(3, 3, {true, 0, 0, {}});
    EXPECT_TRUE(test::near(Tensor::from_matrix(causal), {3, 3}, {0, -kInf, -kInf, 0, 0, -kInf, 0, 0, 0}, 0));
    const Mat window = attention_mask(4, 4, {false, 2, 0, {}});
    EXPECT_TRUE(test::near(Tensor::from_matrix(window), {4, 4},
                           {0, 0, -kInf, -kInf, 0, 0, 0, -kInf, -kInf, 0, 0, 0, -kInf, -kInf, 0, 0}, 0));
    const Mat padded = attention_mask(2, 3, {false, 0, 0, {false, true, false}});
    EXPECT_TRUE(test::near(Tensor::from_matrix(padded), {2, 3}, {0, -kInf, 0, 0, -kInf, 0}, 0));
    // Causal with a window of 2: each query sees itself and the one before.
    const Mat both = attention_mask(3, 3, {true, 2, 0, {}});
    EXPECT_TRUE(test::near(Tensor::from_matrix(both), {3, 3}, {0, -kInf, -kInf, 0, 0, -kInf, -kInf, 0, 0}, 0));
    // Block-sparse, blocks of 2: positions {0, 1}, {2, 3}, {4} only see their own block.
    const Mat blocks = attention_mask(5, 5, {false, 0, 2, {}});
    EXPECT_TRUE(test::near(Tensor::from_matrix(blocks), {5, 5},
                           {0, 0, -kInf, -kInf, -kInf,  0, 0, -kInf, -kInf, -kInf,  -kInf, -kInf, 0, 0, -kInf,
                            -kInf, -kInf, 0, 0, -kInf,  -kInf, -kInf, -kInf, -kInf, 0}, 0));
    // Block-causal: within the block, not after the query.
    const Mat block_causal = attention_mask(3, 3, {true, 0, 2, {}});
    EXPECT_TRUE(test::near(Tensor::from_matrix(block_causal), {3, 3}, {0, -kInf, -kInf, 0, 0, -kInf, -kInf, -kInf, 0}, 0));
}

}  // namespace
}  // namespace attn
