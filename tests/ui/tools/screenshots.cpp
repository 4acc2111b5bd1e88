// Takes the screenshots of docs/ from the real app (offscreen):
//   screenshots OUTDIR
// Not a test: a tool, run by scripts/screenshots.sh.
#include "views/compare_view.h"
#include "views/cost_view.h"
#include "panels/config_panel.h"
#include "views/heads_view.h"
#include "controller/language.h"
#include "panels/lesson_panel.h"
#include "views/lines_view.h"
#include "window/main_window.h"
#include "window/workspaces.h"
#include "panels/positional_panel.h"
#include "panels/predictions_panel.h"
#include "panels/training_panel.h"
#include "window/presentation_mode.h"
#include "views/stage_view.h"
#include "controller/presets.h"
#include "controller/session_controller.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QSettings>
#include <QSlider>
#include <QPushButton>
#include <QSpinBox>
#include <QStyleFactory>
#include <QTest>

using namespace attn::ui;

static void shot(QWidget* w, const QString& path) {
    QTest::qWait(150);
    QApplication::processEvents();
    if (!w->grab().save(path)) qFatal("cannot write %s", qPrintable(path));
}

static void raiseDock(MainWindow& window, const QString& name) {
    if (auto* d = window.findChild<QDockWidget*>(name)) {
        d->show();
        d->raise();
    }
}

