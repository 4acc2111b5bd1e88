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
#include "views/online_softmax_view.h"
#include "views/compare_view.h"
#include "views/logit_attribution_view.h"
#include "views/logit_lens_view.h"
#include "views/pipeline_strip.h"
#include "window/main_window.h"
#include "window/workspaces.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
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
    // The Shakespeare model after "the cat sat on the mat because the c" (lesson 18's text), with a dock in front.
    void showShakespeareAfterTheC(const char* dockName) {
        Session s = loadPreset("trained-shakespeare");
        s.src_text = "the cat sat on the mat because the c";
        c()->applySession(s, "shakespeare");
        c()->waitForIdle();
        auto* dock = window->findChild<QDockWidget*>(dockName);
        dock->show();
        dock->raise();
    }

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

    // FlashAttention's online softmax, stepped as a learner does it: Next reads a tile, the tiles table
    // grows a row, the keys not read yet show no e^(s − m); All ends at the trace's context. A new head
    // starts again from the first tile.
    void theOnlineSoftmaxViewStepsTileByTileToTheFullSoftmax() {
        c()->applySession(loadPreset("gpt"), "gpt");
        c()->waitForIdle();
        c()->selectStage("decoder.layers.1.self_attn.weights");
        c()->selectHead(1);
        auto* dock = window->findChild<QDockWidget*>("OnlineSoftmaxDock");
        dock->show();
        dock->raise();
        OnlineSoftmaxView* view = window->onlineSoftmaxView();
        QTRY_COMPARE(view->rowBox()->value(), 8);  // the last of 9 tokens: the row that sees every key
        view->tileBox()->setValue(4);
        QCOMPARE(view->tilesShown(), 1);
        QCOMPARE(view->tilesTable()->rowCount(), 1);
        QCOMPARE(view->keysTable()->columnCount(), 9);
        QCOMPARE(view->keysTable()->item(1, 5)->text(), QStringLiteral("·"));  // key 5 is in tile 2, not read yet
        QVERIFY(!view->backButton()->isEnabled());
        QTest::mouseClick(view->nextButton(), Qt::LeftButton);
        QCOMPARE(view->tilesShown(), 2);
        QCOMPARE(view->tilesTable()->rowCount(), 2);
        QVERIFY(view->keysTable()->item(1, 5)->text() != QStringLiteral("·"));
        QVERIFY(view->resultText().contains("2 of 3 tiles"));
        QTest::mouseClick(view->allButton(), Qt::LeftButton);
        QCOMPARE(view->tilesShown(), 3);
        QVERIFY(!view->nextButton()->isEnabled());
        QVERIFY2(view->resultText().contains("Done."), qPrintable(view->resultText()));
        const OnlineSoftmaxRow expected = online_softmax_row(*c()->trace(), "decoder.layers.1.self_attn", 1, 8, 4);
        QVERIFY(view->resultText().contains(QString::number(expected.max_difference, 'g', 2)));
        QCOMPARE(view->tilesTable()->item(2, 4)->text(), formatCellValue(expected.online.tiles[2].sum));
        c()->selectHead(0);
        QTRY_COMPARE(view->tilesShown(), 1);
        view->tileBox()->setValue(9);  // the whole row in one tile: the ordinary softmax, nothing rescaled
        QCOMPARE(view->tilesTable()->rowCount(), 1);
        QVERIFY(view->resultText().contains("Done."));
        QCOMPARE(view->tilesTable()->item(0, 3)->text(), OnlineSoftmaxView::tr("— (first tile)"));
    }

    // The logit lens as a table (issue 27, point 2): the Shakespeare model's guess after "the c" is
    // "a" only after layer 3, its induction head's layer (74 %), as attentionlab lens says.
    void theLogitLensViewShowsEachLayersGuess() {
        showShakespeareAfterTheC("LogitLensDock");
        LogitLensView* lens = window->logitLensView();
        QTRY_COMPARE(lens->table()->rowCount(), 5);  // the embeddings and four layers
        lens->waitForLens();
        QTRY_COMPARE(lens->table()->columnCount(), 12);
        QCOMPARE(lens->table()->item(4, 11)->text(), QStringLiteral("a  74 %"));
        QVERIFY(!lens->table()->item(3, 11)->text().startsWith("a "));  // not yet after layer 2
        QVERIFY(lens->table()->horizontalHeaderItem(11)->text().startsWith("35"));
        lens->positionsBox()->setValue(3);
        lens->waitForLens();
        QTRY_COMPARE(lens->table()->columnCount(), 3);
        c()->applySession(loadPreset("classroom"), "classroom");  // an encoder with no head: said so
        c()->waitForIdle();
        QTRY_VERIFY(lens->message().contains("no output head"));
    }

    void theLogitAttributionViewSplitsTheLogitByHead() {
        showShakespeareAfterTheC("LogitAttributionDock");
        LogitAttributionView* view = window->logitAttributionView();
        QTRY_COMPARE(view->map()->rows(), 4);  // four layers × four heads
        QCOMPARE(view->map()->cols(), 4);
        QCOMPARE(view->positionBox()->value(), 35);  // the last position
        QVERIFY(view->tokenBox()->currentText().startsWith("a  (74.4 %)"));
        const LogitAttribution a = attribute_logit(*c()->model(), *c()->trace(), 35, view->tokenBox()->currentData().toInt());
        for (int l = 0; l < 4; ++l)
            for (int h = 0; h < 4; ++h) QCOMPARE(view->map()->value(l, h), a.heads(l, h));
        QVERIFY(view->totals().startsWith(QStringLiteral("logit %1 = heads").arg(formatCellValue(a.logit))));
        int bestLayer = 0, bestHead = 0;
        a.heads.maxCoeff(&bestLayer, &bestHead);
        emit view->map()->cellHovered(bestLayer, bestHead);
        QVERIFY(view->hoverText().startsWith(QStringLiteral("Layer %1 head %2 adds +").arg(bestLayer).arg(bestHead)));
        emit view->map()->cellClicked(bestLayer, bestHead);  // a click opens the head's pattern
        QCOMPARE(c()->currentStage(), QStringLiteral("decoder.layers.%1.self_attn.weights").arg(bestLayer));
        QCOMPARE(c()->currentHead(), bestHead);
        view->tokenBox()->setCurrentIndex(1);  // another candidate: another split
        QTRY_VERIFY(view->map()->value(bestLayer, bestHead) != a.heads(bestLayer, bestHead));
        view->positionBox()->setValue(3);  // "the " at position 3 predicts something else
        QVERIFY(!view->tokenBox()->currentText().startsWith("a  (74.4 %)"));
        c()->applySession(loadPreset("classroom"), "classroom");  // no output head: said so
        c()->waitForIdle();
        QTRY_VERIFY(view->message().contains("no output head"));
        QVERIFY(!view->map()->isVisible());
    }

    // Activation patching in compare mode: head 3.2 of the Shakespeare model carries "a" from
    // "the cat … the c" into "the cot … the c" (figures as in tests/core/teach/test_patching.cpp).
    void compareModePatchesAHeadFromThePinnedPrompt() {
        showShakespeareAfterTheC("CompareDock");
        CompareView* compare = window->compareView();
        QVERIFY(!compare->patchButton()->isVisible());  // nothing pinned: nothing to patch from
        c()->pinTrace();
        c()->setSourceText("the cot sat on the mat because the c");
        c()->waitForIdle();
        c()->selectStage("decoder.layers.3.self_attn.weights");
        c()->selectHead(2);
        QTRY_VERIFY(compare->patchButton()->isVisible());
        QCOMPARE(compare->patchLayerBox()->value(), 3);  // the head on screen
        QCOMPARE(compare->patchHeadBox()->value(), 2);
        QTest::mouseClick(compare->patchButton(), Qt::LeftButton);
        compare->waitForPatch();
        QTRY_VERIFY(compare->patchText().startsWith("Head 3.2 from the pinned prompt, at position 35"));
        QTableWidget* table = compare->patchTable();
        int aRow = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->text() == "a") aRow = r;
        QVERIFY(aRow >= 0);
        QCOMPARE(table->item(aRow, 1)->text(), QStringLiteral("6.4 %"));
        QCOMPARE(table->item(aRow, 2)->text(), QStringLiteral("34.8 % ▲"));
        QCOMPARE(table->item(aRow, 3)->text(), QStringLiteral("74.4 %"));
        c()->setSourceText("the cot sat");  // another length: said beside the button, nothing else lost
        c()->waitForIdle();
        QTRY_VERIFY(!table->isVisible());
        QTest::mouseClick(compare->patchButton(), Qt::LeftButton);
        compare->waitForPatch();
        QTRY_VERIFY2(compare->patchText().contains("the pinned one has 36, this one 11"), qPrintable(compare->patchText()));
        c()->clearPin();
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
