// A model family as data: its checkpoint layout (model/checkpoint_layout.h), how its files
// name tensors, how its config.json spells the config, and the traits the rest of the app
// asks about (what it predicts, how its tokenizer wraps a text). Nothing outside
// model/families/ switches on Family: it reads the descriptor. A new family is one file in
// model/families/ plus its new operations (docs/ARCHITECTURE.md, "Adding a model family").
#pragma once

#include "model/checkpoint_layout.h"
#include "model/config.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <variant>
#include <vector>

namespace attn {

// What the output head predicts.
enum class PredictionKind {
    NextToken,    // a causal LM: the token after the last one
    MaskedWords,  // a masked LM: a word for every [MASK]
};

// The tokenizer the family's folders ship (hf/tokenizer_files.h), when not in tokenizer.json.
enum class TokenizerKind { AppWords, ByteLevelBpe, WordPiece };

// One config.json key read into a Config field (llama.cpp's LLM_KV table).
struct ConfigKey {
    const char* key;
    std::variant<int Config::*, double Config::*, bool Config::*, Activation Config::*> field;
    std::variant<std::monostate, int, double, bool, const char*> fallback;  // monostate: required
};

// A string config.json key that must hold one value (BERT's position_embedding_type).
struct RequiredValue {
    const char* key;
    const char* value;     // also the value when the key is absent
    const char* refusal;   // the sentence after "config.json: <key> is \"<found>\"; "
};

struct FamilyDescriptor {
    Family id = Family::Transformer;
    const char* model_type = "";  // config.json's ("gpt2"); "" for nn.Transformer
    const char* name = "";   // for people ("GPT-2")

    // Checkpoint names.
    CheckpointLayout (*layout)(const Config&) = nullptr;
    std::vector<std::string> prefixes{};                            // removed when a file has them ("transformer.")
    std::vector<std::pair<std::string, std::string>> suffix_renames{};// old spellings transformers renames on load
    std::vector<std::string> ignored_suffixes{};                    // buffers the model recomputes (".attn.bias")
    std::vector<std::string> ignored_prefixes{};                    // parts the app does not compute ("pooler.")

    // config.json: the fixed knob values, then the keys read over them.
    Config base{};
    std::vector<ConfigKey> config_keys{};
    std::vector<RequiredValue> required_values{};
    // What a key table cannot say (nested objects such as rope_scaling, flags that refuse): read after
    // the keys; throws attn::Error with the sentence for config.json.
    void (*read_special)(const nlohmann::json& root, Config&) = nullptr;
    void (*finish_config)(Config&) = nullptr;  // fallbacks that depend on other fields

    // Traits.
    TokenizerKind tokenizer = TokenizerKind::AppWords;
    bool vocab_may_exceed_tokenizer = false;  // embedding rows no text reaches (Qwen2.5 pads 151 665 to 151 936)
    PredictionKind prediction = PredictionKind::NextToken;
    bool special_tokens_wrap_text = false;  // [CLS] … [SEP]: kept when cutting, not words of the text
    const char* label_gap = "";             // between a context and a predicted token's label (BERT's have no ␣)
    const char* example_text = "the cat sat on the mat";
    const char* example_text_chinese = "the cat sat on the mat";  // when the vocab has no "the"
    const char* no_head_problem = "this model has no output head over a vocabulary: it cannot predict tokens";
    const char* no_generation_problem = "generation needs a decoder-only model";
};

// The descriptor of a family.
const FamilyDescriptor& describe(Family family);
// The descriptor whose model_type is `model_type`, or null.
const FamilyDescriptor* family_of_model_type(const std::string& model_type);
// The model types that can be opened from a folder, for messages: "GPT-2 (model_type \"gpt2\") and …".
std::string supported_model_types();

// A file's tensor name as the family's layout spells it: prefix removed, old spellings renamed.
std::string canonical_tensor_name(const FamilyDescriptor& family, const std::string& name);
// Whether the family's files may hold this tensor without the model reading it (buffers, unused heads).
bool is_ignored_tensor(const FamilyDescriptor& family, const std::string& canonical_name);

}  // namespace attn
