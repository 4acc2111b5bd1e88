// Lexing and parsing a chat template as jinja2's Lexer and Parser do, for the subset of hf/jinja.h.
#include "hf/jinja_ast.h"

#include "base/tensor.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

namespace attn::jinja {
namespace {

[[noreturn]] void syntax_error(int line, const std::string& what) {
    throw Error("the chat template " + what + " (line " + std::to_string(line) + ")");
}

struct Token {
    enum class Kind { Text, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Number, Op, End };
    Kind kind = Kind::End;
    std::string text;
    Value number;
    int line = 1;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// A Python string literal's escapes, as jinja2 reads them (unicode-escape).
std::string unescape(const std::string& s, int line) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 == s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case '\\': case '\'': case '"': out += c; break;
        case '\n': break;
        case 'x': case 'u': case 'U': {
            const size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            const std::string hex = s.substr(i + 1, digits);
            if (hex.size() != digits || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
                syntax_error(line, "has a string with a malformed \\" + std::string(1, c) + " escape");
            const auto code = static_cast<char32_t>(std::stoul(hex, nullptr, 16));
            if (code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) syntax_error(line, "has a string escape that is not a character");
            std::string utf8;
            if (code < 0x80) utf8 += static_cast<char>(code);
            else if (code < 0x800) utf8 += {static_cast<char>(0xC0 | (code >> 6)), static_cast<char>(0x80 | (code & 0x3F))};
            else if (code < 0x10000)
                utf8 += {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)), static_cast<char>(0x80 | (code & 0x3F))};
            else
                utf8 += {static_cast<char>(0xF0 | (code >> 18)), static_cast<char>(0x80 | ((code >> 12) & 0x3F)),
                         static_cast<char>(0x80 | ((code >> 6) & 0x3F)), static_cast<char>(0x80 | (code & 0x3F))};
            out += utf8;
            i += digits;
            break;
        }
        default: out += '\\', out += c;  // Python keeps an unknown escape as it is
        }
    }
    return out;
}

// The tokens of one tag's inside, from `pos` to its closer.
void lex_tag(const std::string& src, size_t& pos, const std::string& closer, int& line, std::vector<Token>& out) {
    static const char* ops[] = {"==", "!=", "<=", ">=", "//", "**", "+", "-", "*", "/", "%", "~", "<", ">", "=", "(", ")",
                                "[", "]", "{", "}", ".", ",", ":", "|"};
    while (true) {
        while (pos < src.size() && is_space(src[pos])) line += src[pos++] == '\n';
        if (pos >= src.size()) syntax_error(line, "has a tag that is never closed");
        // "-%}" and "-}}" close with whitespace control; the caller sees the '-'.
        if (src.compare(pos, closer.size(), closer) == 0 || (src[pos] == '-' && src.compare(pos + 1, closer.size(), closer) == 0)) return;
        if (src.compare(pos, 2, "+%") == 0 && closer == "%}") return;
        const char c = src[pos];
        Token t;
        t.line = line;
        if (c == '\'' || c == '"') {
            size_t end = pos + 1;
            while (end < src.size() && src[end] != c) end += src[end] == '\\' ? 2 : 1;
            if (end >= src.size()) syntax_error(line, "has a string that is never closed");
            t.kind = Token::Kind::String;
            t.text = unescape(src.substr(pos + 1, end - pos - 1), line);
            for (size_t i = pos; i < end; ++i) line += src[i] == '\n';
            pos = end + 1;
        } else if (std::isdigit(static_cast<unsigned char>(c))) {
            size_t end = pos;
            while (end < src.size() && (std::isdigit(static_cast<unsigned char>(src[end])) || src[end] == '_')) ++end;
            bool real = false;
            if (end + 1 < src.size() && src[end] == '.' && std::isdigit(static_cast<unsigned char>(src[end + 1]))) {
                real = true;
                ++end;
                while (end < src.size() && std::isdigit(static_cast<unsigned char>(src[end]))) ++end;
            }
            std::string digits = src.substr(pos, end - pos);
            digits.erase(std::remove(digits.begin(), digits.end(), '_'), digits.end());
            t.kind = Token::Kind::Number;
            try {
                t.number = real ? Value(std::stod(digits)) : Value(std::stoll(digits));
            } catch (const std::exception&) {
                syntax_error(line, "has a number out of range: " + digits);
            }
            pos = end;
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            size_t end = pos;
            while (end < src.size() && (std::isalnum(static_cast<unsigned char>(src[end])) || src[end] == '_')) ++end;
            t.kind = Token::Kind::Name;
            t.text = src.substr(pos, end - pos);
            pos = end;
        } else {
            for (const char* op : ops)
                if (src.compare(pos, std::strlen(op), op) == 0) {
                    t.kind = Token::Kind::Op;
                    t.text = op;
                    break;
                }
            if (t.kind != Token::Kind::Op) syntax_error(line, "has an unexpected character '" + std::string(1, c) + "'");
            pos += t.text.size();
        }
        out.push_back(std::move(t));
    }
}

