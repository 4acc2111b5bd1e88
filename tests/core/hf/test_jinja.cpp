// The chat-template renderer (core/hf/jinja*.cpp): every case of tests/data/jinja/cases.json
// rendered as jinja2 renders it (scripts/make_jinja_cases.py wrote them with Debian's
// python3-jinja2, set up as transformers sets it up), then what it refuses, one sentence each.
// The real templates of Qwen, Llama and SmolLM2 are checked in test_tokenizer_peers.cpp.
#include "hf/chat_template.h"
#include "hf/jinja.h"
#include "base/tensor.h"

#include <gtest/gtest.h>

#include <fstream>

namespace attn {
namespace {

std::tm some_day() {
    std::tm t{};
    t.tm_year = 126, t.tm_mon = 11, t.tm_mday = 6;
    return t;
}

std::string render(const std::string& source, const jinja::Value& context = jinja::Value::object()) {
    return jinja::Template(source).render(context, some_day());
}

std::string error(const std::string& source, const jinja::Value& context = jinja::Value::object()) {
    try {
        (void)render(source, context);
    } catch (const Error& e) {
        return e.what();
    }
    return "(rendered)";
}

TEST(Jinja, RendersEveryCaseAsJinja2Does) {
    std::ifstream in(std::string(ATTN_TEST_DATA) + "/jinja/cases.json");
    const auto data = jinja::Value::parse(std::string{std::istreambuf_iterator<char>(in), {}});
    ASSERT_GE(data["cases"].size(), 16u);
    for (const auto& c : data["cases"]) {
        const std::string source = c[0].get<std::string>();
        EXPECT_EQ(render(source, data["context"]), c[1].get<std::string>()) << source;
    }
}

TEST(Jinja, WhitespaceRulesByHand) {
    // trim_blocks eats the newline after a block tag; lstrip_blocks the indentation before one.
    EXPECT_EQ(render("  {% if true %}\nx\n  {% endif %}\ny"), "x\ny");
    // Not at a line's start, the spaces before a tag stay; {%+ keeps them anyway.
    EXPECT_EQ(render("a  {% if true %}b{% endif %}"), "a  b");
    EXPECT_EQ(render("  {%+ if true %}b{% endif %}"), "  b");
    // {{ }} is not a block: no trimming around it; one trailing newline of the template is dropped.
    EXPECT_EQ(render("  {{ 'v' }}\n\n"), "  v\n");
}

TEST(Jinja, RefusesWhatItCannotRenderInOneSentence) {
    EXPECT_EQ(error("{% macro f() %}x{% endmacro %}"), "the chat template uses {% macro %}, which Attention Lab cannot render (line 1)");
    EXPECT_EQ(error("{% include 'other' %}"), "the chat template uses {% include %}, which Attention Lab cannot render (line 1)");
    EXPECT_EQ(error("{{ x | wordwrap }}"), "the chat template uses the filter 'wordwrap', which Attention Lab cannot render (line 1)");
    EXPECT_EQ(error("{{ x is divisibleby(3) }}"), "the chat template uses the test 'is divisibleby', which Attention Lab cannot render (line 1)");
    EXPECT_EQ(error("{{ cycler() }}"), "the chat template calls cycler(), which Attention Lab cannot render (line 1)");
    EXPECT_EQ(error("\n\n{% if x %}"), "the chat template is missing {% endif %} (line 3)");
    EXPECT_EQ(error("{{ 'open }}"), "the chat template has a string that is never closed (line 1)");
    EXPECT_EQ(error("{{ a +* b }}"), "the chat template has an unexpected '*' in an expression (line 1)");
    EXPECT_EQ(error("{{ raise_exception('Only user and assistant roles are supported!') }}"),
              "the chat template refused the conversation: Only user and assistant roles are supported!");
    EXPECT_EQ(error("{{ 1 + 'a' }}"), "the chat template applies '+' to a number and a string (line 1)");
    EXPECT_EQ(error("{{ x[0] }}"), "the chat template indexes an undefined value (line 1)");
}

TEST(ChatTemplate, ReadsTokenizerConfigAndRefusesAMalformedOne) {
    const auto chat = parse_chat_template(R"({"bos_token": {"content": "<s>", "__type": "AddedToken"}, "eos_token": "</s>",
        "chat_template": "{{ bos_token }}{% for m in messages %}[{{ m.role }}] {{ m.content }}{% endfor %}{% if add_generation_prompt %}[assistant]{% endif %}"})");
    ASSERT_TRUE(chat.has_value());
    EXPECT_EQ(apply_chat_template(*chat, "hi", some_day()), "<s>[user] hi[assistant]");
    EXPECT_FALSE(parse_chat_template(R"({"eos_token": "</s>"})").has_value());  // no template: --chat is refused by the caller
    EXPECT_THROW(parse_chat_template(R"({"chat_template": 3})"), Error);
    EXPECT_THROW(parse_chat_template(R"({"chat_template": "{% for %}"})"), Error);  // refused when the folder opens
    // Named templates: the "default" one, as transformers picks for a plain chat.
    const auto named = parse_chat_template(R"({"chat_template": [{"name": "tool_use", "template": "T"}, {"name": "default", "template": "D{{ messages[0].content }}"}]})");
    ASSERT_TRUE(named.has_value());
    EXPECT_EQ(apply_chat_template(*named, "x", some_day()), "Dx");
}

}  // namespace
}  // namespace attn
