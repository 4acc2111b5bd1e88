#include "window/app_main.h"

#include "views/heatmap_widget.h"
#include "controller/language.h"
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "window/main_window.h"
#include "views/stage_view.h"

#include <qcustomplot.h>
#include "base/version.h"

#include <QApplication>
#include <QStyleFactory>

namespace attn::ui {

int run_app(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("AttentionLab");
    QApplication::setApplicationName("Attention Lab");
    QApplication::setApplicationVersion(attn::kVersion);
    QApplication::setStyle(QStyleFactory::create("Fusion"));  // the same look on every desktop
    attn::ui::useSimplifiedChineseFace();
    installLanguage(initialLanguage());
    // On the heap: switching language replaces the window (MainWindow::switchLanguage), and
    // each window deletes itself when closed.
    auto* window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    // The first screen shows attention that means something: a model trained here to reverse
    // digits, unless a session file was given (opened from a file manager).
    window->controller()->startWith(loadPreset(QStringLiteral("trained-reverse")));
    window->show();
    if (argc == 3 && QString::fromLocal8Bit(argv[1]) == QLatin1String("--model"))
        window->openModelFolder(QString::fromLocal8Bit(argv[2]), {}, /*startsTheSession=*/true);  // attentionlab --model DIR
    else if (argc > 1)
        window->openSessionFile(QString::fromLocal8Bit(argv[1]));  // a message box if it cannot
    // For the startup benchmark (tests/ui/bench_latency.cpp): quit once the first heatmap is painted.
    if (qEnvironmentVariableIsSet("ATTN_EXIT_AFTER_FIRST_PAINT"))
        QObject::connect(window->stageView()->heatmap()->plot(), &QCustomPlot::afterReplot, &app, &QApplication::quit,
                         Qt::QueuedConnection);
    return app.exec();
}

}  // namespace attn::ui
