// Starts the desktop app (QApplication and the main window).
#pragma once

namespace attn::ui {
int run_app(int argc, char** argv);
}
