// Positional encodings against the papers' formulas.
#include "engine/positional_encoding.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace attn {
namespace {

TEST(Sinusoidal, MatchesVaswaniFormula) {
    // PE(pos, 2i) = sin(pos / 10000^(2i/d_model)), PE(pos, 2i+1) = cos(pos / 10000^(2i/d_model))
    const int T = 50, D = 16;
    const Mat pe = sinusoidal_encoding(T, D, 10000.0);
    for (int pos = 0; pos < T; ++pos)
        for (int i = 0; i < D / 2; ++i) {
            const double angle = pos / std::pow(10000.0, 2.0 * i / D);
            EXPECT_NEAR(pe(pos, 2 * i), std::sin(angle), 1e-6);
            EXPECT_NEAR(pe(pos, 2 * i + 1), std::cos(angle), 1e-6);
        }
    // Hand values: position 1, dimension 0 is sin(1) and dimension 1 is cos(1).
    EXPECT_NEAR(pe(1, 0), 0.841471, 1e-6);
    EXPECT_NEAR(pe(1, 1), 0.540302, 1e-6);
    EXPECT_EQ(pe(0, 0), 0.0f);
    EXPECT_EQ(pe(0, 1), 1.0f);
}

TEST(Sinusoidal, BaseTwoIsTheTextbookVariant) {
    // Base 2: PE(p, 2i) = sin(p / 2^j) with j = 2i/d. With d = 2 that is sin(p / 2^0) = sin(p);
    // with d = 4, pair 1 has j = 1/2: sin(p / √2).
    const Mat pe2 = sinusoidal_encoding(8, 2, 2.0);
    const Mat pe4 = sinusoidal_encoding(8, 4, 2.0);
    for (int p = 0; p < 8; ++p) {
        EXPECT_NEAR(pe2(p, 0), std::sin(p), 1e-6);
        EXPECT_NEAR(pe2(p, 1), std::cos(p), 1e-6);
        EXPECT_NEAR(pe4(p, 2), std::sin(p / std::numbers::sqrt2), 1e-6);
        EXPECT_NEAR(pe4(p, 3), std::cos(p / std::numbers::sqrt2), 1e-6);
    }
}

TEST(Sinusoidal, BaseTwoDividesByTwoToTheTwoIOverD) {
    // pe_base = 2 is still the Transformer's formula: pair i at d = 8 divides the position by
    // 2^(2i/8) = 1, 1.189, 1.414, 1.682 — not by 1, 2, 4, 8 as the binary code does.
    const Mat pe = sinusoidal_encoding(2, 8, 2.0);
    const double divisors[] = {1.0, 1.189207, 1.414214, 1.681793};
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(pe(1, 2 * i), std::sin(1.0 / divisors[i]), 1e-6) << "pair " << i;
        EXPECT_NEAR(pe(1, 2 * i + 1), std::cos(1.0 / divisors[i]), 1e-6) << "pair " << i;
    }
}

TEST(Binary, MatchesTheArticlesWorkedNumbers) {
    // P(i, j) = sin(i / 2^j), cos(i / 2^j), j the pair: P(1, 0) = sin 1, cos 1; P(1, 1) = sin ½, cos ½;
    // P(1, 2) = sin ¼, cos ¼; P(2, 1) = sin 1, cos 1 — position 2 at pair 1 turns like position 1 at pair 0.
    const Mat pe = binary_encoding(4, 8);
    EXPECT_NEAR(pe(1, 0), 0.841471, 1e-6);
    EXPECT_NEAR(pe(1, 1), 0.540302, 1e-6);
    EXPECT_NEAR(pe(1, 2), 0.479426, 1e-6);
    EXPECT_NEAR(pe(1, 3), 0.877583, 1e-6);
    EXPECT_NEAR(pe(1, 4), 0.247404, 1e-6);
    EXPECT_NEAR(pe(1, 5), 0.968912, 1e-6);
    EXPECT_FLOAT_EQ(pe(2, 2), pe(1, 0));
    EXPECT_FLOAT_EQ(pe(2, 3), pe(1, 1));
    for (int j = 0; j < 8; ++j) EXPECT_EQ(pe(0, j), j % 2 ? 1.0f : 0.0f);  // sin 0, cos 0
}

TEST(Binary, ConcatenatedTableIsAsWideAsPeConcat) {
    Config c;
    c.positional_encoding = PositionalEncoding::Binary;
    c.pe_concat = 4;
    const Mat table = fixed_positional_table(c, 3);
    ASSERT_EQ(table.cols(), 4);
    EXPECT_NEAR(table(1, 2), std::sin(0.5), 1e-6);
    c.pe_concat = 0;
    EXPECT_EQ(fixed_positional_table(c, 3).cols(), c.d_model);
}

TEST(Sinusoidal, OddWidthEndsWithASine) {
    const Mat pe = sinusoidal_encoding(3, 5, 10000.0);
    EXPECT_NEAR(pe(2, 4), std::sin(2.0 / std::pow(10000.0, 4.0 / 5.0)), 1e-6);
}

TEST(Rope, RotatesEachPairByPositionTimesTheta) {
    const int T = 5, H = 2, Dk = 4, base = 10000;
    Mat x = Mat::Ones(T, H * Dk);
    x.col(1).setConstant(0.0f);  // head 0, pair 0 = (1, 0): rotated it is (cos a, sin a)
    const Mat original = x;
    apply_rope(x, H, base);
    for (int p = 0; p < T; ++p) {
        EXPECT_NEAR(x(p, 0), std::cos(p * 1.0), 1e-6);  // θ_0 = 1
        EXPECT_NEAR(x(p, 1), std::sin(p * 1.0), 1e-6);
        const double theta1 = std::pow(base, -2.0 / Dk);  // pair 1: θ = 10000^(-2/4) = 0.01
        const double a = p * theta1;
        EXPECT_NEAR(x(p, 2), std::cos(a) - std::sin(a), 1e-6);  // (1, 1) rotated
        EXPECT_NEAR(x(p, 3), std::sin(a) + std::cos(a), 1e-6);
        // Head 1 is rotated the same way as head 0's pairs.
        EXPECT_NEAR(x(p, 6), x(p, 2), 1e-6);
    }
    EXPECT_EQ(x.row(0), original.row(0));  // position 0 is not rotated
}

