// A chat model's prompt format: tokenizer_config.json's chat_template (or chat_template.jinja)
// rendered as transformers' apply_chat_template does for one user turn plus the generation
// prompt, with the special tokens (bos_token, eos_token, …) the template may name.
#pragma once

#include "model/model.h"

#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace attn {

namespace jinja {
class Template;
}

struct ChatTemplate {
    std::string source;                         // the Jinja text
    std::map<std::string, std::string> tokens;  // bos_token, eos_token, unk_token, pad_token, …
    std::shared_ptr<const jinja::Template> compiled;  // source parsed once when read (null: parsed on use)
};

// The folder's chat template; nullopt when it has none. Throws attn::Error for a malformed
// tokenizer_config.json or a template Attention Lab cannot render (the sentence names the construct).
std::optional<ChatTemplate> read_chat_template(const std::string& folder);
// From tokenizer_config.json's text (and chat_template.jinja's, which wins when not empty).
std::optional<ChatTemplate> parse_chat_template(const std::string& tokenizer_config, const std::string& jinja_file = {});

// The text the model sees for one user message: template(messages=[{role: user, content: text}],
// add_generation_prompt=true, tools=none). `today` is what strftime_now formats (Llama 3.2's date line).
std::string apply_chat_template(const ChatTemplate& chat, const std::string& user_text, const std::tm& today);
std::string apply_chat_template(const ChatTemplate& chat, const std::string& user_text);  // today's date

// An opened model's prompt for one user message, by its own template; throws attn::Error when
// the model has none. Its ids are encoded without the tokenizer's special tokens: the template
// already holds them (<|begin_of_text|>, <|im_start|>), as transformers' apply_chat_template does.
std::string chat_prompt(const Model& model, const std::string& user_text);

}  // namespace attn
