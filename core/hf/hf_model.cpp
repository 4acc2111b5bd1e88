#include "hf/hf_model.h"

#include "hf/chat_template.h"

#include "base/json_util.h"
#include "hf/hf_config.h"
#include "model/text_tokenizer.h"
#include "hf/tokenizer_files.h"
#include "io/safetensors.h"
#include "model/family.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace attn {
namespace {

namespace fs = std::filesystem;

// The weight files, in order: model.safetensors, or the shards its index lists.
std::vector<fs::path> weight_files(const fs::path& dir) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "model.safetensors", ec)) return {dir / "model.safetensors"};
    if (fs::is_regular_file(dir / "model.safetensors.index.json", ec)) {
        std::vector<fs::path> files;
        for (const auto& shard : parse_safetensors_index(read_text_file((dir / "model.safetensors.index.json").string(), "model.safetensors.index.json"))) {
            if (!fs::is_regular_file(dir / shard, ec))
                throw Error("model.safetensors.index.json lists the shard '" + shard + "', which is not in the folder");
            files.push_back(dir / shard);
        }
        return files;
    }
    if (fs::is_regular_file(dir / "pytorch_model.bin", ec))
        throw Error("the folder has only pytorch_model.bin; Attention Lab reads model.safetensors (on a connected machine, "
                    "download the model's safetensors files, or save it with save_pretrained(..., safe_serialization=True))");
    throw Error("the folder has no model.safetensors (nor model.safetensors.index.json with its shards)");
}

int64_t parameters_read(const ModelWeights& w) {
    std::set<const void*> seen;  // tied and split views count once
    int64_t n = 0;
    auto add = [&](const void* data, int64_t count) {
        if (data && seen.insert(data).second) n += count;
    };
    auto add_matrix = [&](const WeightMatrix& m) {
        add(m.bf16 ? static_cast<const void*>(m.bf16) : static_cast<const void*>(m.data), m.rows * m.cols);
    };
    auto matrix = [&](const std::optional<WeightMatrix>& m) { if (m) add_matrix(*m); };
    auto linear = [&](const LinearWeights& l) { add_matrix(l.weight), add(l.bias.data, l.bias.size); };
    auto norm = [&](const NormWeights& l) { add(l.weight.data, l.weight.size), add(l.bias.data, l.bias.size); };
    matrix(w.token_embedding), matrix(w.positions), matrix(w.token_types);
    if (w.embedding_norm) norm(*w.embedding_norm);
    for (const StackWeights* s : {&w.encoder, &w.decoder}) {
        for (const auto& layer : s->layers) {
            for (const LinearWeights* l : {&layer.self_attn.q, &layer.self_attn.k, &layer.self_attn.v, &layer.self_attn.out,
                                           &layer.ffn.linear1, &layer.ffn.linear2})
                linear(*l);
            if (layer.ffn.gate) linear(*layer.ffn.gate);  // SwiGLU's gate
            for (const auto& v : {layer.self_attn.q_norm, layer.self_attn.k_norm})
                if (v) add(v->data, v->size);  // Qwen3's QK-norm γ
            for (const auto& nw : layer.norms) norm(nw);
        }
        if (s->final_norm) norm(*s->final_norm);
    }
    if (w.head_transform) linear(w.head_transform->dense), norm(w.head_transform->norm);
    if (w.generator) linear(*w.generator);
    return n;
}

}  // namespace

std::vector<std::string> parse_safetensors_index(const std::string& json_text) {
    nlohmann::json root;
    try {
        root = parse_json_strict(json_text, "model.safetensors.index.json");
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("model.safetensors.index.json is malformed: ") + e.what());
    }
    if (!root.is_object() || !root.contains("weight_map") || !root["weight_map"].is_object() || root["weight_map"].empty())
        throw Error("model.safetensors.index.json has no \"weight_map\" of tensor names to shard files");
    std::vector<std::string> shards;
    for (const auto& [name, file] : root["weight_map"].items()) {
        if (!file.is_string()) throw Error("model.safetensors.index.json: the shard of '" + name + "' must be a file name");
        const std::string f = file.get<std::string>();
        if (f.empty() || f.find('/') != std::string::npos || f.find('\\') != std::string::npos || f == "." || f == "..")
            throw Error("model.safetensors.index.json: the shard '" + f + "' must be a file name in the same folder");
        if (std::find(shards.begin(), shards.end(), f) == shards.end()) shards.push_back(f);
    }
    std::sort(shards.begin(), shards.end());
    return shards;
}

bool is_hf_model_folder(const std::string& folder) {
    std::error_code ec;
    return fs::is_directory(folder, ec) && fs::is_regular_file(fs::path(folder) / "config.json", ec);
}

