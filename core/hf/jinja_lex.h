// Splitting a chat template into text and tag tokens as jinja2's Lexer does (trim_blocks,
// lstrip_blocks, whitespace control, keep_trailing_newline off), for hf/jinja_parse.cpp.
#pragma once

#include "hf/jinja.h"

#include <string>
#include <vector>

namespace attn::jinja {

struct Token {
    enum class Kind { Text, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Number, Op, End };
    Kind kind = Kind::End;
    std::string text;
    Value number;
    int line = 1;
};

// The template's tokens, ending with an End token; throws attn::Error naming the line at fault.
std::vector<Token> lex(std::string source);

[[noreturn]] void syntax_error(int line, const std::string& what);

}  // namespace attn::jinja
