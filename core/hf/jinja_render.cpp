// Rendering a parsed chat template (hf/jinja_ast.h) with Python's and jinja2's semantics for the
// values chat templates hold: strings, numbers, booleans, none, lists and dicts.
#include "hf/jinja_ast.h"
#include "hf/jinja_values.h"

#include "base/strings.h"
#include "base/tensor.h"
#include "base/utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace attn::jinja {
namespace {

using Kind = Expr::Kind;

struct LoopControl {
    bool is_break;
};

class Renderer {
public:
    Renderer(const Value& context, const std::tm& today) : today_(today) { scopes_.push_back(context.is_object() ? context : Value::object()); }

    void run(const Node& node, std::string& out) {
        switch (node.kind) {
        case Node::Kind::Body:
            for (const auto& child : node.children) run(*child, out);
            break;
        case Node::Kind::Text: out += node.text; break;
        case Node::Kind::Output: out += str(eval(*node.expr)); break;
        case Node::Kind::If:
            for (const auto& [condition, body] : node.branches)
                if (truthy(eval(*condition))) {
                    run(*body, out);
                    return;
                }
            if (node.otherwise) run(*node.otherwise, out);
            break;
        case Node::Kind::Set: {
            Value v = eval(*node.expr);
            if (node.targets.size() == 1) {
                scopes_.back()[node.targets[0]] = v;
                break;
            }
            Value* object = find(node.targets[0]);
            if (!object || !object->is_object()) render_error(node.line, "sets an attribute of '" + node.targets[0] + "', which is not a namespace");
            (*object)[node.targets[1]] = v;
            break;
        }
        case Node::Kind::For: run_for(node, out); break;
        case Node::Kind::Break: throw LoopControl{true};
        case Node::Kind::Continue: throw LoopControl{false};
        }
    }

private:
    Value* find(const std::string& name) {
        for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
            if (auto f = it->find(name); f != it->end()) return &*f;
        return nullptr;
    }

    void run_for(const Node& node, std::string& out) {
        const Value iterable = eval(*node.expr);
        std::vector<Value> items;
        if (iterable.is_array()) items.assign(iterable.begin(), iterable.end());
        else if (iterable.is_object()) for (auto it = iterable.begin(); it != iterable.end(); ++it) items.emplace_back(it.key());
        else if (iterable.is_string()) for (char32_t c : code_points(iterable.get<std::string>())) { std::string s; append_utf8(s, c); items.emplace_back(s); }
        else if (!is_undefined(iterable) && !iterable.is_null()) render_error(node.line, "loops over " + type_name(iterable));
        auto bind = [&](Value& scope, const Value& item) {
            if (node.targets.size() == 1) {
                scope[node.targets[0]] = item;
                return;
            }
            if (!item.is_array() || item.size() != node.targets.size())
                render_error(node.line, "unpacks an item into " + std::to_string(node.targets.size()) + " names, but it has another shape");
            for (size_t k = 0; k < node.targets.size(); ++k) scope[node.targets[k]] = item[k];
        };
        if (node.filter) {  // "for x in xs if cond": the loop sees only the items that pass
            std::vector<Value> kept;
            for (const auto& item : items) {
                scopes_.push_back(Value::object());
                bind(scopes_.back(), item);
                const bool keep = truthy(eval(*node.filter));
                scopes_.pop_back();
                if (keep) kept.push_back(item);
            }
            items = std::move(kept);
        }
        if (items.empty()) {
            if (node.otherwise) run(*node.otherwise, out);
            return;
        }
        const auto n = static_cast<int64_t>(items.size());
        for (int64_t i = 0; i < n; ++i) {
            Value scope = Value::object();
            bind(scope, items[static_cast<size_t>(i)]);
            scope["loop"] = {{"index0", i}, {"index", i + 1}, {"revindex0", n - 1 - i}, {"revindex", n - i}, {"first", i == 0},
                             {"last", i == n - 1}, {"length", n}};
            if (i > 0) scope["loop"]["previtem"] = items[static_cast<size_t>(i - 1)];
            if (i + 1 < n) scope["loop"]["nextitem"] = items[static_cast<size_t>(i + 1)];
            scopes_.push_back(std::move(scope));
            try {
                run(*node.children[0], out);
            } catch (const LoopControl& control) {
                scopes_.pop_back();
                if (control.is_break) break;
                continue;
            }
            scopes_.pop_back();
        }
    }

