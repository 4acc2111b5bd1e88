#include "app_main.h"

#include <QApplication>
#include <QMainWindow>

namespace attn::ui {
int run_app(int argc, char** argv) {
    QApplication app(argc, argv);
    QMainWindow w;
    w.show();
    return app.exec();
}
}  // namespace attn::ui