Model open_hf_model(const std::string& folder, const OpenProgress& progress) {
    const fs::path dir(folder);
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("'" + folder + "' is not a folder; give the folder that holds config.json");
    if (!fs::is_regular_file(dir / "config.json", ec))
        throw Error("'" + folder + "' has no config.json; give a Hugging Face model folder (config.json, model.safetensors, tokenizer files)");
    auto report = [&](double fraction) {
        if (progress && !progress(fraction)) throw Cancelled();
    };
    report(0);
    HfConfig hf = parse_hf_config(read_text_file((dir / "config.json").string(), "config.json"));
    Config& c = hf.config;
    const auto files = weight_files(dir);
    auto tokenizer = load_tokenizer(folder, describe(c.family).tokenizer);
    // Qwen2.5 pads its embedding past the tokenizer (151 936 rows for 151 665 tokens): rows no text reaches.
    if (tokenizer->vocab_size() > c.vocab_size || (tokenizer->vocab_size() < c.vocab_size && !describe(c.family).vocab_may_exceed_tokenizer))
        throw Error("the tokenizer has " + std::to_string(tokenizer->vocab_size()) + " tokens but config.json says vocab_size " +
                    std::to_string(c.vocab_size) + "; are they from the same model?");
    c.vocab.reserve(static_cast<size_t>(c.vocab_size));
    for (int32_t id = 0; id < tokenizer->vocab_size(); ++id) c.vocab.push_back(tokenizer->label(id));
    for (int32_t id = tokenizer->vocab_size(); id < c.vocab_size; ++id) c.vocab.push_back("<unused " + std::to_string(id) + ">");
    report(0.05);

    const FamilyDescriptor& family = describe(c.family);
    const CheckpointLayout layout = family.layout(c);
    std::set<std::string> stored_transposed;  // GPT-2's Conv1D weights: read as (Out, In) straight away
    std::set<std::string> bf16_kept;           // matrices left in BF16 when stored so: half the memory
    for (const auto& row : layout) {
        if (row.transposed) stored_transposed.insert(row.name);
        if (keeps_bf16(row)) bf16_kept.insert(row.name);
    }
    StateDict weights;
    Bf16Dict compact;
    std::set<std::string> dtypes;
    int64_t bytes = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        SafetensorsOptions read;
        read.dtypes = &dtypes;
        read.transpose = [&](const std::string& name) { return stored_transposed.count(canonical_tensor_name(family, name)) > 0; };
        read.keep_bf16 = [&](const std::string& name) { return bf16_kept.count(canonical_tensor_name(family, name)) > 0; };
        Bf16Dict shard_bf16;
        read.bf16 = &shard_bf16;
        StateDict shard = read_safetensors(files[i].string(), read);
        auto adopt = [&](const std::string& name, auto& into, auto&& tensor) {
            const std::string n = canonical_tensor_name(family, name);
            if (is_ignored_tensor(family, n)) return;
            if (weights.count(n) || compact.count(n) || !into.emplace(n, std::move(tensor)).second)
                throw Error("the tensor '" + name + "' is in two shards; the index and the files disagree");
        };
        for (auto& [name, tensor] : shard) adopt(name, weights, tensor);
        for (auto& [name, tensor] : shard_bf16) adopt(name, compact, tensor);
        bytes += static_cast<int64_t>(fs::file_size(files[i], ec));
        report(0.05 + 0.85 * static_cast<double>(i + 1) / static_cast<double>(files.size()));
    }
    Model model;
    model.warnings = adopt_state_dict(layout, weights, /*already_transposed=*/true, std::string("this ") + family.name + " model",
                                      "this model", &compact);
    if (!compact.empty()) model.compact = std::make_shared<const Bf16Dict>(std::move(compact));
    model.config = std::move(c);
    model.weights = std::move(weights);
    model.tokenizer = std::move(tokenizer);
    ModelCard card;
    card.kind = family.name;
    card.folder = fs::absolute(dir, ec).lexically_normal().string();
    card.file_bytes = bytes;
    for (const auto& d : dtypes) card.dtype += (card.dtype.empty() ? "" : " + ") + d;
    if (model.compact)
        for (const auto& [name, half] : *model.compact) card.bf16_bytes += 2 * half.numel();
    const ModelWeights bound = model.bind();
    card.parameters = parameters_read(bound);
    card.has_head = bound.generator.has_value();
    card.end_token_ids = hf.end_token_ids;
    try {  // a template that cannot be rendered costs the chat wrapping, not the model
        if (auto chat = read_chat_template(folder)) card.chat = std::make_shared<const ChatTemplate>(std::move(*chat));
    } catch (const Error& e) {
        model.warnings.push_back(std::string(e.what()) + "; the text is used without the chat format");
    }
    model.card = std::move(card);
    report(1);
    return model;
}

}  // namespace attn
