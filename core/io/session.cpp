#include "io/session.h"

#include <span>

#include "base/file_io.h"
#include "base/i18n.h"
#include "base/json_util.h"
#include "io/safetensors.h"

#include <algorithm>
#include <cmath>

namespace attn {
namespace {

using nlohmann::ordered_json;

ordered_json floats_to_json(std::span<const float> values) {
    ordered_json out = ordered_json::array();
    for (float v : values) out.push_back(v);  // float -> double is exact; nlohmann prints the shortest round trip
    return out;
}

std::vector<float> floats_from_json(const nlohmann::json& j, const std::string& what) {
    if (!j.is_array()) throw Error(what + " must be a list of numbers");
    std::vector<float> out;
    out.reserve(j.size());
    for (const auto& v : j) {
        if (!v.is_number()) throw Error(what + " must hold only numbers, not a " + json_type_name(v));
        const float f = to_float(v.get<double>());
        if (!std::isfinite(f)) throw Error(what + " holds a value that is not a finite float32 number");
        out.push_back(f);
    }
    return out;
}

const nlohmann::json& field(const nlohmann::json& object, const std::string& key, const std::string& what) {
    if (!object.contains(key)) throw Error(what + " has no '" + key + "'");
    return object.at(key);
}

std::string string_field(const nlohmann::json& object, const std::string& key) {
    if (!object.contains(key)) return {};
    if (!object[key].is_string()) throw Error("the session's '" + key + "' must be a string");
    return object[key].get<std::string>();
}

Session parse_session_json(const nlohmann::json& j);

}  // namespace

std::string session_to_json(const Session& s) {
    ordered_json edits = ordered_json::object();
    for (const auto& [name, t] : s.weight_edits) edits[name] = {{"shape", t.shape}, {"data", floats_to_json(t.data)}};
    ordered_json embeddings = ordered_json::object();
    for (const auto& [token, v] : s.embedding_edits) embeddings[token] = floats_to_json(v);
    ordered_json j = {
        {"format", "attention-lab-session"},
        {"version", kSessionFormatVersion},
        {"config", ordered_json::parse(config_to_json(s.config))},
        {"src_text", s.src_text},
        {"tgt_text", s.tgt_text},
        {"weights_path", s.weights_path},
        {"weight_edits", edits},
        {"embedding_edits", embeddings},
        {"view", {{"stage", s.view.stage}, {"head", s.view.head}}},
    };
    if (!s.task.empty()) j["task"] = s.task;
    if (!s.model_folder.empty()) j["model_folder"] = s.model_folder;
    if (!s.src_token_ids.empty()) j["src_token_ids"] = s.src_token_ids;
    if (s.chat) j["chat"] = true;
    if (!s.knocked_out.empty()) j["knocked_out"] = s.knocked_out;
    if (s.knock_out_mean) j["knock_out_mode"] = "mean";
    return j.dump(1) + "\n";
}

Session parse_session(const std::string& text) {
    try {
        return parse_session_json(parse_json_strict(text, "the session file"));
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("the session file is malformed: ") + e.what());
    }
}

namespace {

Session parse_session_json(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("format") || j["format"] != "attention-lab-session")
        throw Error("this is not an Attention Lab session file (no \"format\": \"attention-lab-session\")");
    const auto& version = field(j, "version", "the session");
    if (!version.is_number_integer() || version.get<int64_t>() > kSessionFormatVersion || version.get<int64_t>() < 1)
        throw Error("the session file has format version " + version.dump() + "; this app reads version " +
                    std::to_string(kSessionFormatVersion));
    static const std::vector<std::string> known = {"format", "version", "config", "src_text", "tgt_text",
                                                   "weights_path", "weight_edits", "embedding_edits", "view", "task",
                                                   "model_folder", "src_token_ids", "chat", "knocked_out", "knock_out_mode"};
    for (const auto& [key, _] : j.items())
        if (std::find(known.begin(), known.end(), key) == known.end())
            throw Error("unknown session field '" + key + "'");

