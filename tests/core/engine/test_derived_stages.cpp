// Big traces derive some stages on request instead of keeping them
// (TraceOptions, StageData). The numbers must not change: every stage of a
// derived trace is compared bit for bit with the same trace kept in full.
#include "teach/explain.h"
#include "engine/forward.h"
#include "hf/hf_model.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

namespace attn {
namespace {

constexpr TraceOptions kKeepAll{std::numeric_limits<int64_t>::max()};
constexpr TraceOptions kDeriveAll{0};

void expect_identical(const Trace& kept, const Trace& derived) {
    ASSERT_EQ(kept.stages().size(), derived.stages().size());
    for (size_t i = 0; i < kept.stages().size(); ++i) {
        const Stage &a = kept.stages()[i], &b = derived.stages()[i];
        ASSERT_EQ(a.name, b.name);
        EXPECT_EQ(a.description, b.description);
        EXPECT_EQ(a.operands, b.operands) << a.name;
        ASSERT_EQ(a.shape(), b.shape()) << a.name;
        const auto x = a.tensor(), y = b.tensor();
        ASSERT_EQ(x->shape, y->shape) << a.name;
        EXPECT_EQ(std::memcmp(x->data.data(), y->data.data(), x->data.size() * sizeof(float)), 0) << a.name << " differs";
    }
    EXPECT_EQ(kept.warnings, derived.warnings);
}

struct Case {
    const char* name;
    Architecture architecture;
    PositionalEncoding pe;
    bool causal;
    int window;
    const char* src;
    const char* tgt;
};

class DerivedStages : public ::testing::TestWithParam<Case> {};

TEST_P(DerivedStages, AreBitIdenticalToKeptOnes) {
    const Case& k = GetParam();
    Config c;
    c.architecture = k.architecture;
    c.d_model = 16;
    c.nhead = 4;
    c.dim_feedforward = 24;
    c.num_encoder_layers = 2;
    c.num_decoder_layers = 2;
    c.activation = Activation::Gelu;
    c.positional_encoding = k.pe;
    c.causal = k.causal;
    c.sliding_window = k.window;
    const Model model = make_model(c);
    Inputs in{sequence_from_text(model, k.src), {}};
    if (c.has_encoder() && c.has_decoder()) in.tgt = sequence_from_text(model, k.tgt);
    const Trace kept = run_forward(model, in, kKeepAll);
    const Trace derived = run_forward(model, in, kDeriveAll);
    expect_identical(kept, derived);
    // Deriving is what saves the memory: the (H, T, S) stages are not held.
    EXPECT_LT(derived.kept_floats(), kept.kept_floats());
    EXPECT_TRUE(derived.find("encoder.layers.0.self_attn.weights") == nullptr ||
                derived.find("encoder.layers.0.self_attn.weights")->data->derived());
    // Explanations read derived stages like kept ones.
    const std::string block = c.has_encoder() ? "encoder.layers.0.self_attn" : "decoder.layers.0.self_attn";
    const auto a = explain_cell(kept, model, block + ".weights", 1, 2, 1);
    const auto b = explain_cell(derived, model, block + ".weights", 1, 2, 1);
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.lines, b.lines);
    // A view of one head derives that head alone (4 MB of a 50 MB stage at 1024 tokens): the same
    // bits as the kept stage's head, for every (H, T, S) stage of every block.
    for (const Stage& s : derived.stages()) {
        if (s.rank() != 3 || !s.data->derived()) continue;
        const auto whole = kept.tensor(s.name);
        for (int64_t h = 0; h < s.dim(0); ++h) {
            const Tensor head = s.slice(h);
            ASSERT_EQ(head.shape, (std::vector<int64_t>{s.dim(1), s.dim(2)})) << s.name;
            EXPECT_EQ(std::memcmp(head.data.data(), whole->slice(h).data(), head.data.size() * sizeof(float)), 0) << s.name << " head " << h;
        }
    }
}

// A slice is read from the whole stage when it is in memory, derived alone otherwise, and from the
// whole stage (derived) when the stage cannot derive a slice.
TEST(DerivedStages, ASliceIsDerivedAloneUnlessTheWholeStageIsHeld) {
    auto recent = std::make_shared<RecentTensors>();
    int wholes = 0, slices = 0;
    const Tensor numbers = Tensor::from_matrix(Mat::Random(3, 8));  // seen as (3, 2, 4)
    auto whole = [&] {
        ++wholes;
        Tensor t = numbers;
        t.shape = {3, 2, 4};
        return t;
    };
    auto one = [&](int64_t i) {
        ++slices;
        Tensor t = Tensor::uninitialized({2, 4});
        std::copy_n(numbers.data.data() + i * 8, 8, t.data.data());
        return t;
    };
    const StageData sliced({3, 2, 4}, whole, recent, one);
    EXPECT_EQ(sliced.slice(1).data, std::vector<float>(numbers.data.begin() + 8, numbers.data.begin() + 16));
    EXPECT_EQ(wholes, 0);
    EXPECT_EQ(slices, 1);
    const auto held = sliced.get();  // a view holds the whole stage: slices are read from it
    EXPECT_EQ(sliced.slice(2).data, std::vector<float>(numbers.data.begin() + 16, numbers.data.end()));
    EXPECT_EQ(wholes, 1);
    EXPECT_EQ(slices, 1);
    const StageData unsliced({3, 2, 4}, whole, recent);
    EXPECT_EQ(unsliced.slice(0).shape, (std::vector<int64_t>{2, 4}));
    EXPECT_EQ(unsliced.slice(0).data, std::vector<float>(numbers.data.begin(), numbers.data.begin() + 8));
    EXPECT_EQ(wholes, 2);
}

INSTANTIATE_TEST_SUITE_P(
    EveryKind, DerivedStages,
    ::testing::Values(Case{"encoder_sinusoidal_padding", Architecture::EncoderOnly, PositionalEncoding::Sinusoidal, false, 0,
                           "the cat sat [PAD] [PAD]", ""},
                      Case{"decoder_rope", Architecture::DecoderOnly, PositionalEncoding::Rope, true, 0,
                           "one two three four five six", ""},
                      Case{"decoder_alibi_window", Architecture::DecoderOnly, PositionalEncoding::Alibi, true, 2,
                           "a b c d e f g", ""},
                      Case{"fully_masked_rows", Architecture::EncoderOnly, PositionalEncoding::Learned, false, 0,
                           "[PAD] [PAD] [PAD]", ""},
                      Case{"translation", Architecture::EncoderDecoder, PositionalEncoding::Sinusoidal, false, 0,
                           "我 爱 机器 学习", "I love machine learning ."}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(DerivedStages, BigTracesDeriveByDefaultAndSmallOnesKeepEverything) {
    Config c;
    c.d_model = 64;
    c.nhead = 4;
    c.dim_feedforward = 64;
    c.max_len = 2048;
    const Model model = make_model(c);
    const Trace small = run_forward(model, {sequence_from_embeddings(model, Mat::Random(8, 64)), {}});
    for (const Stage& s : small.stages()) EXPECT_FALSE(s.data->derived()) << s.name;
    // 4 heads × 2048² × 4 score-like stages alone are 67M floats, above the 16M default.
    const Trace big = run_forward(model, {sequence_from_embeddings(model, Mat::Random(2048, 64)), {}});
    EXPECT_TRUE(big.find("encoder.layers.0.self_attn.weights")->data->derived());
    EXPECT_FALSE(big.find("encoder.layers.0.self_attn.context")->data->derived());
    EXPECT_LT(big.kept_floats(), 4'000'000);
    const auto weights = big.find("encoder.layers.0.self_attn.weights")->tensor();
    EXPECT_EQ(weights->shape, (std::vector<int64_t>{4, 2048, 2048}));
    // Asked twice while held: derived once, the same tensor both times.
    EXPECT_EQ(big.find("encoder.layers.0.self_attn.weights")->tensor(), weights);
}

// A big trace derives an imported model's logits and probabilities too (GPT-2's are 206 MB each at
// n = 1024), and one row of them alone for the predictions: the same numbers as the kept trace's.
TEST(DerivedStages, TheLogitsAndOneRowOfThemAreDerivedAsTheyWereKept) {
    for (const char* folder : {"gpt2-tiny", "llama-tiny", "bert-tiny"}) {
        SCOPED_TRACE(folder);
        const Model model = open_hf_model(std::string(ATTN_TEST_DATA) + "/hf/" + folder);
        const ModelWeights bound = model.bind();
        const Inputs in{sequence_from_ids(model, bound, {5, 17, 12, 8, 21, 3}), {}};
        const Trace kept = run_forward(model, in, kKeepAll);
        const Trace derived = run_forward(model, in, kDeriveAll);
        expect_identical(kept, derived);
        for (const char* name : {"output.logits", "output.probs"}) {
            const Stage* stage = derived.find(name);
            ASSERT_TRUE(stage && stage->data->derived()) << name;
            const auto whole = kept.tensor(name);
            for (int64_t i = 0; i < whole->dim(0); ++i) {
                const Tensor row = stage->slice(i);  // not cached: derived alone
                ASSERT_EQ(row.shape, std::vector<int64_t>{whole->dim(1)});
                for (int64_t j = 0; j < whole->dim(1); ++j)
                    ASSERT_NEAR(row.data[static_cast<size_t>(j)], whole->matrix()(i, j), 1e-5f * (1 + std::abs(whole->matrix()(i, j))))
                        << name << " row " << i << " column " << j;
            }
            EXPECT_EQ(kept.find(name)->slice(2).data, std::vector<float>(whole->data.begin() + 2 * whole->dim(1), whole->data.begin() + 3 * whole->dim(1)));
        }
    }
}

TEST(DerivedStages, RecentOnesStayWithinTheirBudget) {
    auto recent = std::make_shared<RecentTensors>();
    auto derived = [&recent](int64_t floats) {
        return std::make_shared<StageData>(std::vector<int64_t>{floats}, [floats] { return Tensor({floats}); }, recent);
    };
    // Small stages: the last four stay, the fifth one asked for frees the first.
    std::vector<std::shared_ptr<StageData>> small;
    std::vector<std::weak_ptr<const Tensor>> held;
    for (int i = 0; i < 5; ++i) {
        small.push_back(derived(1000));
        held.push_back(small.back()->get());
    }
    EXPECT_TRUE(held[0].expired());
    for (int i = 1; i < 5; ++i) EXPECT_FALSE(held[static_cast<size_t>(i)].expired()) << i;
    // Stages of 10M floats: only the newest stays, not 4 × 40 MB.
    const auto a = derived(10'000'000), b = derived(10'000'000);
    std::weak_ptr<const Tensor> first = a->get(), second = b->get();
    EXPECT_TRUE(first.expired());
    EXPECT_FALSE(second.expired());
    // A stage above the whole budget (a 1024-token head stack is 12.6M floats) is not held here,
    // and pushes nothing out; while a view holds it, asking again gives the same tensor.
    const auto huge = derived(RecentTensors::kBudgetFloats + 1);
    std::weak_ptr<const Tensor> unheld = huge->get();
    EXPECT_TRUE(unheld.expired());
    EXPECT_FALSE(second.expired());
    const auto shown = huge->get();
    EXPECT_EQ(huge->get(), shown);
    EXPECT_EQ(RecentTensors::held_floats(1000), 4000);
    EXPECT_EQ(RecentTensors::held_floats(10'000'000), RecentTensors::kBudgetFloats);
    EXPECT_EQ(RecentTensors::held_floats(RecentTensors::kBudgetFloats + 1), 0);
}

}  // namespace
}  // namespace attn
