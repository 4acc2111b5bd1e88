#include "app_main.h"

#include "main_window.h"
#include "version.h"

#include <QApplication>
#include <QStyleFactory>

namespace attn::ui {

int run_app(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("AttentionLab");
    QApplication::setApplicationName("Attention Lab");
    QApplication::setApplicationVersion(attn::kVersion);
    QApplication::setStyle(QStyleFactory::create("Fusion"));  // the same look on every desktop
    MainWindow window;
    window.show();
    return app.exec();
}

}  // namespace attn::ui
