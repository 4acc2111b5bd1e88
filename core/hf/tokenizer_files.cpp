#include "hf/tokenizer_files.h"

#include "base/json_util.h"
#include "base/tensor.h"
#include "hf/bpe_tokenizer.h"
#include "hf/wordpiece_tokenizer.h"

#include <filesystem>
#include <limits>

namespace attn {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

json parse(const std::string& text, const std::string& file) {
    try {
        return parse_json_strict(text, file);
    } catch (const json::exception& e) {
        throw Error(file + " is malformed: " + e.what());
    }
}

std::unordered_map<std::string, int32_t> vocab_object(const json& v, const std::string& file) {
    if (!v.is_object()) throw Error(file + ": the vocab must be a JSON object of token: id");
    std::unordered_map<std::string, int32_t> vocab;
    for (const auto& [token, id] : v.items()) {
        if (!id.is_number_integer() || id.get<int64_t>() < 0 || id.get<int64_t>() > std::numeric_limits<int32_t>::max())
            throw Error(file + ": the id of '" + token + "' must be a whole number of at least 0, not " + id.dump());
        vocab.emplace(token, static_cast<int32_t>(id.get<int64_t>()));
    }
    if (vocab.empty()) throw Error(file + ": the vocab is empty");
    return vocab;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::string read_if_present(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec) ? read_text_file(path.string(), path.filename().string()) : std::string();
}

std::string string_or(const json& j, const char* key, const std::string& fallback) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

// A JSON list of steps, or one step, or none; a Sequence's list is under `key`.
json steps_of(const json& j, const char* key) {
    if (j.is_null()) return json::array();
    if (string_or(j, "type", "") == "Sequence") {
        const json& list = j.value(key, json::array());
        if (!list.is_array()) throw Error(std::string("tokenizer.json: a Sequence's \"") + key + "\" must be a list");
        return list;
    }
    return json::array({j});
}

// Replace's {"String": …} pattern (a Regex pattern is refused).
std::string replace_pattern(const json& step, const char* what) {
    const json& pattern = step.value("pattern", json());
    if (!pattern.is_object() || !pattern.contains("String") || !pattern["String"].is_string())
        throw Error(std::string("tokenizer.json: the ") + what + " Replace needs a {\"String\": …} pattern");
    return pattern["String"].get<std::string>();
}

void add_normalizer(const json& n, BpeOptions& options) {
    const std::string type = string_or(n, "type", "?");
    if (type == "NFC") options.normalizers.push_back({NormalizerStep::Kind::Nfc});
    else if (type == "Prepend") options.normalizers.push_back({NormalizerStep::Kind::Prepend, string_or(n, "prepend", "")});
    else if (type == "Replace") options.normalizers.push_back({NormalizerStep::Kind::Replace, replace_pattern(n, "normalizer"), string_or(n, "content", "")});
    else throw Error("tokenizer.json: the normalizer \"" + type + "\" is not supported (NFC, Prepend, Replace and Sequence are)");
}

// Metaspace's prepend_scheme, or the older add_prefix_space it replaced.
PreTokenizerStep::Prepend prepend_scheme(const json& p) {
    const std::string scheme = string_or(p, "prepend_scheme", "");
    if (scheme.empty()) return p.value("add_prefix_space", true) ? PreTokenizerStep::Prepend::Always : PreTokenizerStep::Prepend::Never;
    if (scheme == "always") return PreTokenizerStep::Prepend::Always;
    if (scheme == "first") return PreTokenizerStep::Prepend::First;
    if (scheme == "never") return PreTokenizerStep::Prepend::Never;
    throw Error("tokenizer.json: Metaspace's prepend_scheme \"" + scheme + "\" is not one of always, first, never");
}

// One pre-tokenizer of the pipeline, as steps; ByteLevel must come last (it maps bytes to symbols).
void add_pre_tokenizer(const json& p, bool last, BpeOptions& options) {
    const std::string type = string_or(p, "type", "?");
    if (type == "ByteLevel") {
        if (!last) throw Error("tokenizer.json: ByteLevel must be the last pre-tokenizer");
        if (p.value("add_prefix_space", false)) throw Error("tokenizer.json: ByteLevel with add_prefix_space is not supported");
        options.byte_level = true;
        if (p.value("use_regex", true)) options.steps.push_back({PreTokenizerStep::Kind::Split, gpt2_pattern()});
        return;
    }
    if (type == "Split") {
        const json& pattern = p.value("pattern", json());
        if (!pattern.is_object() || !pattern.contains("Regex") || !pattern["Regex"].is_string())
            throw Error("tokenizer.json: Split needs a {\"Regex\": …} pattern");
        if (string_or(p, "behavior", "") != "Isolated" || p.value("invert", false))
            throw Error("tokenizer.json: Split with behavior \"" + string_or(p, "behavior", "?") + "\" is not supported (Isolated is)");
        options.steps.push_back({PreTokenizerStep::Kind::Split, pattern["Regex"].get<std::string>()});
        return;
    }
    if (type == "Digits") {
        PreTokenizerStep step{PreTokenizerStep::Kind::Digits};
        step.individual_digits = p.value("individual_digits", false);
        options.steps.push_back(step);
        return;
    }
    if (type == "Metaspace") {
        PreTokenizerStep step{PreTokenizerStep::Kind::Metaspace};
        step.replacement = string_or(p, "replacement", "\u2581");
        if (step.replacement.empty()) throw Error("tokenizer.json: Metaspace's replacement is empty");
        step.prepend = prepend_scheme(p);
        step.split = p.value("split", true);
        options.steps.push_back(step);
        return;
    }
    throw Error("tokenizer.json: the pre-tokenizer \"" + type + "\" is not supported (ByteLevel, Split, Digits, Metaspace and Sequence are)");
}

void add_decoder(const json& d, BpeOptions& options) {
    const std::string type = string_or(d, "type", "?");
    DecoderStep step;
    if (type == "ByteLevel") step.kind = DecoderStep::Kind::ByteLevel;
    else if (type == "ByteFallback") step.kind = DecoderStep::Kind::ByteFallback;
    else if (type == "Fuse") step.kind = DecoderStep::Kind::Fuse;
    else if (type == "Replace") step = {DecoderStep::Kind::Replace, replace_pattern(d, "decoder"), string_or(d, "content", "")};
    else if (type == "Strip") {
        step = {DecoderStep::Kind::Strip, string_or(d, "content", " ")};
        step.start = d.value("start", 0);
        step.stop = d.value("stop", 0);
    } else if (type == "Metaspace") {
        step = {DecoderStep::Kind::Metaspace, string_or(d, "replacement", "\u2581")};
        step.strip_first_space = prepend_scheme(d) != PreTokenizerStep::Prepend::Never;
    } else throw Error("tokenizer.json: the decoder \"" + type + "\" is not supported (ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace and Sequence are)");
    options.decoders.push_back(step);
}

// The pipeline around a BPE model: normalizers, pre-tokenizers, the model's own rules, post-processor, decoders.
BpeOptions bpe_options(const json& model, const json& root) {
    BpeOptions options;
    options.steps.clear();
    options.decoders.clear();
    options.byte_level = false;
    options.ignore_merges = model.value("ignore_merges", false);
    options.byte_fallback = model.value("byte_fallback", false);
    options.fuse_unk = model.value("fuse_unk", false);
    options.unk = model.contains("unk_token") && model["unk_token"].is_string() ? model["unk_token"].get<std::string>() : "";
    for (const json& n : steps_of(root.value("normalizer", json()), "normalizers")) add_normalizer(n, options);
    const json pre = steps_of(root.value("pre_tokenizer", json()), "pretokenizers");
    for (size_t i = 0; i < pre.size(); ++i) {
        if (!pre[i].is_object()) throw Error("tokenizer.json: pre-tokenizer " + std::to_string(i) + " must be an object");
        add_pre_tokenizer(pre[i], i + 1 == pre.size(), options);
    }
    for (const json& d : steps_of(root.value("decoder", json()), "decoders")) add_decoder(d, options);
    if (root.value("decoder", json()).is_null() && options.byte_level) options.decoders.push_back({DecoderStep::Kind::ByteLevel});
    // TemplateProcessing's single-sequence template: special tokens around $A (Llama 3's <|begin_of_text|>, Llama 2's <s>).
    for (const json& p : steps_of(root.value("post_processor", json()), "processors")) {
        if (string_or(p, "type", "") != "TemplateProcessing") continue;
        bool after = false;
        for (const json& item : p.value("single", json::array())) {
            if (item.contains("Sequence")) after = true;
            else if (item.contains("SpecialToken") && item["SpecialToken"].contains("id") && item["SpecialToken"]["id"].is_string())
                (after ? options.suffix : options.prefix).push_back(item["SpecialToken"]["id"].get<std::string>());
        }
    }
    return options;
}

std::shared_ptr<const TextTokenizer> bpe_from_json(const json& model, const json& root) {
    auto vocab = vocab_object(model.value("vocab", json()), "tokenizer.json");
    const json& merges = model.value("merges", json::array());
    if (!merges.is_array()) throw Error("tokenizer.json: model.merges must be a list");
    std::vector<std::pair<std::string, std::string>> pairs;
    for (size_t i = 0; i < merges.size(); ++i) {
        const json& m = merges[i];
        if (m.is_string()) {  // "a b"
            const std::string s = m.get<std::string>();
            const size_t space = s.find(' ');
            if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
                throw Error("tokenizer.json: merge " + std::to_string(i) + " (\"" + s + "\") must be two tokens separated by one space");
            pairs.emplace_back(s.substr(0, space), s.substr(space + 1));
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {  // ["a", "b"]
            pairs.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
        } else {
            throw Error("tokenizer.json: merge " + std::to_string(i) + " must be \"a b\" or [\"a\", \"b\"]");
        }
    }
    BpeOptions options = bpe_options(model, root);
    std::vector<std::string> special;
    for (const auto& added : root.value("added_tokens", json::array()))
        if (added.is_object() && added.contains("content") && added["content"].is_string()) {
            const std::string content = added["content"].get<std::string>();
            if (!vocab.count(content)) {
                if (!added.contains("id") || !added["id"].is_number_integer()) throw Error("tokenizer.json: added token '" + content + "' has no id");
                vocab.emplace(content, static_cast<int32_t>(added["id"].get<int64_t>()));
            }
            special.push_back(content);
        }
    return std::make_shared<BpeTokenizer>(std::move(vocab), pairs, std::move(special), std::move(options));
}

std::shared_ptr<const TextTokenizer> wordpiece_from_json(const json& model, const json& root) {
    const auto vocab = vocab_object(model.value("vocab", json()), "tokenizer.json");
    std::vector<std::string> tokens(vocab.size());
    for (const auto& [token, id] : vocab) {
        if (static_cast<size_t>(id) >= tokens.size() || !tokens[static_cast<size_t>(id)].empty())
            throw Error("tokenizer.json: the vocab's ids must be 0 to " + std::to_string(tokens.size() - 1) + ", each once");
        tokens[static_cast<size_t>(id)] = token;
    }
    WordPieceOptions options;
    options.unk = string_or(model, "unk_token", "[UNK]");
    options.prefix = string_or(model, "continuing_subword_prefix", "##");
    if (model.contains("max_input_chars_per_word") && model["max_input_chars_per_word"].is_number_integer())
        options.max_chars_per_word = static_cast<int>(model["max_input_chars_per_word"].get<int64_t>());
    const json& normalizer = root.value("normalizer", json());
    if (!normalizer.is_null()) {
        if (string_or(normalizer, "type", "") != "BertNormalizer")
            throw Error("tokenizer.json: a WordPiece model needs BERT's BertNormalizer; this one has \"" + string_or(normalizer, "type", "?") + "\"");
        options.lower_case = normalizer.value("lowercase", true);
        options.chinese_chars = normalizer.value("handle_chinese_chars", true);
        if (normalizer.contains("strip_accents") && normalizer["strip_accents"].is_boolean())
            options.strip_accents = normalizer["strip_accents"].get<bool>();
    }
    return std::make_shared<WordPieceTokenizer>(std::move(tokens), options);
}

}  // namespace

std::unordered_map<std::string, int32_t> parse_vocab_json(const std::string& text) {
    return vocab_object(parse(text, "vocab.json"), "vocab.json");
}

std::vector<std::pair<std::string, std::string>> parse_merges_txt(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> merges;
    const auto lines = lines_of(text);
    for (size_t i = 0; i < lines.size(); ++i) {
        std::string line = lines[i];
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || (i == 0 && line.rfind("#version", 0) == 0)) continue;
        const size_t space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 == line.size() || line.find(' ', space + 1) != std::string::npos)
            throw Error("merges.txt line " + std::to_string(i + 1) + " must be two tokens separated by one space, not \"" +
                        line.substr(0, 40) + "\"");
        merges.emplace_back(line.substr(0, space), line.substr(space + 1));
    }
    return merges;
}

