// Views refresh only while they are on screen (views/lazy_refresh.h): one never shown is not
// refreshed at all (a 1024-token trace would fill views nobody sees), one behind another tab
// catches up when shown; and the strip names the part of any stage shown.
#include "../window_fixture.h"
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "panels/matrix_table_model.h"
#include "panels/positional_panel.h"
#include "views/heatmap_widget.h"
#include "views/lines_view.h"
#include "views/pipeline_strip.h"
#include "window/main_window.h"
#include "window/workspaces.h"

#include <QComboBox>
#include <QDockWidget>
#include <QTest>

using namespace attn;
using namespace attn::ui;

class TestViewsOnScreen : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dataHome;
    SessionController* c() { return window->controller(); }

private slots:
    void initTestCase() { useOwnSettings("AttentionLabViewsOnScreenTests", dataHome); }
    void init() {
        window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    void cleanup() { closeWindow(window); }

    void viewsNeverShownAreNotRefreshed() {
        window->workspaces()->setCurrent("explore");  // the Positions view is in no dock on screen
        auto* positionsDock = window->findChild<QDockWidget*>("PositionsDock");
        QVERIFY(!positionsDock->isVisible());
        Config config = c()->session().config;
        config.positional_encoding = PositionalEncoding::Alibi;
        c()->setConfig(config, "alibi");
        c()->waitForIdle();
        QCoreApplication::processEvents();
        QVERIFY(window->positionalPanel()->encodingSelector()->currentIndex() != 5);  // not drawn: nobody sees it
        window->workspaces()->setCurrent("model");
        positionsDock->raise();
        QTRY_COMPARE(window->positionalPanel()->encodingSelector()->currentIndex(), 5);  // ALiBi, drawn on showing
        QCOMPARE(window->positionalPanel()->table()->cols(), 2);  // one column per head
    }

    void hiddenViewsCatchUpWhenShown() {
        window->workspaces()->setCurrent("model");  // Weights and Positions as tabs
        auto* positionsDock = window->findChild<QDockWidget*>("PositionsDock");
        window->findChild<QDockWidget*>("WeightsDock")->raise();
        QTRY_VERIFY(!positionsDock->widget()->isVisible() || positionsDock->visibleRegion().isEmpty());
        Config config = c()->session().config;
        config.positional_encoding = PositionalEncoding::Alibi;
        c()->setConfig(config, "alibi");  // while the Positions view is behind another tab
        positionsDock->raise();
        QTRY_COMPARE(window->positionalPanel()->encodingSelector()->currentIndex(), 5);  // ALiBi, drawn on showing
        QCOMPARE(window->positionalPanel()->table()->cols(), 2);  // one column per head
        // The lines view, shown after a preset changed the model, draws the block on screen.
        c()->applySession(loadPreset("translation"), "translation");
        c()->selectStage("decoder.layers.0.multihead_attn.weights");
        window->workspaces()->setCurrent("explore");
        window->findChild<QDockWidget*>("LinesDock")->raise();
        QTRY_COMPARE(window->linesView()->blockSelector()->currentData().toString(),
                     QString("decoder.layers.0.multihead_attn.weights"));
    }


    // A per-head copy the pipeline strip does not list (k_heads, chosen by a lesson or from Explain)
    // still names its part: the Part box showed nothing.
    void aStageTheStripDoesNotListKeepsItsPart() {
        c()->selectStage("encoder.layers.0.self_attn.k_heads");
        QCoreApplication::processEvents();
        QCOMPARE(window->pipelineStrip()->sectionSelector()->currentText(), QString("Encoder layer 0"));
        c()->selectStage("encoder.layers.0.self_attn.weights");
        QCoreApplication::processEvents();
        QCOMPARE(window->pipelineStrip()->sectionSelector()->currentText(), QString("Encoder layer 0"));
    }
};

QTEST_MAIN(TestViewsOnScreen)
#include "test_views_on_screen.moc"
