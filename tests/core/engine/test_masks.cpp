// Additive attention masks.
#include "engine/masks.h"
#include "engine/softmax.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <limits>

namespace attn {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

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

TEST(Masks, SinkTokensStayVisibleBeyondTheWindow) {
    // Causal, window 2, one sink: row 4 sees key 0 (the sink), 3 and 4; keys 1 and 2 are hidden.
    MaskOptions o{true, 2, 0, {}};
    o.sink_tokens = 1;
    const Mat m = attention_mask(5, 5, o);
    EXPECT_TRUE(test::near(Tensor::from_matrix(m.row(4)), {1, 5}, {0, -kInf, -kInf, 0, 0}, 0));
    EXPECT_TRUE(test::near(Tensor::from_matrix(m.row(1)), {1, 5}, {0, 0, -kInf, -kInf, -kInf}, 0));  // causal still holds
    // Two sinks, not causal: the far-away query 4 still sees keys 0 and 1, never a future key beyond the window.
    MaskOptions two{false, 2, 0, {}};
    two.sink_tokens = 2;
    const Mat n = attention_mask(5, 5, two);
    EXPECT_TRUE(test::near(Tensor::from_matrix(n.row(4)), {1, 5}, {0, 0, -kInf, 0, 0}, 0));
    EXPECT_TRUE(test::near(Tensor::from_matrix(n.row(0)), {1, 5}, {0, 0, -kInf, -kInf, -kInf}, 0));
    // Without a window the sinks change nothing.
    MaskOptions none{true, 0, 0, {}};
    none.sink_tokens = 3;
    EXPECT_EQ(attention_mask(4, 4, none), attention_mask(4, 4, {true, 0, 0, {}}));
}

}  // namespace
}  // namespace attn