std::vector<std::string> parse_vocab_txt(const std::string& text) {
    std::vector<std::string> tokens = lines_of(text);  // load_vocab: one token per line, "\n" stripped
    if (tokens.empty()) throw Error("vocab.txt is empty");
    return tokens;
}

std::shared_ptr<const TextTokenizer> parse_tokenizer_json(const std::string& text) {
    const json root = parse(text, "tokenizer.json");
    if (!root.is_object() || !root.contains("model") || !root["model"].is_object())
        throw Error("tokenizer.json has no \"model\" object");
    const std::string type = string_or(root["model"], "type", "");
    try {
        if (type == "BPE") return bpe_from_json(root["model"], root);
        if (type == "WordPiece") return wordpiece_from_json(root["model"], root);
    } catch (const json::exception& e) {  // a key of the wrong type ("byte_fallback": "yes")
        throw Error(std::string("tokenizer.json: a setting has the wrong type: ") + e.what());
    }
    throw Error("tokenizer.json: model type \"" + type + "\" is not supported; Attention Lab reads byte-level BPE and BERT's WordPiece");
}

std::shared_ptr<const TextTokenizer> load_tokenizer(const std::string& folder, TokenizerKind kind) {
    const fs::path dir(folder);
    if (const std::string tj = read_if_present(dir / "tokenizer.json"); !tj.empty()) return parse_tokenizer_json(tj);
    if (kind == TokenizerKind::ByteLevelBpe) {
        const std::string vocab = read_if_present(dir / "vocab.json"), merges = read_if_present(dir / "merges.txt");
        if (vocab.empty() || merges.empty())
            throw Error("the folder has no GPT-2 tokenizer: it needs tokenizer.json, or vocab.json and merges.txt");
        auto v = parse_vocab_json(vocab);
        std::vector<std::string> special;
        if (v.count("<|endoftext|>")) special.push_back("<|endoftext|>");
        return std::make_shared<BpeTokenizer>(std::move(v), parse_merges_txt(merges), std::move(special));
    }
    const std::string vocab = read_if_present(dir / "vocab.txt");
    if (vocab.empty()) throw Error("the folder has no BERT tokenizer: it needs tokenizer.json or vocab.txt");
    WordPieceOptions options;
    if (const std::string config = read_if_present(dir / "tokenizer_config.json"); !config.empty()) {
        const json c = parse(config, "tokenizer_config.json");
        if (c.is_object()) {
            if (c.contains("do_lower_case") && c["do_lower_case"].is_boolean()) options.lower_case = c["do_lower_case"].get<bool>();
            if (c.contains("strip_accents") && c["strip_accents"].is_boolean()) options.strip_accents = c["strip_accents"].get<bool>();
            if (c.contains("tokenize_chinese_chars") && c["tokenize_chinese_chars"].is_boolean())
                options.chinese_chars = c["tokenize_chinese_chars"].get<bool>();
        }
    }
    return std::make_shared<WordPieceTokenizer>(parse_vocab_txt(vocab), options);
}

}  // namespace attn