// One dock alone, floated at a size where its contents read as they would on a wide screen.
static void shotFloating(MainWindow& window, const QString& name, QSize size, const QString& path) {
    auto* d = window.findChild<QDockWidget*>(name);
    if (!d) qFatal("no dock %s", qPrintable(name));
    d->show();
    d->setFloating(true);
    d->resize(size);
    QTest::qWait(300);
    shot(d, path);
    d->setFloating(false);
}

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("AttentionLabScreenshots");
    QSettings().clear();  // the default layout, not the one the last run left
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    const QString out = argc > 1 ? argv[1] : "docs";
    QDir().mkpath(out);
    installLanguage("en");
    auto* owned = new MainWindow;
    MainWindow& window = *owned;
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

    window.workspaces()->setCurrent("model");
    raiseDock(window, "PositionsDock");
    shot(&window, out + "/positions.png");
    window.workspaces()->setCurrent("explore");

    // A dark room: the dark palette and a larger zoom for the projector.
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("&Dark palette")) a->setChecked(true);
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("Zoom &in")) a->trigger();
    c->applySession(loadPreset("gpt"), "gpt");
    c->selectStage("decoder.layers.0.self_attn.weights");
    raiseDock(window, "LinesDock");
    shot(&window, out + "/dark-projector.png");
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("&Dark palette")) a->setChecked(false);
    for (QAction* a : window.findChildren<QAction*>())
        if (a->text() == MainWindow::tr("&Normal size")) a->trigger();

    // Lesson 2, step 5: the scale, with the Mistakes view beside it.
    window.workspaces()->setCurrent("learn");
    raiseDock(window, "LessonsDock");
    window.lessonPanel()->showStep(1, 0);
    for (int i = 0; i < 3; ++i) window.lessonPanel()->nextStep();
    window.configPanel()->spin("d_model")->setValue(128);
    window.lessonPanel()->nextStep();
    shot(&window, out + "/lesson-scaling.png");

    // Lesson 1, the three-token worked example: a score predicted by hand, checked.
    window.lessonPanel()->showStep(0, 0);
    window.lessonPanel()->typePrediction("3");
    window.lessonPanel()->checkPrediction();
    c->selectStage("encoder.layers.0.self_attn.scores");
    c->selectCell(0, 1);
    shot(&window, out + "/lesson-predict.png");

    // Compare mode: pin, then change one word.
    window.lessonPanel()->showStep(4, 0);
    c->setSourceText("the dog sat on the mat");
    c->selectStage("encoder.layers.0.self_attn.weights");
    raiseDock(window, "CompareDock");
    shot(&window, out + "/compare.png");

    // Cost: the counter and the engine measured against n.
    window.lessonPanel()->showStep(10, 0);  // lesson 11, cost
    window.costView()->measure(256);
    window.costView()->waitForMeasurement();
    QApplication::processEvents();
    shot(&window, out + "/cost.png");

    // The layout of the models people study now: grouped-query attention, RMSNorm, SwiGLU; a score
    // of query head 3 explained with the key head it shares, and the Model panel's KV-cache counter.
    c->applySession(loadPreset("llama-like"), "llama-like");
    raiseDock(window, "ModelDock");
    c->selectStage("decoder.layers.0.self_attn.scores");
    c->selectHead(3);
    c->selectCell(5, 2);
    shot(&window, out + "/grouped-query.png");

    // Presentation mode, as projected.
    c->applySession(loadPreset("classroom"), "classroom");
    c->selectStage("encoder.layers.0.self_attn.weights");
    c->selectCell(2, 1);
    window.presentation()->setActive(true);
    QTest::mouseMove(window.stageView(), QPoint(500, 400));
    shot(&window, out + "/presentation.png");
    window.presentation()->setActive(false);

    // What the app opens on: a model trained here to reverse digits, its anti-diagonal explained.
    c->startWith(loadPreset("trained-reverse"));
    window.workspaces()->setCurrent("explore");
    c->selectCell(2, 5);
    raiseDock(window, "HeadsDock");
    shot(&window, out + "/trained-reverse.png");

    // Training reversal in the app: the curves, the timeline and the probe's attention forming.
    window.workspaces()->setCurrent("train");
    TrainingPanel* training = window.trainingPanel();
    training->setTask("reverse");
    training->findChildren<QSpinBox*>().at(1)->setValue(240);  // steps
    training->toggleRun();
    while (training->training()->isRunning() || !training->training()->finished()) QTest::qWait(50);
    training->timeline()->setValue(training->timeline()->maximum() / 3);  // scrubbed back to a third of the run
    shot(&window, out + "/training.png");

    // The model that learned Shakespeare: its induction head on a line that repeats, the overview's marks.
    c->applySession(loadPreset("trained-shakespeare"), "trained-shakespeare");
    window.workspaces()->setCurrent("explore");
    raiseDock(window, "HeadsDock");
    c->selectStage("decoder.layers.3.self_attn.weights");
    c->selectHead(2);
    c->selectCell(44, 31);
    QTest::qWait(500);
    shot(&window, out + "/shakespeare-heads.png");
    shotFloating(window, "HeadsDock", QSize(900, 760), out + "/shakespeare-overview.png");

    // Lesson 18, asking the model why: each head's direct part of the logit of "a"; then head 3.2
    // patched from "the cat … the c" into "the cot … the c" in compare mode.
    window.workspaces()->setCurrent("learn");
    raiseDock(window, "LessonsDock");
    window.lessonPanel()->showStep(17, 0);
    window.lessonPanel()->nextStep();
    QTest::qWait(300);
    shot(&window, out + "/asking-why.png");
    for (int i = 0; i < 4; ++i) window.lessonPanel()->nextStep();  // step 6: the second prompt, compare mode
    c->waitForIdle();
    window.compareView()->patchButton()->click();
    window.compareView()->waitForPatch();
    QTest::qWait(300);
    shot(&window, out + "/patching.png");

    // The Tang-poem model writing after 床前明月光，: the Predictions panel, the text as generated.
    c->applySession(loadPreset("trained-tang-poems"), "trained-tang-poems");
    c->setSourceText(QStringLiteral("床前明月光，"));
    raiseDock(window, "PredictionsDock");
    auto* predictions = window.predictionsPanel();
    predictions->tokensToGenerate()->setValue(40);
    predictions->generateButton()->click();
    while (predictions->isGenerating()) QTest::qWait(50);
    c->selectStage("output.probs");
    shot(&window, out + "/tang-poems.png");

    // Training on Shakespeare in the app: bits per character, the sample, the head scores.
    window.workspaces()->setCurrent("train");
    training->setTask("text:shakespeare");
    training->findChildren<QSpinBox*>().at(1)->setValue(300);  // steps
    training->toggleRun();
    while (training->training()->isRunning() || !training->training()->finished()) QTest::qWait(50);
    shotFloating(window, "TrainingDock", QSize(760, 1000), out + "/training-text.png");

    // 简体中文: the same app after switching language.
    window.workspaces()->setCurrent("learn");
    MainWindow* zh = window.switchLanguage("zh_CN");
    zh->resize(1600, 1000);
    zh->lessonPanel()->showStep(2, 1);
    raiseDock(*zh, "LessonsDock");
    raiseDock(*zh, "ExplainDock");
    shot(zh, out + "/chinese.png");
    installLanguage("en");
    return 0;
}
