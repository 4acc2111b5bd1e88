// The real main window, driven as a user would (offscreen): assertions are on
// the data handed to the plots and on the controller's trace, not on pixels.
#include "panels/config_panel.h"
#include "panels/explain_panel.h"
#include "views/heatmap_widget.h"
#include "panels/input_panel.h"
#include "panels/lesson_panel.h"
#include "views/lines_view.h"
#include "window/main_window.h"
#include "window/workspaces.h"
#include "views/heads_view.h"
#include "../window_fixture.h"
#include "panels/matrix_table_model.h"
#include "controller/pipeline_model.h"
#include "panels/positional_panel.h"
#include "controller/language.h"
#include "controller/session_controller.h"
#include "views/stage_view.h"
#include "controller/step_player.h"
#include "panels/weights_editor.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QTextLayout>
#include <QToolButton>
#include <QGlyphRun>
#include <QRawFont>
#include <QImage>
#include <QDockWidget>
#include <QInputMethodEvent>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>


using namespace attn;
using namespace attn::ui;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dataHome;
    SessionController* c() { return window->controller(); }
    HeatmapWidget* heatmap() { return window->stageView()->heatmap(); }

private slots:
    void initTestCase() { useOwnSettings("AttentionLabTests", dataHome); }
    void init() {
        window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    void cleanup() { closeWindow(window); }

    void opensOnTheExampleWithAHeatmap() {
        const auto trace = c()->trace();
        QVERIFY(trace);
        QCOMPARE(labelsOf(trace->src_tokens), QStringList({"the", "cat", "sat", "on", "the", "mat"}));
        QCOMPARE(c()->currentStage(), QString("encoder.layers.0.self_attn.weights"));
        QCOMPARE(heatmap()->rows(), 6);
        QCOMPARE(heatmap()->cols(), 6);
        const Tensor w = *trace->tensor("encoder.layers.0.self_attn.weights");
        for (int i = 0; i < 36; ++i) QCOMPARE(heatmap()->values()[i], w.data[static_cast<size_t>(i)]);
    }

    // The first screen says what the model is: the example box names the example on screen (its
    // sentence may change), and the stage's title is words before the stage's id.
    void theExampleBoxAndTitleSayWhatIsOnScreen() {
        QComboBox* box = window->configPanel()->presetSelector();
        const int reverse = box->findData(QStringLiteral("trained-reverse"));
        QVERIFY(reverse > 0);
        box->setCurrentIndex(reverse);
        emit box->activated(reverse);  // as a click on the item does
        c()->waitForIdle();
        QCOMPARE(box->currentText(), QStringLiteral("Trained: reverse 8 digits"));
        c()->setSourceText("1 2 3 4 5 6 7 8");
        c()->waitForIdle();
        QCOMPARE(box->currentText(), QStringLiteral("Trained: reverse 8 digits"));  // another sentence, the same model
        Config wider = c()->session().config;
        wider.d_model = 64;
        c()->setConfig(wider, "d_model");
        c()->waitForIdle();
        QCOMPARE(box->currentIndex(), 0);  // no example has this model
        c()->undoStack()->undo();
        c()->waitForIdle();
        QCOMPARE(box->currentText(), QStringLiteral("Trained: reverse 8 digits"));
        c()->selectStage("encoder.layers.0.self_attn.weights");
        const QString title = window->stageView()->titleLabel()->text();
        QVERIFY2(title.contains("Encoder layer 0 · head 0 · self-attention weights") && title.contains("encoder.layers.0.self_attn.weights"),
                 qPrintable(title));
    }

    // The review's 720p case: zooming in (Ctrl + + four times, 1.75×) must not drop the heatmap's
    // values or thin its labels (they are drawn smaller than the zoom asks before that), the heatmap
    // keeps most of its room, and the lesson text grows with everything else.
    void zoomingInAt720pKeepsTheHeatmapAndGrowsTheLessonText() {
        window->resize(1280, 720);
        window->lessonPanel()->showStep(0, 2);  // the classroom model of lesson 1
        // Cells that hold their values at normal size with little to spare.
        c()->setSourceText("the cat sat on the mat and the dog sat on the log by the door");
        c()->waitForIdle();
        c()->selectStage("encoder.layers.0.self_attn.scores");
        QApplication::processEvents();
        QCustomPlot* plot = heatmap()->plot();
        auto measure = [&] {
            QApplication::processEvents();
            plot->replot();
            QApplication::processEvents();
            int values = 0;
            for (int k = 0; k < plot->itemCount(); ++k)
                if (auto* text = qobject_cast<QCPItemText*>(plot->item(k)); text && text->property("valueLabel").toBool()) ++values;
            const auto rowTicks = qSharedPointerCast<QCPAxisTickerText>(plot->yAxis->ticker())->ticks().size();
            const auto colTicks = qSharedPointerCast<QCPAxisTickerText>(plot->xAxis2->ticker())->ticks().size();
            return std::tuple{plot->axisRect()->rect().width() * plot->axisRect()->rect().height(), values, rowTicks, colTicks};
        };
        const auto [area, values, rows, cols] = measure();
        const int cells = heatmap()->rows() * heatmap()->cols();
        QCOMPARE(values, cells);
        const double text = window->lessonPanel()->textPointSize();
        for (int k = 0; k < 4; ++k) QTest::keySequence(window.get(), QKeySequence::ZoomIn);
        QVERIFY(window->zoom() > 1.7);
        const auto [zoomedArea, zoomedValues, zoomedRows, zoomedCols] = measure();
        QVERIFY2(zoomedArea >= 0.7 * area, qPrintable(QStringLiteral("%1 → %2 px²").arg(area).arg(zoomedArea)));
        QCOMPARE(zoomedValues, cells);
        QCOMPARE(zoomedRows, rows);
        QCOMPARE(zoomedCols, cols);
        QVERIFY2(window->lessonPanel()->textPointSize() >= text * 1.7, qPrintable(QString::number(window->lessonPanel()->textPointSize())));
        QTest::keySequence(window.get(), QKeySequence(Qt::CTRL | Qt::Key_0));
        QCOMPARE(window->lessonPanel()->textPointSize(), text);
    }

    // Zoomed in for the back row: every pipeline chip whole inside the strip, and every value
    // written in a heatmap cell narrower than its cell (or none written).
    void zoomKeepsChipsWholeAndValuesInsideTheirCells() {
        window->resize(1280, 720);
        c()->selectStage("encoder.layers.0.self_attn.scores");
        int zoomsWithValues = 0;
        for (int step = 0; step < 6; ++step) {
            QTest::keySequence(window.get(), QKeySequence::ZoomIn);  // Ctrl + +
            QApplication::processEvents();
            int chips = 0;
            for (QToolButton* chip : window->findChildren<QToolButton*>()) {
                if (!chip->property("stage").isValid() || !chip->isVisible()) continue;
                ++chips;
                QWidget* viewport = chip->parentWidget()->parentWidget();  // the strip's scroll viewport
                const QRect inViewport(chip->mapTo(viewport, QPoint(0, 0)), chip->size());
                QVERIFY2(inViewport.top() >= 0 && inViewport.bottom() < viewport->height(),
                         qPrintable(QStringLiteral("%1: %2..%3 in %4").arg(chip->text()).arg(inViewport.top()).arg(inViewport.bottom()).arg(viewport->height())));
            }
            QVERIFY(chips > 5);
            QCustomPlot* plot = heatmap()->plot();
            plot->replot();
            const double cellWidth = plot->axisRect()->rect().width() / static_cast<double>(heatmap()->cols());
            int values = 0;
            for (int k = 0; k < plot->itemCount(); ++k) {
                auto* text = qobject_cast<QCPItemText*>(plot->item(k));
                if (!text || !text->property("valueLabel").toBool()) continue;
                ++values;
                QVERIFY2(QFontMetrics(text->font()).horizontalAdvance(text->text()) < cellWidth, qPrintable(text->text()));
                QVERIFY2(!text->text().contains('-'), "the minus sign is U+2212");
            }
            QVERIFY(values == 0 || values == heatmap()->rows() * heatmap()->cols());
            zoomsWithValues += values > 0;
        }
        QVERIFY(window->zoom() > 2);
        QVERIFY(zoomsWithValues > 0);
    }

    // Typing into a model whose traces are computed on a worker: each key cancels the recompute
    // it overtakes (at its next layer), so the app is never more than one recomputation behind;
    // the last trace is the text typed, and the keyboard never waits for a pass.
    void typingIntoABigModelCancelsOvertakenRecomputes() {
        // Computed on the session's worker, and slow enough that the first key's run is still going
        // when the second key comes, in either build (a smaller model raced the keys under ASan).
        Session big = c()->session();
        big.config.d_model = 256;
        big.config.num_encoder_layers = 6;
        big.config.dim_feedforward = 1024;
        big.config.nhead = 4;
        big.config.max_len = 512;
        big.src_text.clear();
        for (int i = 0; i < 150; ++i) big.src_text += "w" + std::to_string(i) + " ";
        c()->applySession(big, "big");
        c()->waitForIdle();
        QVERIFY(c()->trace()->kept_floats() > SessionController::kAsyncFloats);  // this size runs on a worker
        QLineEdit* edit = window->inputPanel()->sourceEdit();
        edit->setFocus();
        edit->end(false);
        const int before = c()->cancelledRuns();
        int installed = 0;
        connect(c(), &SessionController::traceChanged, this, [&] { ++installed; });
        QTest::keyClicks(edit, " the cat sat on the mat");
        QVERIFY(c()->isBusy());
        c()->waitForIdle();
        QVERIFY2(c()->cancelledRuns() > before, "the run the keys overtook was dropped, not finished");
        QVERIFY2(installed <= 2, qPrintable(QString::number(installed)));  // not one per key
        QCOMPARE(c()->session().src_text, big.src_text + " the cat sat on the mat");
        QCOMPARE(labelsOf(c()->trace()->src_tokens).mid(150), QStringList({"the", "cat", "sat", "on", "the", "mat"}));
        QCOMPARE(c()->undoStack()->undoText(), QString("Edit text"));  // still one undo step
    }

    // While another model is computed on a worker, the stage view and the overview say so over the
    // old picture; an edit of the same model's text does not veil anything.
    void anotherModelBeingComputedIsSaidOverTheOldPicture() {
        auto veil = [](QWidget* view) {
            for (QLabel* l : view->findChildren<QLabel*>("busyOverlay"))
                if (l->isVisible()) return l->text();
            return QString();
        };
        window->headsView()->setShown(true);
        Session big = c()->session();
        big.config.d_model = 128;
        big.config.nhead = 4;
        big.config.num_encoder_layers = 4;
        big.config.dim_feedforward = 256;
        big.config.max_len = 512;
        big.src_text.clear();
        for (int i = 0; i < 200; ++i) big.src_text += "w" + std::to_string(i) + " ";
        c()->applySession(big, "another model");
        QVERIFY(c()->isBusy());
        QVERIFY2(veil(window->stageView()).contains("Computing the new model"), qPrintable(veil(window->stageView())));
        QVERIFY(veil(window->headsView()).contains("previous model"));
        c()->waitForIdle();
        QCOMPARE(veil(window->stageView()), QString());
        QCOMPARE(veil(window->headsView()), QString());
        c()->setSourceText(QString::fromStdString(big.src_text + "the cat"));  // the same model, a longer text
        QVERIFY(c()->isBusy());
        QCOMPARE(veil(window->stageView()), QString());
        c()->waitForIdle();
    }

    // A model big enough for its induction probe to run on a worker probes once, however many
    // edits come while it runs; its marks come when it ends.
    void aBigModelsInductionProbeRunsOnce() {
        HeadsView* heads = window->headsView();
        heads->setShown(true);
        const int before = heads->inductionProbes();
        Session big = c()->session();
        big.config.d_model = 512;
        big.config.nhead = 4;
        big.config.num_encoder_layers = 16;
        big.config.dim_feedforward = 512;
        c()->applySession(big, "big");
        c()->waitForIdle();
        // The same words (the app's word model gives each word of the text a row): the same model.
        for (const char* text : {"the cat sat on the mat", "the mat sat on the cat", "on the mat the cat sat", "the cat sat on the mat"}) {
            c()->setSourceText(text);
            c()->waitForIdle();
            QApplication::processEvents();
        }
        QCOMPARE(heads->inductionProbes(), before + 1);  // the edits rebuild the model, the same weights: one probe
    }

    // The dark palette (View › Dark palette): the step toolbar's icons are drawn light and the Find
    // box's hint stands out from its field, then both return to dark on light.
    void theDarkPaletteKeepsIconsAndTheFindHintVisible() {
        auto luminance = [](const QColor& c) {
            auto lin = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * lin(c.redF()) + 0.7152 * lin(c.greenF()) + 0.0722 * lin(c.blueF());
        };
        auto contrast = [&](const QColor& a, const QColor& b) {
            const double x = luminance(a), y = luminance(b);
            return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
        };
        // The mean colour of an icon's drawn pixels, against the toolbar behind it.
        auto iconContrast = [&](QAction* a) {
            const QImage image = a->icon().pixmap(24).toImage().convertToFormat(QImage::Format_ARGB32);
            double r = 0, g = 0, b = 0, n = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x) {
                    const QColor c = image.pixelColor(x, y);
                    if (c.alpha() < 128) continue;
                    r += c.redF(), g += c.greenF(), b += c.blueF(), ++n;
                }
            return n == 0 ? 0.0 : contrast(QColor::fromRgbF(r / n, g / n, b / n), window->palette().color(QPalette::Window));
        };
        QAction* dark = nullptr;
        QList<QAction*> steps;
        for (QAction* a : window->findChildren<QAction*>()) {
            if (a->text() == MainWindow::tr("&Dark palette")) dark = a;
            if (a->text() == MainWindow::tr("Back") || a->text() == MainWindow::tr("Step") || a->text() == MainWindow::tr("Play")) steps << a;
        }
        QVERIFY(dark);
        QCOMPARE(steps.size(), 3);
        for (bool on : {true, false}) {
            dark->setChecked(on);
            QApplication::processEvents();
            for (QAction* a : steps) QVERIFY2(iconContrast(a) > 3.0, qPrintable(a->text() + (on ? " on dark" : " on light")));
            QLineEdit* find = window->stageView()->findField();
            QVERIFY2(contrast(find->palette().color(QPalette::PlaceholderText), find->palette().color(QPalette::Base)) > 3.0,
                     on ? "the Find hint on dark" : "the Find hint on light");
        }
    }

    void chineseIsDrawnInTheSimplifiedChineseFace() {
        useSimplifiedChineseFace();
        QTextLayout layout(QStringLiteral("机器学习"), QApplication::font());
        layout.beginLayout();
        layout.createLine();
        layout.endLayout();
        const auto runs = layout.glyphRuns();
        QVERIFY(!runs.isEmpty());
        for (const QGlyphRun& run : runs) QCOMPARE(run.rawFont().familyName(), QStringLiteral("Noto Sans CJK SC"));
    }

    void typingASentenceChangesLabelsAndWeights() {
        QLineEdit* edit = window->inputPanel()->sourceEdit();
        edit->setFocus();
        edit->selectAll();
        QInputMethodEvent typed;  // Chinese arrives through the input method, as from a real IME
        typed.setCommitString(QStringLiteral("我爱机器学习"));
        QApplication::sendEvent(edit, &typed);
        const auto trace = c()->trace();
        QCOMPARE(labelsOf(trace->src_tokens), QStringList({"我", "爱", "机", "器", "学", "习"}));
        QCOMPARE(heatmap()->rows(), 6);
        const Tensor w = *trace->tensor("encoder.layers.0.self_attn.weights");
        QCOMPARE(heatmap()->values()[7], w.data[7]);
        QTest::keyClicks(edit, " ok");
        QCOMPARE(heatmap()->rows(), 7);
        // One undo step for the whole typing.
        c()->undoStack()->undo();
        QCOMPARE(QString::fromStdString(c()->session().src_text), QString("the cat sat on the mat"));
        QCOMPARE(edit->text(), QString("the cat sat on the mat"));
    }

    void emptyTextShowsItsReasonAndKeepsTheTrace() {
        const auto before = c()->trace();
        QLineEdit* edit = window->inputPanel()->sourceEdit();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Delete);
        QCOMPARE(c()->trace(), before);
        QVERIFY(c()->errors().value(ui::kSourceTextField).contains("type at least one word"));
        const auto labels = window->inputPanel()->findChildren<QLabel*>();
        const bool shown = std::any_of(labels.begin(), labels.end(), [](QLabel* l) {
            return l->isVisible() && l->text().contains("type at least one word");
        });
        QVERIFY(shown);
    }

    void steppingVisitsStagesInOrder() {
        const QStringList stages = pipelineStages(*c()->trace());
        c()->selectStage(stages[0]);
        window->activateWindow();
        window->stageView()->setFocus();
        for (int i = 1; i < 8; ++i) {
            QTest::keyClick(window.get(), Qt::Key_Right);
            QCOMPARE(c()->currentStage(), stages[i]);
        }
        for (int i = 6; i >= 0; --i) {
            QTest::keyClick(window.get(), Qt::Key_Left);
            QCOMPARE(c()->currentStage(), stages[i]);
        }
    }

    void stepIntoWalksCellsAndSoftmaxRows() {
        c()->selectStage("encoder.layers.0.self_attn.scores");
        window->player()->stepInto();
        QCOMPARE(c()->currentCell(), QPoint(0, 0));
        window->player()->stepInto();
        QCOMPARE(c()->currentCell(), QPoint(1, 0));  // next column
        c()->selectStage("encoder.layers.0.self_attn.weights");
        window->player()->stepInto();
        window->player()->stepInto();
        QCOMPARE(c()->currentCell(), QPoint(0, 1));  // softmax: next row
        QVERIFY(window->explainPanel()->plainText().contains("softmax over row 1"));
        window->player()->stepOut();
        QCOMPARE(c()->currentCell(), QPoint(-1, -1));
    }

    void explainPanelShowsTheNumbersOfTheCellUnderTheMouse() {
        c()->selectStage("encoder.layers.0.self_attn.scaled_scores");
        QCustomPlot* plot = heatmap()->plot();
        plot->replot();
        // Query 2 ("sat"), key 3 ("on"): the pixel from the plot's own axes, the move from the real mouse.
        const QPoint cell(static_cast<int>(plot->xAxis2->coordToPixel(3)), static_cast<int>(plot->yAxis->coordToPixel(2)));
        QTest::mouseMove(plot, cell);
        QTRY_VERIFY(window->explainPanel()->plainText().contains("= score / √d_k"));
        const QString text = window->explainPanel()->plainText();
        QVERIFY2(text.contains("2 \"sat\", 3 \"on\"]"), qPrintable(text));
        QVERIFY(text.contains(QString::number(heatmap()->value(2, 3), 'f', 3).replace('-', QChar(0x2212))));  // the minus sign, as the heatmap's
        QVERIFY2(!QRegularExpression("(^|[\\s(=])-[0-9]").match(text).hasMatch(), qPrintable(text));
        // Row 0 is the top of the matrix: the first query, not the last.
        QTest::mouseMove(plot, QPoint(cell.x(), static_cast<int>(plot->yAxis->coordToPixel(0))));
        QTRY_VERIFY2(window->explainPanel()->plainText().contains("0 \"the\", 3 \"on\"]"),
                     qPrintable(window->explainPanel()->plainText()));
        QTest::mouseMove(plot, QPoint(1, cell.y()));  // off the matrix
    }

    // Explain explains what is shown: the hovered cell while the pointer is on the matrix, then
    // the selected (stepped) cell or a hint once it leaves; never a cell the stage has not; and
    // the heatmap's tooltip is always the current stage's.
    void explainFollowsThePointerThenTheSelection() {
        c()->selectStage("encoder.layers.0.self_attn.scaled_scores");
        QCustomPlot* plot = heatmap()->plot();
        plot->replot();
        auto pixel = [plot](int row, int col) {
            return QPoint(static_cast<int>(plot->xAxis2->coordToPixel(col)), static_cast<int>(plot->yAxis->coordToPixel(row)));
        };
        auto explained = [this] { return window->explainPanel()->plainText(); };
        QTest::mouseMove(plot, pixel(2, 3));
        QTRY_VERIFY2(explained().contains("2 \"sat\", 3 \"on\"]"), qPrintable(explained()));
        // The pointer leaves the heatmap: nothing is selected, so the hint.
        QTest::mouseMove(window->explainPanel(), QPoint(10, 10));
        QTRY_VERIFY2(explained().contains("Hover a cell"), qPrintable(explained()));
        // Stepping into the cells (↓) selects one: Explain shows it.
        QTest::keyClick(window.get(), Qt::Key_Down);
        QCOMPARE(c()->currentCell(), QPoint(0, 0));
        QTRY_VERIFY2(explained().contains("0 \"the\", 0 \"the\"]"), qPrintable(explained()));
        // Hovering again, then the stage changes under the resting pointer (→): Explain and the
        // tooltip are about the new stage's cell.
        QTest::mouseMove(plot, pixel(2, 3));
        QTRY_VERIFY(explained().contains("2 \"sat\", 3 \"on\"]"));
        c()->selectStage("encoder.layers.0.self_attn.scores");
        QVERIFY2(plot->toolTip().endsWith(formatCellValue(heatmap()->value(2, 3))), qPrintable(plot->toolTip()));
        QVERIFY2(!explained().contains("/ √d_k"), qPrintable(explained()));
        // A shorter example under the resting pointer: the hovered cell is gone, no "outside" error.
        c()->setSourceText("a b");
        QTRY_VERIFY2(!explained().contains("outside"), qPrintable(explained()));
        QTest::mouseMove(window->explainPanel(), QPoint(10, 10));
    }

    // Page Down (a presenter's clicker) starts or advances a lesson with its text in front.
    void pageDownBringsTheLessonForward() {
        auto* model = window->findChild<QDockWidget*>("ModelDock");
        auto* lessons = window->findChild<QDockWidget*>("LessonsDock");
        model->raise();
        QTRY_VERIFY(lessons->visibleRegion().isEmpty());
        QTest::keyClick(window.get(), Qt::Key_PageDown);
        QTRY_VERIFY(!lessons->visibleRegion().isEmpty());
        QVERIFY(window->lessonPanel()->currentLesson() >= 0);
    }

    void anEditRedrawsTheStageViewOnce() {
        c()->selectStage("encoder.layers.0.self_attn.weights");
        const int before = window->stageView()->refreshCount();
        c()->setSourceText("the cat sat on the rug");
        QCOMPARE(window->stageView()->refreshCount(), before + 1);
        c()->selectHead(1);
        QCOMPARE(window->stageView()->refreshCount(), before + 2);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);  // undo: one more edit, one more redraw
        QCOMPARE(window->stageView()->refreshCount(), before + 3);
    }

    void editingAnEmbeddingChangesDownstreamAndUndoRestoresBitForBit() {
        const auto original = c()->trace();
        c()->selectStage("src.embeddings");
        emit heatmap()->cellEdited(1, 0, 2.5f);  // as if typed on the heatmap cell
        const auto edited = c()->trace();
        QCOMPARE(edited->tensor("src.embeddings")->matrix()(1, 0), 2.5f);
        QVERIFY(edited->tensor("encoder.output")->data != original->tensor("encoder.output")->data);
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(sameTrace(*c()->trace(), *original));
        QTest::keyClick(window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(sameTrace(*c()->trace(), *edited));
    }

    void editingAWeightInTheTable() {
        WeightsEditor* editor = window->weightsEditor();
        QComboBox* selector = editor->matrixSelector();
        const int index = selector->findData("encoder.layers.0.self_attn.in_proj_weight");
        QVERIFY(index >= 0);
        selector->setCurrentIndex(index);
        emit selector->activated(index);
        auto* model = editor->table()->model();
        QVERIFY(!model->setData(model->index(0, 0), "not a number", Qt::EditRole));
        QVERIFY(model->setData(model->index(0, 0), "0.75", Qt::EditRole));
        QCOMPARE(c()->model()->weights.at("encoder.layers.0.self_attn.in_proj_weight").data[0], 0.75f);
        QCOMPARE(c()->trace()->tensor("encoder.layers.0.self_attn.q")->matrix()(0, 0),
                 c()->trace()->tensor("src.input")->matrix().row(0).dot(
                     c()->model()->weights.at("encoder.layers.0.self_attn.in_proj_weight").matrix().row(0)) +
                     c()->model()->weights.at("encoder.layers.0.self_attn.in_proj_bias").data[0]);
    }

    void invalidConfigShowsItsMessageAndKeepsThePreviousTrace() {
        const auto before = c()->trace();
        QSpinBox* heads = window->configPanel()->spin("nhead");
        heads->setValue(3);
        QCOMPARE(c()->trace(), before);
        QLabel* error = window->configPanel()->errorLabel("d_model");
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains("d_model (8) must be divisible by nhead (3)"), qPrintable(error->text()));
        heads->setValue(4);
        QVERIFY(!error->isVisible());
        QCOMPARE(c()->trace()->tensor("encoder.layers.0.self_attn.weights")->dim(0), 4);
    }

    void typoInANumberFieldIsShownThere() {
        QLineEdit* eps = window->configPanel()->lineEdit("layer_norm_eps");
        eps->setText("tiny");
        emit eps->editingFinished();
        QVERIFY(window->configPanel()->errorLabel("layer_norm_eps")->isVisible());
        QCOMPARE(c()->session().config.layer_norm_eps, 1e-5);
    }

    void positionalEncodingSwitchChangesTheModel() {
        PositionalPanel* panel = window->positionalPanel();
        const auto before = c()->trace()->tensor("encoder.layers.0.self_attn.weights")->data;
        panel->encodingSelector()->setCurrentIndex(4);  // RoPE
        emit panel->encodingSelector()->activated(4);
        QCOMPARE(c()->session().config.positional_encoding, PositionalEncoding::Rope);
        QVERIFY(c()->trace()->find("encoder.layers.0.self_attn.q_rotated"));
        QVERIFY(c()->trace()->tensor("encoder.layers.0.self_attn.weights")->data != before);
        QCOMPARE(panel->similarity()->rows(), 32);
        c()->undoStack()->undo();
        QCOMPARE(c()->session().config.positional_encoding, PositionalEncoding::Sinusoidal);
        // The article's binary code: pair j turns at p / 2^j (P(1, 1) = sin ½, cos ½).
        panel->encodingSelector()->setCurrentIndex(2);
        emit panel->encodingSelector()->activated(2);
        QCOMPARE(c()->session().config.positional_encoding, PositionalEncoding::Binary);
        const Tensor& pe = *c()->trace()->tensor("src.positional");
        QCOMPARE(pe.matrix()(1, 2), std::sin(0.5f));
        QCOMPARE(pe.matrix()(1, 3), std::cos(0.5f));
        QCOMPARE(panel->encodingSelector()->currentIndex(), 2);
        c()->undoStack()->undo();
    }

    void largeModelsComputeOffTheGuiThread() {
        QSignalSpy busy(c(), &SessionController::busyChanged);
        Session s = c()->session();
        s.config.d_model = 256;
        s.config.nhead = 4;
        s.config.dim_feedforward = 256;
        std::string text;
        for (int i = 0; i < 300; ++i) text += "w" + std::to_string(i) + " ";
        s.src_text = text;
        c()->applySession(s, "big");
        QVERIFY(c()->isBusy());
        c()->waitForIdle();
        QVERIFY(!c()->isBusy());
        QCOMPARE(busy.count(), 2);
        QCOMPARE(c()->trace()->src_tokens.size(), size_t{300});
    }

    void copyPutsTheStageFigureOnTheClipboard() {
        for (QAction* a : window->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)) a->trigger();
        const QImage image = QApplication::clipboard()->image();
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 300);
    }

    void nonFiniteNumbersAreRefusedWhereTyped() {
        window->workspaces()->setCurrent("model");
        WeightsEditor* editor = window->weightsEditor();
        auto* model = editor->table()->model();  // token embeddings
        const auto before = c()->trace();
        for (const char* text : {"nan", "inf", "-inf", "1e39", "abc"}) QVERIFY(!model->setData(model->index(0, 0), text, Qt::EditRole));
        QCOMPARE(c()->trace(), before);
        QVERIFY(editor->findChild<QLabel*>()->isVisible());
    }

};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
