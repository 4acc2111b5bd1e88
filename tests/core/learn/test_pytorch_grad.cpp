// PyTorch's autograd: tests/data/pytorch_grad holds models with an output head
// (nn.Linear "generator"), labels and the gradient of cross_entropy for every
// parameter and both inputs (scripts/make_pytorch_fixtures.py). The same
// weights and inputs must give the same loss and gradients here.
#include "base/json_util.h"
#include "engine/forward.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "learn/backward.h"
#include "learn/loss.h"
#include "test_helpers.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace attn {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(fs::path(ATTN_TEST_DATA) / "pytorch_grad"))
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

class PyTorchGradients : public ::testing::TestWithParam<std::string> {};

TEST_P(PyTorchGradients, SameLossAndEveryGradient) {
    const fs::path dir = fs::path(ATTN_TEST_DATA) / "pytorch_grad" / GetParam();
    const Model model = make_model(load_config((dir / "config.json").string()), read_safetensors((dir / "weights.safetensors").string()));
    const auto info = parse_json_strict(read_text_file((dir / "case.json").string(), "case"), "case");
    const bool two = model.config.architecture == Architecture::EncoderDecoder;
    Inputs in;
    in.src = sequence_from_embeddings(model, read_npy((dir / "src.npy").string()).matrix());
    for (size_t i = 0; i < info["src_padding"].size(); ++i) in.src.padding[i] = info["src_padding"][i].get<bool>();
    if (two) in.tgt = sequence_from_embeddings(model, read_npy((dir / "tgt.npy").string()).matrix());

    const Trace trace = run_forward(model, in);
    const LossResult loss = cross_entropy(trace.tensor("output.logits")->matrix(), read_npy_labels((dir / "labels.npy").string()));
    EXPECT_NEAR(loss.loss, info["loss"].get<double>(), 1e-5);
    const Gradients g = backward(model, trace, "output.logits", Tensor::from_matrix(loss.dlogits));

    int compared = 0;
    for (const auto& entry : fs::directory_iterator(dir / "grads")) {
        const std::string name = entry.path().stem().string();
        const Tensor expected = read_npy(entry.path().string());
        const Tensor* actual = name == "src_embeddings"   ? &g.stages.at("src.embeddings")
                               : name == "tgt_embeddings" ? &g.stages.at("tgt.embeddings")
                                                          : &g.params.at(name);
        EXPECT_TRUE(test::near(*actual, expected, 2e-5)) << name;
        ++compared;
    }
    EXPECT_EQ(compared, static_cast<int>(model.weights.size()) + (two ? 2 : 1));  // every parameter and every input
}

INSTANTIATE_TEST_SUITE_P(Cases, PyTorchGradients, ::testing::ValuesIn(case_names()));

}  // namespace
}  // namespace attn
