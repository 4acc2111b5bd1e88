// An imported model's BF16 matrices kept as stored (half the memory of float32): linear() on
// them against a naive double-precision product of the widened numbers, every path (one row,
// a few, many; one block of weights and several), and an imported BF16 folder against the same
// model with its weights widened to float32 beforehand.
#include "engine/forward.h"
#include "engine/linear.h"
#include "engine/sequence.h"
#include "hf/hf_model.h"
#include "model/checkpoint_layout.h"

#include "base/rng.h"

#include <gtest/gtest.h>

namespace attn {
namespace {

// Random BF16 numbers: a normal sample cut to its upper 16 bits.
Bf16Tensor random_bf16(Rng& rng, int64_t rows, int64_t cols) {
    Bf16Tensor t{{rows, cols}, std::vector<uint16_t>(static_cast<size_t>(rows * cols))};
    for (uint16_t& h : t.data) h = static_cast<uint16_t>(std::bit_cast<uint32_t>(static_cast<float>(rng.normal())) >> 16);
    return t;
}

TEST(Bf16Weights, LinearMatchesANaiveProductOfTheWidenedNumbers) {
    Rng rng(24);
    struct Case {
        int64_t out, in;
        std::vector<int64_t> rows;
    };
    // (1000, 96): several cache-sized blocks for a few rows; (2500, 2048): two 16 MB blocks for many.
    for (const Case& c : {Case{1000, 96, {1, 3, 15, 16, 40}}, Case{2500, 2048, {1, 17}}}) {
        const Bf16Tensor half = random_bf16(rng, c.out, c.in);
        RowVec bias(c.out);
        for (float& v : bias.reshaped()) v = static_cast<float>(rng.normal());
        const WeightMatrix W{nullptr, c.out, c.in, "W", half.data.data()};
        const WeightVector b{bias.data(), c.out, "b"};
        for (int64_t T : c.rows) {
            Mat x(T, c.in);
            for (float& v : x.reshaped()) v = static_cast<float>(rng.normal());
            Mat out(T, c.out);
            linear(x, W, b, out);
            // The error against the size of the terms summed (float32 rounds each partial sum), on
            // every output around the blocks' edges and every 7th elsewhere (the sanitizer build is slow).
            double worst = 0;
            for (int64_t t = 0; t < T; ++t)
                for (int64_t o = 0; o < c.out; ++o) {
                    if (o % 7 != 0 && o % 341 > 1 && o % 341 < 339 && o % 2048 > 1 && o % 2048 < 2046 && o != c.out - 1) continue;
                    double sum = bias[o], size = std::abs(bias[o]);
                    for (int64_t i = 0; i < c.in; ++i) {
                        const double term = static_cast<double>(x(t, i)) * bf16_to_float(half.data[static_cast<size_t>(o * c.in + i)]);
                        sum += term, size += std::abs(term);
                    }
                    worst = std::max(worst, std::abs(sum - out(t, o)) / size);
                }
            EXPECT_LT(worst, 1e-5) << c.out << "×" << c.in << ", " << T << " rows";
        }
    }
}

TEST(Bf16Weights, RowsAndDenseCopiesAreTheStoredNumbersExactly) {
    Rng rng(5);
    const Bf16Tensor half = random_bf16(rng, 7, 9);
    const WeightMatrix W{nullptr, 7, 9, "W", half.data.data()};
    const Mat dense = W.dense();
    for (int64_t r = 0; r < 7; ++r) {
        EXPECT_EQ(W.row(r), dense.row(r));
        for (int64_t c = 0; c < 9; ++c) EXPECT_EQ(dense(r, c), bf16_to_float(half.data[static_cast<size_t>(r * 9 + c)]));
    }
    EXPECT_EQ(bf16_to_float(0x3F80), 1.0f);
    EXPECT_EQ(bf16_to_float(0xC040), -3.0f);
}

// The same model with every weight float32 in its StateDict.
Model widened_copy(const Model& model) {
    Model copy = model;
    copy.weights = float_weights(model);
    copy.compact = nullptr;
    return copy;
}

TEST(Bf16Weights, AnImportedBf16FolderKeepsItsMatricesAsStoredAndComputesAsTheirFloat32Copy) {
    const Model model = open_hf_model(std::string(ATTN_TEST_DATA) + "/hf/llama-tiny-bf16");
    ASSERT_NE(model.compact, nullptr);
    // Every matrix the engine multiplies is kept in BF16; the RMSNorm γ are float32.
    EXPECT_EQ(model.compact->size(), 2u + 2u * 7u);  // embed_tokens, lm_head (untied), 2 layers × (q, k, v, o, gate, up, down)
    EXPECT_TRUE(model.compact->count("layers.0.self_attn.q_proj.weight"));
    EXPECT_TRUE(model.compact->count("embed_tokens.weight"));
    EXPECT_FALSE(model.weights.count("layers.0.self_attn.q_proj.weight"));
    EXPECT_TRUE(model.weights.count("layers.0.input_layernorm.weight"));
    const ModelWeights bound = model.bind();
    EXPECT_TRUE(bound.decoder.layers[1].ffn.gate->weight.is_bf16());
    EXPECT_FALSE(bound.decoder.layers[1].ffn.gate->weight.data);
    EXPECT_EQ(model.card->parameters, 266 * 16 * 2 + 2 * (2 * 16 + 16 * 16 + 2 * 8 * 16 + 16 * 16 + 3 * 24 * 16) + 16);
    EXPECT_EQ(model.card->bf16_bytes, 2 * (266 * 16 * 2 + 2 * (16 * 16 + 2 * 8 * 16 + 16 * 16 + 3 * 24 * 16)));  // all but the 5 γ

    const Model reference = widened_copy(model);
    ASSERT_EQ(reference.compact, nullptr);
    for (int length : {9, 40}) {  // a few rows (blocks per thread) and many (whole blocks)
        std::vector<int32_t> ids;
        for (int i = 0; i < length; ++i) ids.push_back((i * 37 + 11) % 264);
        const Trace ours = run_forward(model, {sequence_from_ids(model, model.bind(), ids), {}});
        const Trace theirs = run_forward(reference, {sequence_from_ids(reference, reference.bind(), ids), {}});
        for (const char* name : {"src.embeddings", "decoder.layers.0.self_attn.q", "decoder.layers.1.self_attn.output",
                                 "decoder.layers.1.ffn.output", "output.logits"}) {
            const Tensor& a = *ours.tensor(name);
            const Tensor& b = *theirs.tensor(name);
            ASSERT_EQ(a.shape, b.shape) << name;
            EXPECT_TRUE(a.matrix().isApprox(b.matrix(), 1e-5f)) << name << " at " << length << " tokens";
        }
    }
}

TEST(Bf16Weights, ANonFiniteOrMisshapenBf16TensorIsRefusedInOneSentence) {
    CheckpointLayout layout;
    LayoutBuilder(layout).at(Stack::Decoder, 0).add("q.weight", {2, 2}, Slot::Query);
    auto error_of = [&](std::vector<int64_t> shape, std::vector<uint16_t> numbers) {
        StateDict weights;
        Bf16Dict compact{{"q.weight", Bf16Tensor{std::move(shape), std::move(numbers)}}};
        try {
            (void)adopt_state_dict(layout, weights, true, "this test model", "this model", &compact);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(error_of({2, 2}, {0x3F80, 0x3F80, 0x3F80, 0x7FC0}), "tensor 'q.weight' holds NaN at index 3; weights must be finite numbers");
    EXPECT_EQ(error_of({2, 2}, {0x3F80, 0xFF80, 0x3F80, 0x3F80}),
              "tensor 'q.weight' holds an infinite value at index 1; weights must be finite numbers");
    EXPECT_EQ(error_of({4, 1}, {0x3F80, 0x3F80, 0x3F80, 0x3F80}), "tensor 'q.weight' has shape [4, 1] but config.json implies [2, 2]");
    EXPECT_EQ(error_of({2, 2}, {0x3F80, 0x3F80, 0x3F80, 0x3F80}), "no error");
}

}  // namespace
}  // namespace attn
