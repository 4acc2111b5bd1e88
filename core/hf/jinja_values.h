// Python's and jinja2's meaning of the values chat templates hold (hf/jinja.h): truth, str(),
// json.dumps, str methods, slices. Shared by the renderer.
#pragma once

#include "hf/jinja.h"

#include <string>
#include <vector>

namespace attn::jinja {

Value undefined();
bool is_undefined(const Value& v);
[[noreturn]] void render_error(int line, const std::string& what);
std::string type_name(const Value& v);  // "a string", "none", … for error sentences
bool truthy(const Value& v);
// Python's str() (a nested string quoted as repr does) and json.dumps(ensure_ascii=False, indent).
std::string str(const Value& v, bool nested = false);
std::string to_json(const Value& v, int indent, int depth = 0);

std::vector<char32_t> code_points(const std::string& s);
// str.strip / lstrip / rstrip: whitespace, or any character of `chars` when it is a string.
std::string strip(const std::string& s, bool left, bool right, const Value& chars);
// str.split(sep, maxsplit): on runs of whitespace when sep is not a string.
std::vector<std::string> split(const std::string& s, const Value& sep, int64_t max_split);
int64_t as_int(const Value& v, int line, const char* what);
// Python's v[start:stop:step] of a list or string.
Value slice(const Value& v, const Value& start, const Value& stop, const Value& step, int line);

}  // namespace attn::jinja
