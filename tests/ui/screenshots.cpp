// Takes the screenshots of docs/ from the real app (offscreen):
//   screenshots OUTDIR
// Not a test: a tool, run by scripts/screenshots.sh.
#include "heads_view.h"
#include "lines_view.h"
#include "main_window.h"
#include "positional_panel.h"
#include "presets.h"
#include "session_controller.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QStyleFactory>
#include <QTest>

using namespace attn::ui;

static void shot(QWidget* w, const QString& path) {
    QTest::qWait(150);
    QApplication::processEvents();
    if (!w->grab().save(path)) qFatal("cannot write %s", qPrintable(path));
}

static void raiseDock(MainWindow& window, const QString& name) {
    if (auto* d = window.findChild<QDockWidget*>(name)) d->raise();
}

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("AttentionLabScreenshots");
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    const QString out = argc > 1 ? argv[1] : "docs";
    QDir().mkpath(out);
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    auto* c = window.controller();

    c->selectStage("encoder.layers.0.self_attn.weights");
    c->selectCell(1, 2);
    shot(&window, out + "/main-window.png");

    c->selectStage("encoder.layers.0.self_attn.scores");
    c->selectCell(2, 3);
    shot(&window, out + "/explain-score.png");

    c->applySession(loadPreset("translation"), "translation");
    c->selectStage("decoder.layers.0.multihead_attn.weights");
    c->selectCell(-1, -1);
    raiseDock(window, "LinesDock");
    shot(&window, out + "/translation-cross-attention.png");

    c->applySession(loadPreset("bert"), "bert");
    raiseDock(window, "HeadsDock");
    shot(&window, out + "/heads.png");

    raiseDock(window, "PositionsDock");
    shot(&window, out + "/positions.png");

    // A dark room: the dark palette and a larger zoom for the projector.
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("&Dark palette")) a->setChecked(true);
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("Zoom &in")) a->trigger();
    c->applySession(loadPreset("gpt"), "gpt");
    c->selectStage("decoder.layers.0.self_attn.weights");
    raiseDock(window, "LinesDock");
    shot(&window, out + "/dark-projector.png");
    return 0;
}
