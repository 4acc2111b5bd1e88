// core/ has no Qt, yet its sentences reach the GUI (stage descriptions,
// explanations, config problems). They stay English here and in the CLI; the
// GUI translates them with Qt Linguist:
//   ATTN_TEXT("…")                  marks a text kept in English and translated
//                                   where it is shown (stage descriptions);
//   translate_text("attn", "…")     translates now, through the translator the
//                                   GUI installs (English when none is).
// lupdate finds both: -tr-function-alias QT_TR_NOOP+=ATTN_TEXT,translate+=translate_text
#pragma once

#include <initializer_list>
#include <string>

#define ATTN_TEXT(text) text

namespace attn {

using Translator = std::string (*)(const char* context, const char* text);
void set_translator(Translator translator);  // nullptr: English

std::string translate_text(const char* context, const char* text);

// "%1 of %2" with the arguments in order (Qt's %n markers, so translators
// can move them).
std::string fill(std::string pattern, std::initializer_list<std::string> args);

}  // namespace attn
