// core/ speaks UTF-8 std::string; Qt speaks QString. One short name for the crossing.
#pragma once

#include <QString>

#include <string>

namespace attn::ui {

inline QString q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace attn::ui