// jinja2's Lexer with trim_blocks, lstrip_blocks and keep_trailing_newline off.
std::vector<Token> lex(std::string src) {
    if (src.size() >= 2 && src.compare(src.size() - 2, 2, "\r\n") == 0) src.resize(src.size() - 2);
    else if (!src.empty() && src.back() == '\n') src.pop_back();
    std::vector<Token> out;
    size_t pos = 0;
    int line = 1;
    bool line_starting = true;
    while (pos < src.size()) {
        size_t start = pos;
        while ((start = src.find('{', start)) != std::string::npos && start + 1 < src.size() && std::string("{%#").find(src[start + 1]) == std::string::npos)
            ++start;
        if (start + 1 >= src.size()) start = std::string::npos;
        std::string text = src.substr(pos, start == std::string::npos ? std::string::npos : start - pos);
        const int text_line = line;
        for (char c : text) line += c == '\n';
        if (start == std::string::npos) {
            if (!text.empty()) out.push_back({Token::Kind::Text, text, {}, text_line});
            break;
        }
        const char kind = src[start + 1];
        size_t inner = start + 2;
        const bool strip_before = inner < src.size() && src[inner] == '-';
        const bool no_lstrip = inner < src.size() && src[inner] == '+';
        if (strip_before || no_lstrip) ++inner;
        if (strip_before) {
            while (!text.empty() && is_space(text.back())) text.pop_back();
        } else if (kind != '{' && !no_lstrip) {  // lstrip_blocks: a block or comment tag alone at a line's start
            const size_t l = text.rfind('\n');
            const size_t from = l == std::string::npos ? 0 : l + 1;
            if ((l != std::string::npos || line_starting) && text.find_first_not_of(" \t", from) == std::string::npos) text.resize(from);
        }
        if (!text.empty()) out.push_back({Token::Kind::Text, text, {}, text_line});
        bool strip_after = false;
        if (kind == '#') {
            const size_t end = src.find("#}", inner);
            if (end == std::string::npos) syntax_error(line, "has a comment that is never closed");
            for (size_t i = inner; i < end; ++i) line += src[i] == '\n';
            strip_after = end > inner && src[end - 1] == '-';
            pos = end + 2;
        } else {
            const std::string closer = kind == '{' ? "}}" : "%}";
            out.push_back({kind == '{' ? Token::Kind::VarBegin : Token::Kind::BlockBegin, "", {}, line});
            pos = inner;
            lex_tag(src, pos, closer, line, out);
            strip_after = src[pos] == '-';
            if (src[pos] == '-' || src[pos] == '+') ++pos;
            pos += 2;
            out.push_back({kind == '{' ? Token::Kind::VarEnd : Token::Kind::BlockEnd, "", {}, line});
        }
        if (strip_after) {
            while (pos < src.size() && is_space(src[pos])) line += src[pos++] == '\n';
            line_starting = pos > 0 && src[pos - 1] == '\n';
        } else if (kind != '{' && pos < src.size() && src[pos] == '\n') {  // trim_blocks
            ++pos;
            ++line;
            line_starting = true;
        } else {
            line_starting = false;
        }
    }
    out.push_back({Token::Kind::End, "", {}, line});
    return out;
}

