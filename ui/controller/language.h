// The UI language: English (the source texts) or Simplified Chinese, from
// Qt Linguist catalogues compiled into the app (:/i18n/*.qm), plus Qt's own
// (dialog buttons) and core/'s sentences through attn::set_translator.
#pragma once

#include <QString>
#include <QStringList>

namespace attn::ui {

QStringList availableLanguages();            // "en", "zh_CN"
QString languageName(const QString& code);   // in its own language: "English", "简体中文"
QString currentLanguage();
// The saved choice, else the system locale's (zh_* → zh_CN), else English.
QString initialLanguage();
// Installs the catalogues and remembers the choice; false if the code is unknown.
bool installLanguage(const QString& code);
// Chinese text (the 简体中文 UI, Chinese tokens) drawn in the Simplified Chinese face, Noto Sans
// CJK SC: left to itself, fontconfig falls back to the Japanese face, and 器 or 写 take
// their Japanese forms. Call once the QApplication exists.
void useSimplifiedChineseFace();

}  // namespace attn::ui
