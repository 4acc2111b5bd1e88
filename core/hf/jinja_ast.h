// The parsed template (hf/jinja.h): expression and statement nodes, shared by the parser and the renderer.
#pragma once

#include "hf/jinja.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace attn::jinja {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
    enum class Kind {
        Literal,  // value
        Name,     // name
        Attr,     // args[0].name
        Index,    // args[0][args[1]]
        Slice,    // args[0][args[1]:args[2]:args[3]] (null parts are absent)
        Call,     // args[0](args[1..], kwargs)
        Filter,   // args[0] | name(args[1..], kwargs)
        Test,     // args[0] is [not] name(args[1..])
        Unary,    // name args[0]  ("not", "-", "+")
        Binary,   // args[0] name args[1]
        Cond,     // args[0] if args[1] else args[2] (args[2] may be null)
        List,     // [args…]
        Dict,     // {args[0]: args[1], …}
    };
    Kind kind = Kind::Literal;
    Value value;
    std::string name;
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    bool negate = false;
    int line = 1;
};

struct Node {
    enum class Kind { Body, Text, Output, If, For, Set, Break, Continue };
    Kind kind = Kind::Body;
    std::string text;                  // Text
    ExprPtr expr;                      // Output, Set's value, For's iterable
    std::vector<std::pair<ExprPtr, std::shared_ptr<Node>>> branches;  // If: (condition, body)…
    std::shared_ptr<Node> otherwise;   // If's else, For's else
    std::vector<std::string> targets;  // For's loop variables; Set's [name] or [name, attribute]
    ExprPtr filter;                    // For's "if" clause
    std::vector<std::shared_ptr<Node>> children;  // Body
    int line = 1;
};

// Parses a template's source (hf/jinja_parse.cpp).
std::shared_ptr<const Node> parse_template(const std::string& source);

}  // namespace attn::jinja