// Llama's apply_rotary_pos_emb: q·cos + rotate_half(q)·sin, with cos, sin of cat(freqs, freqs) and
// rotate_half(x) = cat(−x[d/2:], x[:d/2]); written here from modeling_llama, in double.
TEST(Rope, HalvesAreLlamasRotateHalfAndKeepTheInterleavedAngles) {
    const int T = 6, H = 2, Dk = 8;
    const double base = 500000.0;  // Llama 3's rope_theta
    Mat x = Mat::Random(T, H * Dk), halves = x;
    apply_rope(halves, H, base, 0, RopeStyle::Half);
    for (int p = 0; p < T; ++p)
        for (int h = 0; h < H; ++h)
            for (int c = 0; c < Dk; ++c) {
                const int i = c % (Dk / 2);
                const double inv_freq = 1.0 / std::pow(base, 2.0 * i / Dk), angle = p * inv_freq;
                const double rotated = c < Dk / 2 ? -x(p, h * Dk + c + Dk / 2) : x(p, h * Dk + c - Dk / 2);
                EXPECT_NEAR(halves(p, h * Dk + c), x(p, h * Dk + c) * std::cos(angle) + rotated * std::sin(angle), 1e-5)
                    << "position " << p << ", head " << h << ", feature " << c;
            }
    // The same rotation as interleaved pairs once the features are reordered (i, i + d/2) -> (2i, 2i+1).
    Mat interleaved(T, H * Dk);
    for (int h = 0; h < H; ++h)
        for (int i = 0; i < Dk / 2; ++i) {
            interleaved.col(h * Dk + 2 * i) = x.col(h * Dk + i);
            interleaved.col(h * Dk + 2 * i + 1) = x.col(h * Dk + i + Dk / 2);
        }
    apply_rope(interleaved, H, base);
    for (int h = 0; h < H; ++h)
        for (int i = 0; i < Dk / 2; ++i) {
            EXPECT_EQ(interleaved.col(h * Dk + 2 * i), halves.col(h * Dk + i));
            EXPECT_EQ(interleaved.col(h * Dk + 2 * i + 1), halves.col(h * Dk + i + Dk / 2));
        }
    Mat back = halves;  // and the backward turns it back
    rope_backward(back, H, base, RopeStyle::Half);
    EXPECT_LE((back - x).cwiseAbs().maxCoeff(), 1e-5f);
}

TEST(Rope, PreservesNormsAndMakesDotProductsRelative) {
    Mat q = Mat::Random(6, 8), k = Mat::Random(6, 8);
    Mat q0 = q, k0 = k;
    apply_rope(q, 2, 10000.0);
    apply_rope(k, 2, 10000.0);
    for (int p = 0; p < 6; ++p) {
        // Per pair, the norm is unchanged.
        for (int c = 0; c < 8; c += 2)
            EXPECT_NEAR(std::hypot(q(p, c), q(p, c + 1)), std::hypot(q0(p, c), q0(p, c + 1)), 1e-5);
    }
    // q at p and k at p + 2 give the same dot product as q at p + 1 and k at p + 3
    // when they start from the same vectors: only the distance matters.
    Mat a = Mat::Zero(6, 4), b = Mat::Zero(6, 4);
    a.row(1) = q0.row(0).head(4);
    a.row(2) = q0.row(0).head(4);
    b.row(3) = k0.row(0).head(4);
    b.row(4) = k0.row(0).head(4);
    apply_rope(a, 1, 10000.0);
    apply_rope(b, 1, 10000.0);
    EXPECT_NEAR(a.row(1).dot(b.row(3)), a.row(2).dot(b.row(4)), 1e-5);
}

TEST(Alibi, SlopesAsInPressEtAl) {
    // 8 heads: 1/2, 1/4, ..., 1/256.
    const auto s8 = alibi_slopes(8);
    ASSERT_EQ(s8.size(), 8u);
    for (int h = 0; h < 8; ++h) EXPECT_DOUBLE_EQ(s8[static_cast<size_t>(h)], std::pow(2.0, -(h + 1)));
    // 4 heads: 2^-2, 2^-4, 2^-6, 2^-8.
    const auto s4 = alibi_slopes(4);
    for (int h = 0; h < 4; ++h) EXPECT_DOUBLE_EQ(s4[static_cast<size_t>(h)], std::pow(2.0, -2.0 * (h + 1)));
    // 6 heads (not a power of two): the 4-head slopes, then slopes 0 and 2 of the 8-head list.
    const auto s6 = alibi_slopes(6);
    const std::vector<double> expected6 = {0.25, 0.0625, 0.015625, 0.00390625, 0.5, 0.125};
    ASSERT_EQ(s6.size(), 6u);
    for (size_t h = 0; h < 6; ++h) EXPECT_DOUBLE_EQ(s6[h], expected6[h]);
}

TEST(Alibi, BiasGrowsWithDistance) {
    const Mat bias = alibi_bias(3, 3, 0.5);
    EXPECT_TRUE(test::near(Tensor::from_matrix(bias), {3, 3}, {0, -0.5, -1, -0.5, 0, -0.5, -1, -0.5, 0}, 0));
}

}  // namespace
}  // namespace attn
