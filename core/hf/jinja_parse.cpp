// Parsing a chat template's tokens (hf/jinja_lex.h) as jinja2's Parser does, for the subset of hf/jinja.h.
#include "hf/jinja_ast.h"
#include "hf/jinja_lex.h"

#include "base/tensor.h"

#include <algorithm>
#include <initializer_list>
#include <cctype>
#include <cstring>
#include <set>

namespace attn::jinja {
namespace {

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
                if (!ends.empty()) {
                    const auto end = std::find_if(ends.begin(), ends.end(), [](const std::string& n) { return n.rfind("end", 0) == 0; });
                    syntax_error(t.line, "is missing {% " + (end == ends.end() ? *ends.begin() : *end) + " %}");
                }
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
    // One left-associative level of binary operators, `operand (op operand)*`; an operator is a
    // symbol ("+") or a word ("or").
    ExprPtr binary_level(std::initializer_list<const char*> ops, ExprPtr (Parser::*operand)()) {
        auto e = (this->*operand)();
        while (true) {
            const auto op = std::find_if(ops.begin(), ops.end(), [&](const char* o) { return is_op(o) || is_name(o); });
            if (op == ops.end()) return e;
            const int line = next().line;  // before the right operand is parsed
            e = make(Expr::Kind::Binary, line, {e, (this->*operand)()}, *op);
        }
    }
    ExprPtr or_expr() { return binary_level({"or"}, &Parser::and_expr); }
    ExprPtr and_expr() { return binary_level({"and"}, &Parser::not_expr); }
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
    ExprPtr math1() { return binary_level({"+", "-"}, &Parser::concat); }
    ExprPtr concat() { return binary_level({"~"}, &Parser::math2); }
    ExprPtr math2() { return binary_level({"*", "/", "//", "%"}, &Parser::power); }
    ExprPtr power() { return binary_level({"**"}, &Parser::filtered_unary); }
    ExprPtr filtered_unary() { return unary(true); }
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

    // callee(arguments…)
    ExprPtr call(ExprPtr callee) {
        auto c = make(Expr::Kind::Call, peek().line, {std::move(callee)});
        call_args(*c);
        return c;
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
                e = call(e);
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
                e = call(e);
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