    Value eval(const Expr& e) {
        switch (e.kind) {
        case Kind::Literal: return e.value;
        case Kind::Name: {
            const Value* v = find(e.name);
            return v ? *v : undefined();
        }
        case Kind::Attr: return attribute(eval(*e.args[0]), e.name);
        case Kind::Index: return index(eval(*e.args[0]), eval(*e.args[1]), e.line);
        case Kind::Slice: {
            auto part = [&](size_t k) { return e.args[k] ? eval(*e.args[k]) : Value(); };
            return slice(eval(*e.args[0]), part(1), part(2), part(3), e.line);
        }
        case Kind::List: {
            Value out = Value::array();
            for (const auto& a : e.args) out.push_back(eval(*a));
            return out;
        }
        case Kind::Dict: {
            Value out = Value::object();
            for (size_t k = 0; k + 1 < e.args.size(); k += 2) {
                const Value key = eval(*e.args[k]);
                if (!key.is_string()) render_error(e.line, "has a dict key that is not a string");
                out[key.get<std::string>()] = eval(*e.args[k + 1]);
            }
            return out;
        }
        case Kind::Cond:
            if (truthy(eval(*e.args[1]))) return eval(*e.args[0]);
            return e.args[2] ? eval(*e.args[2]) : undefined();
        case Kind::Unary: {
            const Value v = eval(*e.args[0]);
            if (e.name == "not") return !truthy(v);
            if (v.is_number_integer()) return e.name == "-" ? -v.get<int64_t>() : v.get<int64_t>();
            if (v.is_number()) return e.name == "-" ? -v.get<double>() : v.get<double>();
            render_error(e.line, "applies unary " + e.name + " to " + type_name(v));
        }
        case Kind::Binary: return binary(e);
        case Kind::Call: return call(e);
        case Kind::Filter: return filter(e);
        case Kind::Test: return test(e);
        }
        return undefined();
    }

    static Value attribute(const Value& v, const std::string& name) {
        if (v.is_object())
            if (auto it = v.find(name); it != v.end()) return *it;
        return undefined();
    }

    static Value index(const Value& v, const Value& key, int line) {
        if (v.is_object()) {
            if (!key.is_string()) return undefined();
            auto it = v.find(key.get<std::string>());
            return it == v.end() ? undefined() : *it;
        }
        if (v.is_array() || v.is_string()) {
            if (!key.is_number_integer()) render_error(line, "indexes " + type_name(v) + " with " + type_name(key));
            const auto cps = v.is_string() ? code_points(v.get<std::string>()) : std::vector<char32_t>{};
            const auto n = static_cast<int64_t>(v.is_string() ? cps.size() : v.size());
            int64_t i = key.get<int64_t>();
            if (i < 0) i += n;
            if (i < 0 || i >= n) return undefined();
            if (v.is_array()) return v[static_cast<size_t>(i)];
            std::string s;
            append_utf8(s, cps[static_cast<size_t>(i)]);
            return s;
        }
        if (is_undefined(v)) render_error(line, "indexes an undefined value");
        render_error(line, "indexes " + type_name(v));
    }

