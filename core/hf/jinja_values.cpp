#include "hf/jinja_values.h"

#include "base/tensor.h"
#include "base/utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace attn::jinja {
namespace {

std::string python_float(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    std::string s(buf, end);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string quote_python(const std::string& s) {
    const char q = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
        if (c == q || c == '\\') out += '\\', out += c;
        else if (c == '\n') out += "\\n";
        else if (c == '\t') out += "\\t";
        else if (c == '\r') out += "\\r";
        else out += c;
    }
    return out + q;
}

bool is_py_space(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::string from_code_points(const std::vector<char32_t>& cps, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i) append_utf8(out, cps[i]);
    return out;
}

}  // namespace

Value undefined() { return Value(Value::value_t::discarded); }
bool is_undefined(const Value& v) { return v.is_discarded(); }

void render_error(int line, const std::string& what) {
    throw Error("the chat template " + what + " (line " + std::to_string(line) + ")");
}

std::string type_name(const Value& v) {
    if (is_undefined(v)) return "undefined";
    if (v.is_null()) return "none";
    if (v.is_boolean()) return "a boolean";
    if (v.is_number()) return "a number";
    if (v.is_string()) return "a string";
    if (v.is_array()) return "a list";
    return "a dict";
}

bool truthy(const Value& v) {
    if (is_undefined(v) || v.is_null()) return false;
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number_integer()) return v.get<int64_t>() != 0;
    if (v.is_number()) return v.get<double>() != 0.0;
    if (v.is_string()) return !v.get_ref<const std::string&>().empty();
    return !v.empty();
}



// Python's str() of a value, as {{ … }} prints it.
std::string str(const Value& v, bool nested) {
    if (is_undefined(v)) return "";
    if (v.is_string()) return nested ? quote_python(v.get<std::string>()) : v.get<std::string>();
    if (v.is_null()) return "None";
    if (v.is_boolean()) return v.get<bool>() ? "True" : "False";
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    if (v.is_number()) return python_float(v.get<double>());
    std::string out = v.is_array() ? "[" : "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ", ";
        first = false;
        if (v.is_object()) out += quote_python(it.key()) + ": ";
        out += str(*it, true);
    }
    return out + (v.is_array() ? "]" : "}");
}

// Python's json.dumps(ensure_ascii=False) with ", " and ": " separators, or one item per line at `indent`.
std::string to_json(const Value& v, int indent, int depth) {
    if (is_undefined(v)) return "null";
    if (v.is_number_float()) return python_float(v.get<double>());
    if (!v.is_array() && !v.is_object()) return v.dump(-1, ' ', false, Value::error_handler_t::replace);
    if (v.empty()) return v.is_array() ? "[]" : "{}";
    const std::string pad = indent >= 0 ? "\n" + std::string(static_cast<size_t>(indent * (depth + 1)), ' ') : "";
    std::string out = v.is_array() ? "[" : "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
        out += first ? "" : indent >= 0 ? "," : ", ";
        first = false;
        out += pad;
        if (v.is_object()) out += Value(it.key()).dump(-1, ' ', false, Value::error_handler_t::replace) + ": ";
        out += to_json(*it, indent, depth + 1);
    }
    if (indent >= 0) out += "\n" + std::string(static_cast<size_t>(indent * depth), ' ');
    return out + (v.is_array() ? "]" : "}");
}


std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (size_t i = 0; i < s.size();) {
        char32_t c = 0xFFFD;
        const size_t len = decode_utf8(s, i, c);
        out.push_back(len ? c : 0xFFFD);
        i += std::max<size_t>(len, 1);
    }
    return out;
}


// str.strip / lstrip / rstrip: whitespace, or any of `chars`.
std::string strip(const std::string& s, bool left, bool right, const Value& chars) {
    const auto cps = code_points(s);
    const auto set = chars.is_string() ? code_points(chars.get<std::string>()) : std::vector<char32_t>{};
    auto strip_it = [&](char32_t c) { return chars.is_string() ? std::find(set.begin(), set.end(), c) != set.end() : is_py_space(c); };
    size_t from = 0, to = cps.size();
    while (left && from < to && strip_it(cps[from])) ++from;
    while (right && to > from && strip_it(cps[to - 1])) --to;
    return from_code_points(cps, from, to);
}

std::vector<std::string> split(const std::string& s, const Value& sep, int64_t max_split) {
    std::vector<std::string> out;
    if (!sep.is_string()) {  // runs of whitespace, none at the ends
        const auto cps = code_points(s);
        size_t i = 0;
        while (i < cps.size()) {
            while (i < cps.size() && is_py_space(cps[i])) ++i;
            if (i == cps.size()) break;
            if (max_split >= 0 && static_cast<int64_t>(out.size()) == max_split) {
                out.push_back(strip(from_code_points(cps, i, cps.size()), false, true, Value()));
                break;
            }
            size_t j = i;
            while (j < cps.size() && !is_py_space(cps[j])) ++j;
            out.push_back(from_code_points(cps, i, j));
            i = j;
        }
        return out;
    }
    const std::string& d = sep.get_ref<const std::string&>();
    if (d.empty()) throw Error("the chat template calls split('') (an empty separator)");
    size_t start = 0;
    for (size_t pos; (max_split < 0 || static_cast<int64_t>(out.size()) < max_split) && (pos = s.find(d, start)) != std::string::npos; start = pos + d.size())
        out.push_back(s.substr(start, pos - start));
    out.push_back(s.substr(start));
    return out;
}

int64_t as_int(const Value& v, int line, const char* what) {
    if (v.is_number_integer()) return v.get<int64_t>();
    if (v.is_boolean()) return v.get<bool>();
    render_error(line, std::string("needs a whole number for ") + what + ", not " + type_name(v));
}

// Python's slice of a list or string.
Value slice(const Value& v, const Value& start, const Value& stop, const Value& step, int line) {
    const bool text = v.is_string();
    if (!text && !v.is_array()) render_error(line, "slices " + type_name(v));
    const auto cps = text ? code_points(v.get<std::string>()) : std::vector<char32_t>{};
    const int64_t n = text ? static_cast<int64_t>(cps.size()) : static_cast<int64_t>(v.size());
    const int64_t st = step.is_null() || is_undefined(step) ? 1 : as_int(step, line, "a slice step");
    if (st == 0) render_error(line, "has a slice step of 0");
    auto bound = [&](const Value& b, int64_t fallback, int64_t lo, int64_t hi) {
        if (b.is_null() || is_undefined(b)) return fallback;
        int64_t x = as_int(b, line, "a slice bound");
        if (x < 0) x += n;
        return std::clamp(x, lo, hi);
    };
    const int64_t from = st > 0 ? bound(start, 0, 0, n) : bound(start, n - 1, -1, n - 1);
    const int64_t to = st > 0 ? bound(stop, n, 0, n) : bound(stop, -1, -1, n - 1);
    Value out = text ? Value("") : Value::array();
    std::string s;
    for (int64_t i = from; st > 0 ? i < to : i > to; i += st) {
        if (text) append_utf8(s, cps[static_cast<size_t>(i)]);
        else out.push_back(v[static_cast<size_t>(i)]);
    }
    return text ? Value(s) : out;
}

}  // namespace attn::jinja
