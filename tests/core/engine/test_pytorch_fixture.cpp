// PyTorch's own numbers: tests/data/pytorch holds small models run through
// torch.nn.Transformer / TransformerEncoder (scripts/make_pytorch_fixtures.py),
// with their state_dict as safetensors. Loading the same weights and inputs
// here must give the same attention weights and layer outputs.
#include "model/config.h"
#include "base/json_util.h"
#include "io/npy.h"
#include "io/safetensors.h"
#include "test_helpers.h"
#include "engine/forward.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace attn {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> case_names() {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(fs::path(ATTN_TEST_DATA) / "pytorch"))
        if (entry.is_directory()) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

Sequence load_sequence(const Model& model, const std::string& path, const nlohmann::json& padding) {
    Sequence seq = sequence_from_embeddings(model, read_npy(path).matrix());
    for (size_t i = 0; i < padding.size(); ++i) seq.padding[i] = padding[i].get<bool>();
    return seq;
}

class PyTorchFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(PyTorchFixture, SameWeightsGiveTheSameNumbers) {
    const fs::path dir = fs::path(ATTN_TEST_DATA) / "pytorch" / GetParam();
    const Config config = load_config((dir / "config.json").string());
    const Model model = make_model(config, read_safetensors((dir / "weights.safetensors").string()));
    const auto info = parse_json_strict(read_text_file((dir / "case.json").string(), "case"), "case");

    Inputs inputs;
    inputs.src = load_sequence(model, (dir / "src.npy").string(), info["src_padding"]);
    if (config.architecture == Architecture::EncoderDecoder)
        inputs.tgt = load_sequence(model, (dir / "tgt.npy").string(), info["tgt_padding"]);
    const Trace trace = run_forward(model, inputs);

    ASSERT_GE(info["stages"].size(), 5u);
    for (const auto& stage : info["stages"]) {
        const std::string name = stage.get<std::string>();
        const Tensor expected = read_npy((dir / "expected" / (name + ".npy")).string());
        EXPECT_TRUE(test::near(*trace.tensor(name), expected, 2e-5)) << name;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, PyTorchFixture, ::testing::ValuesIn(case_names()));

}  // namespace
}  // namespace attn
