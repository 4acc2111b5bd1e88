#include "io/trace_writer.h"

#include "base/file_io.h"
#include "io/npy.h"
#include "base/version.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace attn {

const char* to_string(Axis axis) {
    switch (axis) {
        case Axis::Head: return "head";
        case Axis::SrcToken: return "src_token";
        case Axis::TgtToken: return "tgt_token";
        case Axis::Feature: return "feature";
        case Axis::HeadFeature: return "head_feature";
        case Axis::Hidden: return "hidden";
        case Axis::Vocab: return "vocab";
    }
    return "?";
}

std::string manifest_json(const Trace& trace, const Config& config) {
    nlohmann::ordered_json stages = nlohmann::ordered_json::array();
    for (const auto& stage : trace.stages()) {
        std::vector<std::string> axes;
        for (Axis a : stage.axes) axes.emplace_back(to_string(a));
        stages.push_back({{"name", stage.name},
                          {"kind", to_string(stage.kind)},
                          {"shape", stage.shape()},
                          {"axes", axes},
                          {"description", stage.description},
                          {"formula", stage.formula},
                          {"file", stage.name + ".npy"}});
    }
    nlohmann::ordered_json manifest = {
        {"generator", std::string("attentionlab ") + kVersion},
        {"config", nlohmann::ordered_json::parse(config_to_json(config))},
        // Heads of K and V, for scripts that read k/v stages ([n, num_kv_heads · d_k]) without the config's default rule.
        {"num_kv_heads", config.kv_heads()},
        {"src_tokens", trace.src_tokens},
        {"tgt_tokens", trace.tgt_tokens},
        {"warnings", trace.warnings},
        {"stages", stages},
    };
    if (!trace.src_token_ids.empty()) {  // an imported model: its tokenizer's tokens (readable) and ids
        manifest["tokens"] = trace.src_tokens;
        manifest["token_ids"] = trace.src_token_ids;
    }
    return manifest.dump(2) + "\n";
}

void write_trace(const Trace& trace, const Config& config, const std::string& folder) {
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (!std::filesystem::is_directory(folder, ec))
        throw Error("cannot create the output folder '" + folder + "'" + (ec ? ": " + ec.message() : ""));
    const std::filesystem::path dir(folder);
    for (const auto& stage : trace.stages()) write_npy((dir / (stage.name + ".npy")).string(), *stage.tensor());
    write_file_atomically((dir / "manifest.json").string(), manifest_json(trace, config));
}

}  // namespace attn
