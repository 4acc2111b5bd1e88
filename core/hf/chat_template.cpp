#include "hf/chat_template.h"

#include "base/json_util.h"
#include "base/tensor.h"
#include "hf/jinja.h"

#include <filesystem>

namespace attn {
namespace {

using nlohmann::json;

// tokenizer_config.json spells a special token as a string or as an AddedToken object.
std::optional<std::string> token_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object() && v.contains("content") && v["content"].is_string()) return v["content"].get<std::string>();
    return std::nullopt;
}

}  // namespace

std::optional<ChatTemplate> parse_chat_template(const std::string& tokenizer_config, const std::string& jinja_file) {
    ChatTemplate chat;
    if (!tokenizer_config.empty()) {
        json c;
        try {
            c = parse_json_strict(tokenizer_config, "tokenizer_config.json");
        } catch (const json::exception& e) {
            throw Error(std::string("tokenizer_config.json is malformed: ") + e.what());
        }
        if (c.is_object()) {
            for (const char* key : {"bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token"})
                if (c.contains(key))
                    if (auto text = token_text(c[key])) chat.tokens[key] = *text;
            const json& t = c.value("chat_template", json());
            if (t.is_string()) chat.source = t.get<std::string>();
            else if (t.is_array()) {  // named templates: transformers uses "default" for a plain chat
                for (const auto& item : t)
                    if (item.is_object() && item.value("name", json()) == "default" && item.value("template", json()).is_string())
                        chat.source = item["template"].get<std::string>();
                if (chat.source.empty()) throw Error("tokenizer_config.json's chat_template list has no template named \"default\"");
            } else if (!t.is_null()) {
                throw Error("tokenizer_config.json's chat_template must be a string or a list of named templates");
            }
        }
    }
    if (!jinja_file.empty()) chat.source = jinja_file;
    if (chat.source.empty()) return std::nullopt;
    // Parsed now: what cannot be rendered is refused when the folder opens, not at the first prompt,
    // and each keystroke of a chat text renders without parsing again.
    chat.compiled = std::make_shared<const jinja::Template>(chat.source);
    return chat;
}

std::optional<ChatTemplate> read_chat_template(const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    auto read = [&](const char* name) {
        const fs::path p = fs::path(folder) / name;
        return fs::is_regular_file(p, ec) ? read_text_file(p.string(), name) : std::string();
    };
    return parse_chat_template(read("tokenizer_config.json"), read("chat_template.jinja"));
}

std::string apply_chat_template(const ChatTemplate& chat, const std::string& user_text, const std::tm& today) {
    jinja::Value context = {{"messages", jinja::Value::array({{{"role", "user"}, {"content", user_text}}})},
                            {"add_generation_prompt", true},
                            {"tools", nullptr},
                            {"documents", nullptr}};
    for (const auto& [key, text] : chat.tokens) context[key] = text;
    if (chat.compiled) return chat.compiled->render(context, today);
    return jinja::Template(chat.source).render(context, today);
}

std::string apply_chat_template(const ChatTemplate& chat, const std::string& user_text) {
    const std::time_t now = std::time(nullptr);
    std::tm today{};
    localtime_r(&now, &today);
    return apply_chat_template(chat, user_text, today);
}

std::string chat_prompt(const Model& model, const std::string& user_text) {
    if (!model.card || !model.card->chat)
        throw Error("this model has no chat template (its tokenizer_config.json has no chat_template): give the text as it is");
    return apply_chat_template(*model.card->chat, user_text);
}

}  // namespace attn
