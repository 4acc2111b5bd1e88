// The subset of Jinja that chat templates use, rendered as transformers' apply_chat_template does
// (jinja2 with trim_blocks and lstrip_blocks, the loopcontrols extension, a single trailing newline
// of the template dropped): {% if/elif/else %}, {% for … in … [if …] %} with loop.*, {% set %}
// (namespace attributes too), {% break/continue %}, {% generation %}; expressions with Python's
// operators, literals, slices, filters, tests, string and dict methods, namespace(), range(),
// raise_exception() and strftime_now(). Anything else is refused in one sentence naming it.
#pragma once

#include <nlohmann/json.hpp>

#include <ctime>
#include <memory>
#include <string>

namespace attn::jinja {

// Values are JSON; Jinja's undefined is a discarded JSON value.
using Value = nlohmann::ordered_json;

struct Node;

class Template {
public:
    // Throws attn::Error on a syntax error or a construct this renderer does not support.
    explicit Template(const std::string& source);
    ~Template();
    Template(Template&&) noexcept;

    // `today` is what strftime_now() formats. Throws attn::Error (raise_exception, a type error).
    std::string render(const Value& context, const std::tm& today) const;

private:
    std::shared_ptr<const Node> root_;
};

}  // namespace attn::jinja
