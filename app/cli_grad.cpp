#include "cli_grad.h"

#include "base/file_io.h"
#include "cli_options.h"
#include "io/npy.h"
#include "learn/backward.h"
#include "learn/loss.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>

namespace attn::cli {

int run_grad(int argc, char** argv) {
    const Options options = parse_options(argc, argv, 2,
                                          {"--config", "--weights", "--text", "--target-text", "--src-embeddings",
                                           "--tgt-embeddings", "--labels", "--out"});
    const auto out = option(options, "--out");
    if (!out) throw UsageError("--out DIR is required: the folder to write loss.json and grads/ to");
    const auto labels_path = option(options, "--labels");
    if (!labels_path) throw UsageError("--labels L.npy is required: one integer label per position (−100 to ignore one)");
    const std::vector<int64_t> labels = read_npy_labels(*labels_path);

    const Computed computed = compute_from_options(options, false);
    const Model& model = *computed.model;
    if (model.config.output_vocab() == 0)
        throw Error("this model has no output head to compute a loss from: set vocab_size (or give a vocab) in the config");
    const Tensor& logits = *computed.trace->tensor("output.logits");
    if (static_cast<int64_t>(labels.size()) != logits.dim(0))
        throw Error(*labels_path + " holds " + std::to_string(labels.size()) + " labels but the " +
                    (model.config.architecture == Architecture::EncoderDecoder ? "target" : "input") + " has " +
                    std::to_string(logits.dim(0)) + " positions: give one label per position (−100 to ignore one)");
    const LossResult loss = cross_entropy(logits.matrix(), labels);
    const Gradients grads = backward(model, *computed.trace, "output.logits", Tensor::from_matrix(loss.dlogits));

    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(*out) / "grads", ec);
    if (ec) throw Error("cannot create the folder " + (fs::path(*out) / "grads").string() + ": " + ec.message());
    write_file_atomically((fs::path(*out) / "loss.json").string(), nlohmann::ordered_json{{"loss", loss.loss}}.dump(2) + "\n");
    for (const auto& [name, grad] : grads.params) write_npy((fs::path(*out) / "grads" / (name + ".npy")).string(), grad);
    write_npy((fs::path(*out) / "grads" / "src_embeddings.npy").string(), grads.stages.at("src.embeddings"));
    if (model.config.architecture == Architecture::EncoderDecoder)
        write_npy((fs::path(*out) / "grads" / "tgt_embeddings.npy").string(), grads.stages.at("tgt.embeddings"));
    for (const auto& w : computed.trace->warnings) std::cerr << "warning: " << w << "\n";
    std::cout << "loss " << loss.loss << " over " << loss.counted << " labelled positions; wrote " << grads.params.size()
              << " parameter gradients to " << (fs::path(*out) / "grads").string() << "\n";
    return 0;
}

}  // namespace attn::cli