class Parser {
public:
    explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

    std::shared_ptr<Node> parse() {
        std::string ended_by;
        auto body = parse_body({}, ended_by);
        return body;
    }

private:
    const Token& peek(size_t ahead = 0) const { return t_[std::min(i_ + ahead, t_.size() - 1)]; }
    const Token& next() { return t_[std::min(i_++, t_.size() - 1)]; }
    bool is_op(const char* op, size_t ahead = 0) const { return peek(ahead).kind == Token::Kind::Op && peek(ahead).text == op; }
    bool is_name(const char* name, size_t ahead = 0) const { return peek(ahead).kind == Token::Kind::Name && peek(ahead).text == name; }
    void expect_op(const char* op) {
        if (!is_op(op)) syntax_error(peek().line, "expected '" + std::string(op) + "' but found '" + describe(peek()) + "'");
        ++i_;
    }
    void expect_name(const char* name) {
        if (!is_name(name)) syntax_error(peek().line, "expected '" + std::string(name) + "' but found '" + describe(peek()) + "'");
        ++i_;
    }
    void expect(Token::Kind kind, const char* what) {
        if (peek().kind != kind) syntax_error(peek().line, std::string("expected ") + what + " but found '" + describe(peek()) + "'");
        ++i_;
    }
    static std::string describe(const Token& t) {
        switch (t.kind) {
        case Token::Kind::BlockEnd: return "%}";
        case Token::Kind::VarEnd: return "}}";
        case Token::Kind::End: return "the end of the template";
        case Token::Kind::Number: return t.number.dump();
        default: return t.text;
        }
    }

    // Statements until {% name %} with a name in `ends` (consumed up to the name); "" at the end.
    std::shared_ptr<Node> parse_body(const std::set<std::string>& ends, std::string& ended_by) {
        auto body = std::make_shared<Node>();
        body->line = peek().line;
        while (true) {
            const Token& t = peek();
            if (t.kind == Token::Kind::End) {
                if (!ends.empty()) syntax_error(t.line, "is missing {% " + *ends.begin() + " %}");
                ended_by.clear();
                return body;
            }
            if (t.kind == Token::Kind::Text) {
                auto text = std::make_shared<Node>();
                text->kind = Node::Kind::Text;
                text->text = next().text;
                body->children.push_back(text);
            } else if (t.kind == Token::Kind::VarBegin) {
                ++i_;
                auto out = std::make_shared<Node>();
                out->kind = Node::Kind::Output;
                out->line = t.line;
                out->expr = expression();
                expect(Token::Kind::VarEnd, "}}");
                body->children.push_back(out);
            } else if (t.kind == Token::Kind::BlockBegin) {
                const Token& name = peek(1);
                if (name.kind != Token::Kind::Name) syntax_error(name.line, "has a {% … %} tag without a statement name");
                if (ends.count(name.text)) {
                    i_ += 2;
                    ended_by = name.text;
                    return body;
                }
                i_ += 2;
                body->children.push_back(statement(name));
            } else {
                syntax_error(t.line, "has '" + describe(t) + "' outside a tag");
            }
        }
    }