    Value binary(const Expr& e) {
        const std::string& op = e.name;
        const Value a = eval(*e.args[0]);
        if (op == "and") return truthy(a) ? eval(*e.args[1]) : a;
        if (op == "or") return truthy(a) ? a : eval(*e.args[1]);
        const Value b = eval(*e.args[1]);
        if (op == "~") return str(a) + str(b);
        if (op == "==") return a == b;
        if (op == "!=") return a != b;
        if (op == "in") {
            if (b.is_string()) {
                if (!a.is_string()) render_error(e.line, "asks whether " + type_name(a) + " is in a string");
                return b.get<std::string>().find(a.get<std::string>()) != std::string::npos;
            }
            if (b.is_array()) return std::find(b.begin(), b.end(), a) != b.end();
            if (b.is_object()) return a.is_string() && b.contains(a.get<std::string>());
            render_error(e.line, "asks whether a value is in " + type_name(b));
        }
        if (op == "+" && a.is_string() && b.is_string()) return a.get<std::string>() + b.get<std::string>();
        if (op == "+" && a.is_array() && b.is_array()) {
            Value out = a;
            for (const auto& x : b) out.push_back(x);
            return out;
        }
        if (op == "*" && a.is_string() && b.is_number_integer()) {
            std::string out;
            for (int64_t k = 0; k < b.get<int64_t>(); ++k) out += a.get<std::string>();
            return out;
        }
        if ((op == "<" || op == ">" || op == "<=" || op == ">=") && a.is_string() && b.is_string())
            return op == "<" ? a < b : op == ">" ? a > b : op == "<=" ? a <= b : a >= b;
        const bool numbers = (a.is_number() || a.is_boolean()) && (b.is_number() || b.is_boolean());
        if (!numbers) render_error(e.line, "applies '" + op + "' to " + type_name(a) + " and " + type_name(b));
        const bool ints = !a.is_number_float() && !b.is_number_float();
        const double x = a.is_boolean() ? a.get<bool>() : a.get<double>(), y = b.is_boolean() ? b.get<bool>() : b.get<double>();
        if (op == "<") return x < y;
        if (op == ">") return x > y;
        if (op == "<=") return x <= y;
        if (op == ">=") return x >= y;
        if (ints && op != "/" && op != "**") {
            const int64_t i = as_int(a, e.line, op.c_str()), j = as_int(b, e.line, op.c_str());
            if ((op == "//" || op == "%") && j == 0) render_error(e.line, "divides by zero");
            if (op == "+") return i + j;
            if (op == "-") return i - j;
            if (op == "*") return i * j;
            const int64_t q = i / j - ((i % j != 0) && ((i < 0) != (j < 0)));  // Python's floor division
            if (op == "//") return q;
            if (op == "%") return i - q * j;
        }
        if ((op == "/" || op == "//" || op == "%") && y == 0) render_error(e.line, "divides by zero");
        if (op == "+") return x + y;
        if (op == "-") return x - y;
        if (op == "*") return x * y;
        if (op == "/") return x / y;
        if (op == "//") return std::floor(x / y);
        if (op == "%") return x - std::floor(x / y) * y;
        if (op == "**") return ints && y >= 0 ? Value(static_cast<int64_t>(std::llround(std::pow(x, y)))) : Value(std::pow(x, y));
        render_error(e.line, "uses the operator '" + op + "', which Attention Lab cannot render");
    }

    std::vector<Value> positional(const Expr& e, size_t from) {
        std::vector<Value> out;
        for (size_t k = from; k < e.args.size(); ++k) out.push_back(eval(*e.args[k]));
        return out;
    }
    Value keyword(const Expr& e, const std::string& key, const std::vector<Value>& args, size_t position, Value fallback) {
        for (const auto& [k, v] : e.kwargs)
            if (k == key) return eval(*v);
        return position < args.size() ? args[position] : fallback;
    }

    Value call(const Expr& e) {
        const Expr& callee = *e.args[0];
        const auto args = positional(e, 1);
        if (callee.kind == Kind::Attr) return method(e, eval(*callee.args[0]), callee.name, args);
        if (callee.kind != Kind::Name) render_error(e.line, "calls something that is not a function");
        const std::string& f = callee.name;
        if (f == "namespace" || f == "dict") {
            Value out = args.size() == 1 && args[0].is_object() ? args[0] : Value::object();
            for (const auto& [k, v] : e.kwargs) out[k] = eval(*v);
            return out;
        }
        if (f == "raise_exception") throw Error("the chat template refused the conversation: " + (args.empty() ? std::string("(no reason given)") : str(args[0])));
        if (f == "strftime_now") {
            if (args.empty() || !args[0].is_string()) render_error(e.line, "calls strftime_now without a format");
            char buf[256];
            const size_t n = std::strftime(buf, sizeof buf, args[0].get<std::string>().c_str(), &today_);
            return std::string(buf, n);
        }
        if (f == "range") {
            if (args.empty() || args.size() > 3) render_error(e.line, "calls range with " + std::to_string(args.size()) + " arguments");
            const int64_t from = args.size() > 1 ? as_int(args[0], e.line, "range") : 0;
            const int64_t to = as_int(args.size() > 1 ? args[1] : args[0], e.line, "range");
            const int64_t step = args.size() > 2 ? as_int(args[2], e.line, "range") : 1;
            if (step == 0) render_error(e.line, "calls range with a step of 0");
            Value out = Value::array();
            for (int64_t i = from; step > 0 ? i < to : i > to; i += step) {
                out.push_back(i);
                if (out.size() > 1'000'000) render_error(e.line, "makes a range of over a million numbers");
            }
            return out;
        }
        render_error(e.line, "calls " + f + "(), which Attention Lab cannot render");
    }

