// torch.optim's update rules: 20 steps of AdamW and of SGD with momentum and
// weight decay on one labelled sequence, against the losses and final weights
// PyTorch reached from the same start (tests/data/pytorch_optim, made by
// scripts/make_pytorch_fixtures.py).
#include "base/json_util.h"
#include "engine/forward.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "learn/backward.h"
#include "learn/loss.h"
#include "learn/optimizer.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace attn {
namespace {

namespace fs = std::filesystem;

class TorchOptim : public ::testing::TestWithParam<std::string> {};

TEST_P(TorchOptim, TwentyStepsGiveTorchsLossesAndWeights) {
    const fs::path dir = fs::path(ATTN_TEST_DATA) / "pytorch_optim" / GetParam();
    const auto info = parse_json_strict(read_text_file((dir / "case.json").string(), "case"), "case");
    Model model = make_model(load_config((dir / "config.json").string()), read_safetensors((dir / "initial.safetensors").string()));
    const Tensor src = read_npy((dir / "src.npy").string());
    const std::vector<int64_t> labels = read_npy_labels((dir / "labels.npy").string());
    OptimizerOptions o;
    o.kind = info["optimizer"] == "adamw" ? OptimizerKind::AdamW : OptimizerKind::Sgd;
    o.lr = info["lr"].get<double>();
    o.weight_decay = info["weight_decay"].get<double>();
    o.momentum = info["momentum"].get<double>();
    Optimizer optimizer(o);
    const auto& losses = info["losses"];
    ASSERT_EQ(losses.size(), 20u);
    for (size_t step = 0; step < losses.size(); ++step) {
        const Inputs in{sequence_from_embeddings(model, src.matrix()), {}};
        const Trace trace = run_forward(model, in);
        const LossResult loss = cross_entropy(trace.tensor("output.logits")->matrix(), labels);
        EXPECT_NEAR(loss.loss, losses[step].get<double>(), 2e-5 * std::max(1.0, std::abs(losses[step].get<double>()))) << "step " << step;
        optimizer.step(model.weights, backward(model, trace, "output.logits", Tensor::from_matrix(loss.dlogits)).params);
    }
    StateDict expected = read_safetensors((dir / "final.safetensors").string());
    // The key bias b_K adds q_i·b_K to every score of row i, which the softmax cancels: its gradient is
    // 0 in exact arithmetic, and rounding noise there (ours or PyTorch's) is what Adam's m/√v divides.
    // Those 2 × d_model numbers follow their noise, not the rule, so they are set aside.
    const int64_t D = model.config.d_model;
    for (auto& [name, tensor] : expected)
        if (name.ends_with("in_proj_bias"))
            for (int64_t j = D; j < 2 * D; ++j) tensor.data[j] = model.weights.at(name).data[j];
    for (const auto& [name, tensor] : expected) EXPECT_TRUE(test::near(model.weights.at(name), tensor, 1e-4)) << name;
    // The weights moved: a test that would pass with a no-op optimizer is no test.
    const StateDict initial = read_safetensors((dir / "initial.safetensors").string());
    EXPECT_NE(initial.at("generator.weight").data, model.weights.at("generator.weight").data);
}

INSTANTIATE_TEST_SUITE_P(Cases, TorchOptim, ::testing::Values("adamw_20_steps", "sgd_momentum_20_steps"));

}  // namespace
}  // namespace attn