    std::shared_ptr<Node> statement(const Token& name) {
        auto node = std::make_shared<Node>();
        node->line = name.line;
        const std::string& s = name.text;
        std::string ended_by;
        if (s == "if") {
            auto condition = expression();
            expect(Token::Kind::BlockEnd, "%}");
            while (true) {
                auto body = parse_body({"elif", "else", "endif"}, ended_by);
                node->kind = Node::Kind::If;
                node->branches.emplace_back(condition, body);
                if (ended_by == "elif") {
                    condition = expression();
                    expect(Token::Kind::BlockEnd, "%}");
                    continue;
                }
                if (ended_by == "else") {
                    expect(Token::Kind::BlockEnd, "%}");
                    node->otherwise = parse_body({"endif"}, ended_by);
                }
                expect(Token::Kind::BlockEnd, "%}");
                return node;
            }
        }
        if (s == "for") {
            node->kind = Node::Kind::For;
            do {
                if (peek().kind != Token::Kind::Name) syntax_error(peek().line, "needs a loop variable name after 'for'");
                node->targets.push_back(next().text);
            } while (is_op(",") && (++i_, true));
            expect_name("in");
            node->expr = or_expr();  // jinja2: no conditional expression here, so "if" starts the filter
            if (is_name("if")) {
                ++i_;
                node->filter = expression();
            }
            if (is_name("recursive")) syntax_error(peek().line, "uses a recursive for loop, which Attention Lab cannot render");
            expect(Token::Kind::BlockEnd, "%}");
            auto body = parse_body({"else", "endfor"}, ended_by);
            node->children.push_back(body);
            if (ended_by == "else") {
                expect(Token::Kind::BlockEnd, "%}");
                node->otherwise = parse_body({"endfor"}, ended_by);
            }
            expect(Token::Kind::BlockEnd, "%}");
            return node;
        }
        if (s == "set") {
            node->kind = Node::Kind::Set;
            if (peek().kind != Token::Kind::Name) syntax_error(peek().line, "needs a variable name after 'set'");
            node->targets.push_back(next().text);
            if (is_op(".")) {
                ++i_;
                if (peek().kind != Token::Kind::Name) syntax_error(peek().line, "needs an attribute name after '.' in 'set'");
                node->targets.push_back(next().text);
            }
            if (is_op(",")) syntax_error(peek().line, "uses 'set' with several names, which Attention Lab cannot render");
            if (!is_op("=")) syntax_error(peek().line, "uses a {% set %} … {% endset %} block, which Attention Lab cannot render");
            ++i_;
            node->expr = expression();
            expect(Token::Kind::BlockEnd, "%}");
            return node;
        }
        if (s == "break" || s == "continue") {
            node->kind = s == "break" ? Node::Kind::Break : Node::Kind::Continue;
            expect(Token::Kind::BlockEnd, "%}");
            return node;
        }
        if (s == "generation") {  // transformers' AssistantTracker: marks assistant text, renders it unchanged
            expect(Token::Kind::BlockEnd, "%}");
            auto body = parse_body({"endgeneration"}, ended_by);
            expect(Token::Kind::BlockEnd, "%}");
            return body;
        }
        syntax_error(name.line, "uses {% " + s + " %}, which Attention Lab cannot render");
    }

    std::shared_ptr<Expr> make(Expr::Kind kind, int line, std::vector<ExprPtr> args = {}, std::string name = {}) {
        auto e = std::make_shared<Expr>();
        e->kind = kind;
        e->line = line;
        e->args = std::move(args);
        e->name = std::move(name);
        return e;
    }

