// FlashAttention's online softmax against a naive double softmax·V, hand-worked tiles and the
// trace's own full softmax.
#include "teach/online_softmax.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace attn {
namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// softmax(s)·V in double, the reference every tiling must reach.
std::vector<double> naive_softmax_times(const std::vector<float>& s, const Mat& v) {
    const std::vector<double> p = test::naive_softmax(std::vector<double>(s.begin(), s.end()));
    std::vector<double> out(static_cast<size_t>(v.cols()), 0.0);
    for (size_t j = 0; j < s.size(); ++j)
        for (int64_t d = 0; d < v.cols(); ++d) out[static_cast<size_t>(d)] += p[j] * v(static_cast<int64_t>(j), d);
    return out;
}

TEST(OnlineSoftmax, TwoTilesWorkedByHand) {
    // s = (1, 3 | 2, −∞), tile 2. Tile 0: m = 3, ℓ = e^−2 + 1, o = e^−2·v0 + v1.
    // Tile 1 keeps m = 3 (rescale e^0 = 1): ℓ += e^−1, o += e^−1·v2; the masked key adds nothing.
    Mat v(4, 2);
    v << 1, 0, 0, 1, 1, 1, 5, 5;
    const OnlineSoftmax r = online_softmax({1, 3, 2, -kInf}, v, 2);
    ASSERT_EQ(r.tiles.size(), 2u);
    const double e1 = std::exp(-1.0), e2 = std::exp(-2.0);
    EXPECT_FLOAT_EQ(r.tiles[0].tile_max, 3);
    EXPECT_EQ(r.tiles[0].max_before, -kInf);
    EXPECT_FLOAT_EQ(r.tiles[0].rescale, 0);
    EXPECT_NEAR(r.tiles[0].sum, e2 + 1, 1e-6);
    EXPECT_NEAR(r.tiles[0].output[0], e2, 1e-6);
    EXPECT_NEAR(r.tiles[0].output[1], 1, 1e-6);
    EXPECT_FLOAT_EQ(r.tiles[1].tile_max, 2);
    EXPECT_FLOAT_EQ(r.tiles[1].max, 3);
    EXPECT_FLOAT_EQ(r.tiles[1].rescale, 1);
    ASSERT_EQ(r.tiles[1].exps.size(), 2u);
    EXPECT_NEAR(r.tiles[0].exps[0], e2, 1e-7);
    EXPECT_NEAR(r.tiles[1].exps[0], e1, 1e-7);
    EXPECT_EQ(r.tiles[1].exps[1], 0);  // masked
    EXPECT_NEAR(r.tiles[1].sum, e2 + 1 + e1, 1e-6);
    const double l = e2 + 1 + e1;
    EXPECT_NEAR(r.result[0], (e2 + e1) / l, 1e-6);
    EXPECT_NEAR(r.result[1], (1 + e1) / l, 1e-6);
    EXPECT_EQ(r.floats_kept, 4);  // m, ℓ and two features of o
}

TEST(OnlineSoftmax, ALargerMaxRescalesWhatWasKept) {
    // Rising scores, one key a tile: every tile raises m by 1, so ℓ and o are multiplied by e^−1.
    Mat v(3, 1);
    v << 1, 2, 4;
    const OnlineSoftmax r = online_softmax({0, 1, 2}, v, 1);
    ASSERT_EQ(r.tiles.size(), 3u);
    for (size_t t = 1; t < 3; ++t) {
        EXPECT_NEAR(r.tiles[t].rescale, std::exp(-1.0), 1e-7) << t;
        EXPECT_NEAR(r.tiles[t].sum, r.tiles[t - 1].sum * std::exp(-1.0) + 1, 1e-6) << t;
        EXPECT_NEAR(r.tiles[t].output[0], r.tiles[t - 1].output[0] * std::exp(-1.0) + v(static_cast<int64_t>(t), 0), 1e-6);
    }
}

TEST(OnlineSoftmax, EveryTileSizeEndsAtTheFullSoftmax) {
    Mat v = Mat::Random(37, 5) * 3;
    std::vector<float> s(37);
    for (size_t j = 0; j < s.size(); ++j) s[j] = 4.0f * std::sin(0.7f * static_cast<float>(j)) + (j % 5 == 0 ? -kInf : 0.0f);
    const std::vector<double> expected = naive_softmax_times(s, v);
    for (int64_t tile = 1; tile <= 40; ++tile) {
        const OnlineSoftmax r = online_softmax(s, v, tile);
        EXPECT_EQ(static_cast<int64_t>(r.tiles.size()), (37 + tile - 1) / tile);
        for (size_t d = 0; d < expected.size(); ++d) EXPECT_NEAR(r.result[d], expected[d], 1e-6) << "tile " << tile;
    }
}

TEST(OnlineSoftmax, AMaskedFirstTileCarriesNothing) {
    Mat v(4, 1);
    v << 7, 7, 1, 3;
    const OnlineSoftmax r = online_softmax({-kInf, -kInf, 0, 0}, v, 2);
    EXPECT_EQ(r.tiles[0].max, -kInf);
    EXPECT_EQ(r.tiles[0].sum, 0);
    EXPECT_FLOAT_EQ(r.result[0], 2);  // the mean of 1 and 3, no NaN from e^(−∞ − (−∞))
    const OnlineSoftmax none = online_softmax({-kInf, -kInf}, v.topRows(2), 1);
    EXPECT_EQ(none.result[0], 0);  // every key masked: zeros, as FlashAttention returns
}

TEST(OnlineSoftmax, EqualsTheTracesContextInEveryHeadAndRow) {
    const Trace t = test::causal_trace(test::small_causal());
    for (int64_t tile : {1, 2, 4, 6})
        for (int64_t h = 0; h < 2; ++h)
            for (int64_t i = 0; i < 6; ++i) {
                const OnlineSoftmaxRow r = online_softmax_row(t, "encoder.layers.0.self_attn", h, i, tile);
                EXPECT_LE(r.max_difference, 1e-6f) << "head " << h << " row " << i << " tile " << tile;
                EXPECT_EQ(r.scores.size(), 6u);
                EXPECT_EQ(r.scores[5] == -kInf, i < 5);  // the causal mask the softmax read
            }
}

TEST(OnlineSoftmax, AGroupedQueryHeadReadsItsSharedValueHead) {
    Config c = test::small_causal();
    c.nhead = 4, c.num_kv_heads = 2, c.d_model = 16;
    const Trace t = test::causal_trace(c);
    for (int64_t h = 0; h < 4; ++h) {
        const OnlineSoftmaxRow r = online_softmax_row(t, "encoder.layers.0.self_attn", h, 5, 2);
        EXPECT_EQ(r.kv_head, h / 2);
        EXPECT_LE(r.max_difference, 1e-6f) << "head " << h;
    }
}

TEST(OnlineSoftmax, RefusesWhatTheTraceDoesNotHave) {
    const Trace t = test::causal_trace(test::small_causal());
    EXPECT_THROW(online_softmax_row(t, "encoder.layers.9.self_attn", 0, 0, 2), Error);
    EXPECT_THROW(online_softmax_row(t, "encoder.layers.0.self_attn", 2, 0, 2), Error);
    EXPECT_THROW(online_softmax_row(t, "encoder.layers.0.self_attn", 0, 6, 2), Error);
    EXPECT_THROW(online_softmax_row(t, "encoder.layers.0.self_attn", 0, 0, 0), Error);
}

}  // namespace
}  // namespace attn
