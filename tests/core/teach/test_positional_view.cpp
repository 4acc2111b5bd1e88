// The Positions view's tables against their formulas.
#include "teach/positional_view.h"

#include <gtest/gtest.h>

#include <cmath>

namespace attn {
namespace {

TEST(PositionalView, SinusoidalSimilarityIsTheGramMatrix) {
    Config c;
    const auto view = positional_view(make_model(c), 6);
    ASSERT_EQ(view.table.rows(), 6);
    EXPECT_TRUE(view.similarity.isApprox(view.table * view.table.transpose()));
    // Every position has norm² d/2 = 4 (sin² + cos² per pair).
    for (int p = 0; p < 6; ++p) EXPECT_NEAR(view.similarity(p, p), 4.0, 1e-5);
    EXPECT_FALSE(view.curve_columns.empty());
}

TEST(PositionalView, RopeSimilarityDependsOnlyOnDistance) {
    Config c;
    c.positional_encoding = PositionalEncoding::Rope;
    const auto view = positional_view(make_model(c), 8);
    for (int i = 0; i + 1 < 8; ++i)
        for (int j = 0; j + 1 < 8; ++j) EXPECT_NEAR(view.similarity(i, j), view.similarity(i + 1, j + 1), 1e-4);
    EXPECT_NEAR(view.table(3, 0), 3.0, 1e-6);  // pair 0 turns by 1 rad per position
}

TEST(PositionalView, AlibiShowsTheSlopes) {
    Config c;
    c.positional_encoding = PositionalEncoding::Alibi;
    const auto view = positional_view(make_model(c), 4);
    EXPECT_FLOAT_EQ(view.table(2, 0), -2 * 0.0625f);  // 2 heads: slopes 2^-4, 2^-8
    EXPECT_FLOAT_EQ(view.similarity(0, 3), -3 * 0.0625f);
}

}  // namespace
}  // namespace attn

namespace attn {
namespace {

}  // namespace
}  // namespace attn
