// The kernels of every level this CPU has — matmul against a naive double-precision product,
// softmax against a naive one — and whole traces at each level against the baseline kernels.
#include "engine/kernels/kernels.h"
#include "engine/softmax.h"

#include "base/rng.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>

namespace attn {
namespace {

Mat random_matrix(Rng& rng, int64_t rows, int64_t cols) {
    Mat m(rows, cols);
    for (float& v : m.reshaped()) v = static_cast<float>(rng.normal());
    return m;
}

// Restores the level the process started with.
struct KeepLevel {
    ~KeepLevel() { set_kernel_level(level); }
    KernelLevel level = kernel_level();
};

TEST(Matmul, EveryLevelMatchesANaiveProductForEveryTransposeAndSize) {
    const KeepLevel keep;
    Rng rng(11);
    struct Size {
        int64_t m, k, n;
    };
    // Tiny (Eigen's coefficient-wise path), odd, blocked, and empty sizes.
    for (const Size size : {Size{2, 3, 2}, Size{7, 5, 9}, Size{33, 70, 17}, Size{130, 96, 150}, Size{0, 4, 3}, Size{5, 0, 4}})
        for (KernelLevel level : supported_kernel_levels()) {
            set_kernel_level(level);
            for (int transposes = 0; transposes < 4; ++transposes)
                for (bool accumulate : {false, true}) {
                    const bool ta = transposes & 1, tb = transposes & 2;
                    // Operands as blocks of wider matrices, so the strides are not the widths.
                    const Mat a_wide = ta ? random_matrix(rng, size.k, size.m + 3) : random_matrix(rng, size.m, size.k + 3);
                    const Mat b_wide = tb ? random_matrix(rng, size.n, size.k + 2) : random_matrix(rng, size.k, size.n + 2);
                    const auto a = ta ? a_wide.leftCols(size.m) : a_wide.leftCols(size.k);
                    const auto b = tb ? b_wide.leftCols(size.k) : b_wide.leftCols(size.n);
                    Mat c_wide = random_matrix(rng, size.m, size.n + 4);
                    const Mat before = c_wide;
                    matmul(a, ta, b, tb, c_wide.leftCols(size.n), accumulate);
                    for (int64_t i = 0; i < size.m; ++i)
                        for (int64_t j = 0; j < size.n; ++j) {
                            double sum = accumulate ? before(i, j) : 0.0;
                            for (int64_t p = 0; p < size.k; ++p)
                                sum += static_cast<double>(ta ? a(p, i) : a(i, p)) * static_cast<double>(tb ? b(j, p) : b(p, j));
                            ASSERT_NEAR(c_wide(i, j), sum, 1e-4 * (1 + std::abs(sum)))
                                << to_string(level) << " " << size.m << "×" << size.k << "×" << size.n << " ta " << ta << " tb " << tb;
                        }
                    for (int64_t i = 0; i < size.m; ++i)  // the columns beside the block are untouched
                        for (int64_t j = size.n; j < size.n + 4; ++j) ASSERT_EQ(c_wide(i, j), before(i, j));
                }
        }
}

TEST(Kernels, SoftmaxAtEveryLevelMatchesANaiveOneWithMaskedAndOverflowedEntries) {
    const KeepLevel keep;
    Rng rng(3);
    const float inf = std::numeric_limits<float>::infinity();
    for (KernelLevel level : supported_kernel_levels()) {
        set_kernel_level(level);
        for (int64_t n : {1, 5, 16, 37, 300}) {
            RowVec row(n);
            for (float& v : row) v = static_cast<float>(4 * rng.normal());
            if (n > 2) row[1] = -inf;  // a masked key
            const std::vector<double> expected = test::naive_softmax(std::vector<double>(row.begin(), row.end()));
            ASSERT_TRUE(softmax_row(row));
            for (int64_t j = 0; j < n; ++j) ASSERT_NEAR(row[j], expected[static_cast<size_t>(j)], 1e-6) << to_string(level) << " n " << n;
            if (n > 2) {
                EXPECT_EQ(row[1], 0.0f);  // exactly
            }
        }
        RowVec masked = RowVec::Constant(4, -inf);
        EXPECT_FALSE(softmax_row(masked));
        EXPECT_EQ(masked, RowVec::Zero(4));
        RowVec overflowed(3);
        overflowed << inf, 1.0f, inf;
        EXPECT_TRUE(softmax_row(overflowed));
        EXPECT_EQ(overflowed, (RowVec(3) << 0.5f, 0.0f, 0.5f).finished());
    }
}

TEST(Matmul, TracesAtEveryLevelAgreeWithTheBaseline) {
    const KeepLevel keep;
    Config c;
    c.architecture = Architecture::EncoderDecoder;
    c.d_model = 96;
    c.nhead = 4;
    c.dim_feedforward = 256;
    c.activation = Activation::Gelu;
    const Model model = make_model(c);
    Rng rng(5);
    const Inputs in{sequence_from_embeddings(model, random_matrix(rng, 48, 96)), sequence_from_embeddings(model, random_matrix(rng, 40, 96))};
    set_kernel_level(KernelLevel::Baseline);
    const Trace baseline = run_forward(model, in);
    for (KernelLevel level : supported_kernel_levels()) {
        set_kernel_level(level);
        const Trace trace = run_forward(model, in);
        for (const Stage& s : baseline.stages())
            EXPECT_TRUE(test::near(*trace.tensor(s.name), *s.tensor(), 1e-4)) << to_string(level) << " " << s.name;
    }
}

TEST(Matmul, TheBestLevelOfTheCpuIsChosenUnlessOneIsAsked) {
    const std::vector<KernelLevel> levels = supported_kernel_levels();
    ASSERT_FALSE(levels.empty());
    EXPECT_EQ(levels.front(), KernelLevel::Baseline);  // every x86-64 has it
    const char* asked = std::getenv("ATTN_KERNELS");
    if (!asked) EXPECT_EQ(kernel_level(), levels.back());
    else EXPECT_STREQ(to_string(kernel_level()), asked);
    EXPECT_STREQ(instruction_set(KernelLevel::Avx2), "x86-64-v3 (AVX2, FMA)");
    for (KernelLevel level : {KernelLevel::Avx2, KernelLevel::Avx512})
        if (!kernel_level_supported(level)) {
            EXPECT_THROW(set_kernel_level(level), Error);
        }
}

}  // namespace
}  // namespace attn
