// A session: everything a user made, in one documented JSON file
// (docs/SESSION_FORMAT.md): the config, the texts, the weights file used (if
// any), every edited weight tensor and token embedding, and what was on screen.
// Floats are stored as JSON numbers that read back bit-identically.
#pragma once

#include "model/config.h"
#include "model/checkpoint_torch.h"
#include "engine/forward.h"

#include <map>
#include <string>
#include <vector>

namespace attn {

struct ViewState {
    std::string stage;  // selected trace stage
    int head = 0;
    bool operator==(const ViewState&) const = default;
};

struct Session {
    Config config;
    std::string src_text = "the cat sat on the mat";
    std::string tgt_text;       // encoder-decoder target
    std::string weights_path;   // safetensors file ("builtin:<task>" for a shipped model); empty = weights from the seed
    std::string task;           // a built-in training task whose answers label the input (empty: none), for gradients
    // A Hugging Face model folder (hf/hf_model.h) the session's model is opened from; its config,
    // weights and tokenizer come from there, and the config here is a copy (empty: the app's own model).
    std::string model_folder;
    // An opened model's token ids of src_text when they came from the model itself (generated, or
    // a predicted token appended): src_text is their decoding, and they are the input as they are,
    // never split again (a byte token of half a character would come back as two). Empty: the
    // tokenizer's ids of src_text. Editing the text drops them.
    std::vector<int32_t> src_token_ids;
    // An opened chat model's text wrapped in its chat template (one user turn and the assistant's
    // prompt) before it is tokenized (hf/chat_template.h).
    bool chat = false;
    // Self-attention heads knocked out ("L.H" of the stack that predicts; engine/interventions.h):
    // each passes on zeros, or its mean output over the text with knock_out_mean.
    std::vector<std::string> knocked_out;
    bool knock_out_mean = false;
    StateDict weight_edits;     // whole tensors the user edited, by state-dict name
    std::map<std::string, std::vector<float>> embedding_edits;  // token -> its edited vector (D)
    ViewState view;

    bool operator==(const Session&) const = default;
};

inline constexpr int kSessionFormatVersion = 1;

std::string session_to_json(const Session& session);
// Throws attn::Error naming what is wrong (bad JSON, unknown field, bad config,
// wrong type, a tensor whose data does not fit its shape).
Session parse_session(const std::string& json_text);
Session load_session(const std::string& path);
void save_session(const std::string& path, const Session& session);  // atomic

// The session's knocked-out heads as interventions on a model of this config (none when there are
// none). Throws attn::Error naming a head the model does not have.
std::vector<HeadIntervention> session_interventions(const Session& session, const Config& config);

// The weights the session's model starts from: the file's, or the seed's.
StateDict base_weights(const Session& session);
// The model: base weights with the edits applied (edits whose shape no longer
// fits the config are skipped with a warning in Model::warnings). The config
// is validated unless config_checked says the caller did.
Model build_model(const Session& session, const StateDict& base, bool config_checked = false);

// The session's texts as the model's tokens (the target's only for encoder-decoder models).
struct SessionTokens {
    std::vector<std::string> src, tgt;
};
SessionTokens tokenize_session(const Session& session);
// The inputs: tokens embedded, then edited embeddings applied.
Inputs build_inputs(const Model& model, const Session& session, const SessionTokens& tokens,
                    std::vector<std::string>* warnings = nullptr);
// Tokenizes the session's texts first.
Inputs build_inputs(const Model& model, const Session& session, std::vector<std::string>* warnings = nullptr);

}  // namespace attn