    // jinja2's parse_condexpr: a if b else c.
    ExprPtr expression() {
        auto e = or_expr();
        while (is_name("if")) {
            const int line = next().line;
            auto condition = or_expr();
            ExprPtr otherwise;
            if (is_name("else")) {
                ++i_;
                otherwise = expression();
            }
            e = make(Expr::Kind::Cond, line, {e, condition, otherwise});
        }
        return e;
    }
    ExprPtr or_expr() {
        auto e = and_expr();
        while (is_name("or")) {
            const int line = next().line;
            e = make(Expr::Kind::Binary, line, {e, and_expr()}, "or");
        }
        return e;
    }
    ExprPtr and_expr() {
        auto e = not_expr();
        while (is_name("and")) {
            const int line = next().line;
            e = make(Expr::Kind::Binary, line, {e, not_expr()}, "and");
        }
        return e;
    }
    ExprPtr not_expr() {
        if (is_name("not")) {
            const int line = next().line;
            return make(Expr::Kind::Unary, line, {not_expr()}, "not");
        }
        return compare();
    }
    ExprPtr compare() {
        auto e = math1();
        while (true) {
            if (peek().kind == Token::Kind::Op && (is_op("==") || is_op("!=") || is_op("<") || is_op(">") || is_op("<=") || is_op(">="))) {
                const Token& op = next();
                e = make(Expr::Kind::Binary, op.line, {e, math1()}, op.text);
            } else if (is_name("in")) {
                const int line = next().line;
                e = make(Expr::Kind::Binary, line, {e, math1()}, "in");
            } else if (is_name("not") && is_name("in", 1)) {
                const int line = next().line;
                ++i_;
                e = make(Expr::Kind::Unary, line, {make(Expr::Kind::Binary, line, {e, math1()}, "in")}, "not");
            } else {
                return e;
            }
        }
    }
    ExprPtr math1() {
        auto e = concat();
        while (is_op("+") || is_op("-")) {
            const Token& op = next();
            e = make(Expr::Kind::Binary, op.line, {e, concat()}, op.text);
        }
        return e;
    }
    ExprPtr concat() {
        auto e = math2();
        while (is_op("~")) {
            const int line = next().line;
            e = make(Expr::Kind::Binary, line, {e, math2()}, "~");
        }
        return e;
    }
    ExprPtr math2() {
        auto e = power();
        while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
            const Token& op = next();
            e = make(Expr::Kind::Binary, op.line, {e, power()}, op.text);
        }
        return e;
    }
    ExprPtr power() {
        auto e = unary(true);
        while (is_op("**")) {
            const int line = next().line;
            e = make(Expr::Kind::Binary, line, {e, unary(true)}, "**");
        }
        return e;
    }
    ExprPtr unary(bool with_filter) {
        ExprPtr e;
        if (is_op("-") || is_op("+")) {
            const Token& op = next();
            e = make(Expr::Kind::Unary, op.line, {unary(false)}, op.text);
        } else {
            e = postfix(primary());
        }
        return with_filter ? filters(e) : e;
    }

    ExprPtr primary() {
        const Token& t = next();
        switch (t.kind) {
        case Token::Kind::String: {
            std::string text = t.text;
            while (peek().kind == Token::Kind::String) text += next().text;  // adjacent literals join, as in Python
            auto e = make(Expr::Kind::Literal, t.line);
            e->value = text;
            return e;
        }
        case Token::Kind::Number: {
            auto e = make(Expr::Kind::Literal, t.line);
            e->value = t.number;
            return e;
        }
        case Token::Kind::Name: {
            auto e = make(Expr::Kind::Literal, t.line);
            if (t.text == "true" || t.text == "True") e->value = true;
            else if (t.text == "false" || t.text == "False") e->value = false;
            else if (t.text == "none" || t.text == "None") e->value = nullptr;
            else return make(Expr::Kind::Name, t.line, {}, t.text);
            return e;
        }
        case Token::Kind::Op:
            if (t.text == "(") {
                auto e = expression();
                if (is_op(",")) syntax_error(t.line, "uses a tuple, which Attention Lab cannot render");
                expect_op(")");
                return e;
            }
            if (t.text == "[") {
                std::vector<ExprPtr> items;
                while (!is_op("]")) {
                    items.push_back(expression());
                    if (!is_op("]")) expect_op(",");
                }
                ++i_;
                return make(Expr::Kind::List, t.line, std::move(items));
            }
            if (t.text == "{") {
                std::vector<ExprPtr> items;
                while (!is_op("}")) {
                    items.push_back(expression());
                    expect_op(":");
                    items.push_back(expression());
                    if (!is_op("}")) expect_op(",");
                }
                ++i_;
                return make(Expr::Kind::Dict, t.line, std::move(items));
            }
            break;
        default: break;
        }
        syntax_error(t.line, "has an unexpected '" + describe(t) + "' in an expression");
    }

    // Arguments of a call, filter or test: positional into e->args, keywords into e->kwargs.
    void call_args(Expr& e) {
        expect_op("(");
        while (!is_op(")")) {
            if (peek().kind == Token::Kind::Name && is_op("=", 1)) {
                std::string key = next().text;
                ++i_;
                e.kwargs.emplace_back(std::move(key), expression());
            } else {
                e.args.push_back(expression());
            }
            if (!is_op(")")) expect_op(",");
        }
        ++i_;
    }

    ExprPtr postfix(ExprPtr e) {
        while (true) {
            if (is_op(".")) {
                const int line = next().line;
                if (peek().kind == Token::Kind::Number && peek().number.is_number_integer()) {  // a.0 is a[0]
                    auto index = make(Expr::Kind::Literal, line);
                    index->value = next().number;
                    e = make(Expr::Kind::Index, line, {e, index});
                    continue;
                }
                if (peek().kind != Token::Kind::Name) syntax_error(line, "needs an attribute name after '.'");
                e = make(Expr::Kind::Attr, line, {e}, next().text);
            } else if (is_op("[")) {
                const int line = next().line;
                std::vector<ExprPtr> parts(3);
                size_t part = 0;
                bool slice = false;
                while (!is_op("]")) {
                    if (is_op(":")) {
                        ++i_;
                        slice = true;
                        if (++part > 2) syntax_error(line, "has a slice with more than three parts");
                        continue;
                    }
                    parts[part] = expression();
                }
                ++i_;
                if (slice) e = make(Expr::Kind::Slice, line, {e, parts[0], parts[1], parts[2]});
                else if (!parts[0]) syntax_error(line, "has an empty subscript []");
                else e = make(Expr::Kind::Index, line, {e, parts[0]});
            } else if (is_op("(")) {
                auto call = std::make_shared<Expr>();
                call->kind = Expr::Kind::Call;
                call->line = peek().line;
                call->args.push_back(e);
                call_args(*call);
                e = call;
            } else {
                return e;
            }
        }
    }

    // jinja2's parse_filter_expr: | filters, "is" tests and calls, in any order.
    ExprPtr filters(ExprPtr e) {
        while (true) {
            if (is_op("|")) {
                const int line = next().line;
                if (peek().kind != Token::Kind::Name) syntax_error(line, "needs a filter name after '|'");
                auto f = std::make_shared<Expr>();
                f->kind = Expr::Kind::Filter;
                f->line = line;
                f->name = next().text;
                f->args.push_back(e);
                if (is_op("(")) call_args(*f);
                e = f;
            } else if (is_name("is")) {
                const int line = next().line;
                auto test = std::make_shared<Expr>();
                test->kind = Expr::Kind::Test;
                test->line = line;
                if (is_name("not")) {
                    ++i_;
                    test->negate = true;
                }
                if (peek().kind != Token::Kind::Name) syntax_error(line, "needs a test name after 'is'");
                test->name = next().text;
                test->args.push_back(e);
                static const std::set<std::string> stops{"else", "or", "and", "if", "in", "not", "is"};
                if (is_op("(")) call_args(*test);
                else if ((peek().kind == Token::Kind::String || peek().kind == Token::Kind::Number ||
                          (peek().kind == Token::Kind::Name && !stops.count(peek().text)) || is_op("[") || is_op("{")))
                    test->args.push_back(postfix(primary()));
                e = test;
            } else if (is_op("(")) {
                auto call = std::make_shared<Expr>();
                call->kind = Expr::Kind::Call;
                call->line = peek().line;
                call->args.push_back(e);
                call_args(*call);
                e = call;
            } else {
                return e;
            }
        }
    }

    std::vector<Token> t_;
    size_t i_ = 0;
};

}  // namespace

std::shared_ptr<const Node> parse_template(const std::string& source) { return Parser(lex(source)).parse(); }

}  // namespace attn::jinja
