// Splits text into tokens for the built-in (untrained) vocabulary:
//   - Latin and other spaced scripts: words split on whitespace and punctuation,
//     each punctuation mark its own token ("don't." -> don ' t .);
//   - CJK ideographs and kana: every character its own token (我爱机器学习 -> 6);
//   - emoji: one token each, keeping modifiers and ZWJ sequences together;
//   - special tokens kept whole: any [WORD] or <word> / </word> of ASCII
//     letters and underscores ([CLS], [SEP], [PAD], <s>, </s>), and any the
//     caller names.
// The text must be valid UTF-8; anything else is refused with the byte named.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace attn {

std::vector<std::string> tokenize(std::string_view utf8_text, const std::vector<std::string>& special_tokens = {});

// How a character-level model's token is labelled on screen and in files: the invisible ones
// made visible (" " → "␣", "\n" → "↵", "\t" → "⇥", "\r" → "␍"), every other token as it is.
std::string visible_token(const std::string& token);

// Throws attn::Error naming the first invalid byte and its position.
void require_valid_utf8(std::string_view text, const std::string& what);

}  // namespace attn