    Value method(const Expr& e, const Value& self, const std::string& name, const std::vector<Value>& args) {
        static const Value none;
        auto arg = [&](size_t k) -> const Value& { return k < args.size() ? args[k] : none; };
        if (self.is_string()) {
            const std::string& s = self.get_ref<const std::string&>();
            if (name == "startswith" || name == "endswith") {
                if (!arg(0).is_string()) render_error(e.line, "calls " + name + " without a string");
                const std::string& p = arg(0).get_ref<const std::string&>();
                return p.size() <= s.size() && (name == "startswith" ? s.compare(0, p.size(), p) == 0 : s.compare(s.size() - p.size(), p.size(), p) == 0);
            }
            if (name == "strip" || name == "lstrip" || name == "rstrip") return strip(s, name != "rstrip", name != "lstrip", arg(0));
            if (name == "split") {
                Value out = Value::array();
                const Value max = keyword(e, "maxsplit", args, 1, Value(-1));
                for (auto& piece : split(s, keyword(e, "sep", args, 0, Value()), as_int(max, e.line, "maxsplit"))) out.push_back(piece);
                return out;
            }
            if (name == "lower" || name == "upper") {
                std::string out = s;
                for (auto& c : out)
                    if (static_cast<unsigned char>(c) < 0x80) c = static_cast<char>(name == "lower" ? std::tolower(c) : std::toupper(c));
                return out;
            }
            if (name == "replace") {
                if (!arg(0).is_string() || !arg(1).is_string()) render_error(e.line, "calls replace without two strings");
                return replace_all(s, arg(0).get<std::string>(), arg(1).get<std::string>(), args.size() > 2 ? as_int(arg(2), e.line, "replace") : -1);
            }
            if (name == "find") return arg(0).is_string() ? static_cast<int64_t>(s.find(arg(0).get<std::string>()) == std::string::npos ? -1 : code_points(s.substr(0, s.find(arg(0).get<std::string>()))).size()) : -1;
            if (name == "count") return arg(0).is_string() ? static_cast<int64_t>(split(s, arg(0), -1).size() - 1) : 0;
            if (name == "join") {
                std::string out;
                for (size_t k = 0; arg(0).is_array() && k < arg(0).size(); ++k) out += (k ? s : "") + str(arg(0)[k]);
                return out;
            }
        }
        if (self.is_object()) {
            if (name == "get") {
                const Value v = arg(0).is_string() ? attribute(self, arg(0).get<std::string>()) : undefined();
                return is_undefined(v) ? arg(1) : v;
            }
            if (name == "items" || name == "keys" || name == "values") {
                Value out = Value::array();
                for (auto it = self.begin(); it != self.end(); ++it)
                    out.push_back(name == "items" ? Value::array({it.key(), *it}) : name == "keys" ? Value(it.key()) : *it);
                return out;
            }
        }
        render_error(e.line, "calls ." + name + "() on " + type_name(self) + ", which Attention Lab cannot render");
    }