    Session s;
    s.config = parse_config(field(j, "config", "the session").dump());
    s.src_text = string_field(j, "src_text");
    s.tgt_text = string_field(j, "tgt_text");
    s.weights_path = string_field(j, "weights_path");
    if (j.contains("task")) s.task = string_field(j, "task");
    if (j.contains("model_folder")) s.model_folder = string_field(j, "model_folder");
    if (j.contains("src_token_ids")) {
        const auto& ids = j["src_token_ids"];
        if (!ids.is_array()) throw Error("the session's src_token_ids must be a list of token ids");
        for (const auto& id : ids) {
            if (!id.is_number_unsigned() || id.get<uint64_t>() > (1u << 30)) throw Error("the session's src_token_ids holds " + id.dump() + ", not a token id");
            s.src_token_ids.push_back(static_cast<int32_t>(id.get<uint64_t>()));
        }
    }
    if (j.contains("chat")) {
        if (!j["chat"].is_boolean()) throw Error("the session's chat must be true or false");
        s.chat = j["chat"].get<bool>();
    }
    if (j.contains("knocked_out")) {
        const auto& heads = j["knocked_out"];
        if (!heads.is_array()) throw Error("the session's knocked_out must be a list of heads such as \"3.2\"");
        for (const auto& h : heads) {
            if (!h.is_string()) throw Error("the session's knocked_out holds " + h.dump() + ", not a head such as \"3.2\"");
            s.knocked_out.push_back(h.get<std::string>());
        }
    }
    if (j.contains("knock_out_mode")) {
        const auto& mode = j["knock_out_mode"];
        if (mode != "zero" && mode != "mean") throw Error("the session's knock_out_mode is \"zero\" or \"mean\", not " + mode.dump());
        s.knock_out_mean = mode == "mean";
    }
    if (j.contains("weight_edits")) {
        if (!j["weight_edits"].is_object()) throw Error("the session's weight_edits must be an object");
        for (const auto& [name, edit] : j["weight_edits"].items()) {
            const std::string what = "weight edit '" + name + "'";
            if (!edit.is_object()) throw Error(what + " must be an object with shape and data");
            const auto& shape = field(edit, "shape", what);
            if (!shape.is_array()) throw Error(what + ": shape must be a list of sizes");
            Tensor t;
            int64_t numel = 1;
            for (const auto& d : shape) {
                if (!d.is_number_unsigned() || d.get<uint64_t>() > (1u << 30)) throw Error(what + ": bad size " + d.dump());
                t.shape.push_back(d.get<int64_t>());
                numel *= t.shape.back();
                if (numel > (int64_t{1} << 31)) throw Error(what + ": shape is too large");
            }
            const std::vector<float> values = floats_from_json(field(edit, "data", what), what + " data");
            t.data.assign(values.begin(), values.end());
            if (static_cast<int64_t>(t.data.size()) != numel)
                throw Error(what + " has " + std::to_string(t.data.size()) + " numbers but shape " +
                            shape_to_string(t.shape) + " needs " + std::to_string(numel));
            s.weight_edits.emplace(name, std::move(t));
        }
    }
    if (j.contains("embedding_edits")) {
        if (!j["embedding_edits"].is_object()) throw Error("the session's embedding_edits must be an object");
        for (const auto& [token, v] : j["embedding_edits"].items())
            s.embedding_edits[token] = floats_from_json(v, "embedding of '" + token + "'");
    }
    if (j.contains("view")) {
        const auto& view = j["view"];
        if (!view.is_object()) throw Error("the session's view must be an object");
        s.view.stage = string_field(view, "stage");
        if (view.contains("head")) {
            if (!view["head"].is_number_integer() || view["head"].get<int64_t>() < 0 || view["head"].get<int64_t>() > 1 << 20)
                throw Error("the session's view head must be a whole number of at least 0");
            s.view.head = view["head"].get<int>();
        }
    }
    return s;
}

}  // namespace

Session load_session(const std::string& path) {
    try {
        return parse_session(read_text_file(path, "session file"));
    } catch (const Error& e) {
        const std::string message = e.what();
        if (message.rfind("cannot", 0) == 0) throw;
        throw Error(path + ": " + message);
    }
}

void save_session(const std::string& path, const Session& session) {
    write_file_atomically(path, session_to_json(session));
}

StateDict base_weights(const Session& session) {
    if (session.weights_path.empty()) return initial_state_dict(session.config);
    return read_safetensors(session.weights_path);
}

Model build_model(const Session& session, const StateDict& base, bool config_checked) {
    StateDict weights = base;
    std::vector<std::string> skipped;
    for (const auto& [name, edit] : session.weight_edits) {
        auto it = weights.find(name);
        if (it != weights.end() && it->second.shape == edit.shape) it->second = edit;
        else skipped.push_back("the edit of '" + name + "' no longer fits this config and is not applied");
    }
    Model model = config_checked ? make_model_of_valid_config(session.config, std::move(weights))
                                 : make_model(session.config, std::move(weights));
    model.warnings.insert(model.warnings.end(), skipped.begin(), skipped.end());
    return model;
}

SessionTokens tokenize_session(const Session& session) {
    SessionTokens tokens{tokenize_for(session.config, session.src_text), {}};
    if (session.config.architecture == Architecture::EncoderDecoder) tokens.tgt = tokenize_for(session.config, session.tgt_text);
    return tokens;
}

std::vector<HeadIntervention> session_interventions(const Session& session, const Config& config) {
    if (session.knocked_out.empty()) return {};
    std::string list;
    for (const std::string& h : session.knocked_out) list += (list.empty() ? "" : ",") + h;
    return parse_head_list(config, list, session.knock_out_mean ? HeadChange::Mean : HeadChange::Zero);
}

Inputs build_inputs(const Model& model, const Session& session, std::vector<std::string>* warnings) {
    return build_inputs(model, session, tokenize_session(session), warnings);
}

Inputs build_inputs(const Model& model, const Session& session, const SessionTokens& tokens,
                    std::vector<std::string>* warnings) {
    auto apply_edits = [&](Sequence& seq) {
        for (size_t i = 0; i < seq.tokens.size(); ++i) {
            auto it = session.embedding_edits.find(seq.tokens[i]);
            if (it == session.embedding_edits.end()) continue;
            if (static_cast<int>(it->second.size()) != model.config.d_model) {
                if (warnings)
                    warnings->push_back(fill(translate_text("attn", "the edited embedding of “%1” has %2 numbers but d_model is "
                                                                    "%3; it is not applied"),
                                             {it->first, std::to_string(it->second.size()), std::to_string(model.config.d_model)}));
                continue;
            }
            seq.embeddings.row(static_cast<Eigen::Index>(i)) = ConstRowVecMap(it->second.data(), model.config.d_model);
        }
    };
    Inputs in;
    in.interventions = session_interventions(session, model.config);
    in.src = sequence_from_tokens(model, tokens.src, warnings);
    apply_edits(in.src);
    if (model.config.architecture == Architecture::EncoderDecoder) {
        in.tgt = sequence_from_tokens(model, tokens.tgt, warnings);
        apply_edits(in.tgt);
    }
    return in;
}

}  // namespace attn