    Value filter(const Expr& e) {
        const Value v = eval(*e.args[0]);
        const auto args = positional(e, 1);
        const std::string& f = e.name;
        if (f == "length" || f == "count") {
            if (v.is_string()) return static_cast<int64_t>(code_points(v.get<std::string>()).size());
            if (v.is_array() || v.is_object()) return static_cast<int64_t>(v.size());
            if (is_undefined(v)) return 0;
            render_error(e.line, "asks for the length of " + type_name(v));
        }
        if (f == "trim") return strip(str(v), true, true, keyword(e, "chars", args, 0, Value()));
        if (f == "tojson") {
            const Value indent = keyword(e, "indent", args, 0, Value());
            return to_json(v, indent.is_number_integer() ? static_cast<int>(indent.get<int64_t>()) : -1);
        }
        if (f == "string") return str(v);
        if (f == "lower" || f == "upper") return method(e, Value(str(v)), f, {});
        if (f == "first" || f == "last") {
            if (v.is_array()) return v.empty() ? undefined() : f == "first" ? v.front() : v.back();
            if (v.is_string()) return index(v, Value(f == "first" ? 0 : -1), e.line);
            render_error(e.line, "asks for the " + f + " item of " + type_name(v));
        }
        if (f == "join") {
            std::string out;
            const std::string sep = args.empty() ? "" : str(args[0]);
            for (size_t k = 0; v.is_array() && k < v.size(); ++k) out += (k ? sep : "") + str(v[k]);
            return out;
        }
        if (f == "default" || f == "d") return is_undefined(v) || (args.size() > 1 && truthy(args[1]) && !truthy(v)) ? (args.empty() ? Value("") : args[0]) : v;
        if (f == "list") return v.is_array() ? v : method(e, v, "keys", {});
        if (f == "items") return method(e, v, "items", {});
        if (f == "replace") return method(e, Value(str(v)), "replace", args);
        if (f == "safe" || f == "e" || f == "escape") return f == "safe" ? v : refuse_escape(e);
        if (f == "int") return v.is_number() ? Value(static_cast<int64_t>(v.get<double>())) : v.is_string() ? Value(std::atoll(v.get<std::string>().c_str())) : Value(0);
        if (f == "capitalize") {
            std::string s = str(v);
            for (size_t k = 0; k < s.size(); ++k)
                if (static_cast<unsigned char>(s[k]) < 0x80) s[k] = static_cast<char>(k ? std::tolower(s[k]) : std::toupper(s[k]));
            return s;
        }
        render_error(e.line, "uses the filter '" + f + "', which Attention Lab cannot render");
    }

    [[noreturn]] static Value refuse_escape(const Expr& e) { render_error(e.line, "uses the filter '" + e.name + "' (HTML escaping), which Attention Lab cannot render"); }

    Value test(const Expr& e) {
        const std::string& t = e.name;
        bool result = false;
        if ((t == "defined" || t == "undefined") && e.args[0]->kind == Kind::Name && !find(e.args[0]->name)) {
            static const char* functions[] = {"namespace", "dict", "raise_exception", "strftime_now", "range"};
            result = std::find(std::begin(functions), std::end(functions), e.args[0]->name) != std::end(functions);
            if (t == "undefined") result = !result;
            return result != e.negate;
        }
        const Value v = eval(*e.args[0]);
        const auto args = positional(e, 1);
        if (t == "defined") result = !is_undefined(v);
        else if (t == "undefined") result = is_undefined(v);
        else if (t == "none") result = v.is_null();
        else if (t == "string") result = v.is_string();
        else if (t == "number") result = v.is_number();
        else if (t == "integer") result = v.is_number_integer();
        else if (t == "float") result = v.is_number_float();
        else if (t == "boolean") result = v.is_boolean();
        else if (t == "true" || t == "false") result = v.is_boolean() && v.get<bool>() == (t == "true");
        else if (t == "mapping") result = v.is_object();
        else if (t == "iterable") result = v.is_array() || v.is_object() || v.is_string();
        else if (t == "sequence") result = v.is_array() || v.is_string() || v.is_object();
        else if (t == "callable") result = false;
        else if (t == "odd" || t == "even") result = v.is_number_integer() && (v.get<int64_t>() % 2 != 0) == (t == "odd");
        else if (t == "equalto" || t == "eq" || t == "sameas") result = !args.empty() && v == args[0];
        else if (t == "in") result = !args.empty() && (args[0].is_array() ? std::find(args[0].begin(), args[0].end(), v) != args[0].end()
                                                       : args[0].is_string() && v.is_string() && args[0].get<std::string>().find(v.get<std::string>()) != std::string::npos);
        else render_error(e.line, "uses the test 'is " + t + "', which Attention Lab cannot render");
        return result != e.negate;
    }

    std::vector<Value> scopes_;
    std::tm today_;
};

}  // namespace

Template::Template(const std::string& source) : root_(parse_template(source)) {}
Template::~Template() = default;
Template::Template(Template&&) noexcept = default;

std::string Template::render(const Value& context, const std::tm& today) const {
    std::string out;
    Renderer renderer(context, today);
    try {
        renderer.run(*root_, out);
    } catch (const LoopControl&) {
        throw Error("the chat template uses {% break %} or {% continue %} outside a loop");
    }
    return out;
}

}  // namespace attn::jinja
