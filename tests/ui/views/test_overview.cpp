// The model overview, driven as a user would (offscreen): the Heads view's blocks × heads, its
// grouping of query heads under grouped-query attention, its attention-sink badges, and the Lines
// view; assertions are on the trace and the widgets' data, not on pixels.
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "panels/config_panel.h"
#include "panels/input_panel.h"
#include "panels/predictions_panel.h"
#include "engine/forward.h"
#include "teach/attention_sinks.h"
#include "views/heads_view.h"
#include "views/heatmap_widget.h"
#include "views/lines_view.h"
#include "views/stage_matrix.h"
#include "views/stage_view.h"
#include "window/main_window.h"
#include "../window_fixture.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTableWidget>
#include <QUndoStack>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <qcustomplot.h>

#include <QTest>

#include <set>

using namespace attn;
using namespace attn::ui;

class TestOverview : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dataHome;
    SessionController* c() { return window->controller(); }
    HeatmapWidget* heatmap() { return window->stageView()->heatmap(); }

private slots:
    void initTestCase() {
        useOwnSettings("AttentionLabOverviewTests", dataHome);
    }
    void init() {
        window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    void cleanup() { closeWindow(window); }

    // Issue 27, point 1: a right click knocks a head out; the predictions show each probability beside
    // the one with every head on; K toggles the selected head; undo brings it back. The Shakespeare
    // model's induction head 3.2 carries the "a" after "the c" (74 % with it, 33 % without).
    void aHeadKnockedOutMovesThePredictionsAndComesBackWithUndo() {
        Session s = loadPreset("trained-shakespeare");
        s.src_text = "the cat sat on the mat because the c";
        c()->applySession(s, "shakespeare");
        c()->waitForIdle();
        HeadsView* heads = window->headsView();
        window->findChild<QDockWidget*>("HeadsDock")->raise();
        heads->setShown(true);
        QTRY_COMPARE(heads->thumbnailCount(), 16);
        QVERIFY(heads->canKnockOut(14));
        QVERIFY(heads->knockedOutSummary().isEmpty());
        QMenu* menu = heads->knockOutMenu(14);  // layer 3, head 2
        QVERIFY(menu);
        QCOMPARE(menu->actions().front()->text(), HeadsView::tr("Knock out head %1.%2").arg(3).arg(2));
        const auto everyHead = c()->trace();
        menu->actions().front()->trigger();
        c()->waitForIdle();
        QVERIFY(c()->isKnockedOut(3, 2));
        // Only layer 3 was computed again: layers 0–2 are the run before's own numbers.
        QCOMPARE(c()->trace()->find("decoder.layers.2.self_attn.weights")->data, everyHead->find("decoder.layers.2.self_attn.weights")->data);
        QVERIFY(c()->trace()->find("decoder.layers.3.self_attn.weights")->data != everyHead->find("decoder.layers.3.self_attn.weights")->data);
        QCOMPARE(c()->session().knocked_out, (std::vector<std::string>{"3.2"}));
        QTRY_VERIFY(heads->knockedOutMarkShown(14));
        QVERIFY(!heads->knockedOutMarkShown(13));
        QVERIFY(heads->knockedOutSummary().contains("3.2"));

        PredictionsPanel* predictions = window->predictionsPanel();
        predictions->setShown(true);
        QTRY_VERIFY(!predictions->table()->isColumnHidden(3));
        QTableWidget* table = predictions->table();
        int a = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 1)->text() == "a") a = r;
        QVERIFY(a >= 0);
        QCOMPARE(table->item(a, 3)->text(), QStringLiteral("74.41 %"));
        QCOMPARE(table->item(a, 2)->text(), QStringLiteral("33.46 % ▼"));

        c()->undoStack()->undo();
        c()->waitForIdle();
        QVERIFY(!c()->isKnockedOut(3, 2));
        QTRY_VERIFY(table->isColumnHidden(3));
        QTRY_VERIFY(!heads->knockedOutMarkShown(14));

        c()->selectStage("decoder.layers.3.self_attn.weights");
        c()->selectHead(2);
        QTest::keyClick(window.get(), Qt::Key_K);
        c()->waitForIdle();
        QVERIFY(c()->isKnockedOut(3, 2));
        heads->knockOutMenu(14)->actions().at(1)->trigger();  // mean instead of zeros
        c()->waitForIdle();
        QVERIFY(c()->session().knock_out_mean);
        QTRY_VERIFY(heads->knockedOutSummary().contains(HeadsView::tr("each passes on its mean").left(10)));
        Config smaller = c()->session().config;
        smaller.nhead = 2;  // head 2 no longer exists: restored in the same step
        c()->setConfig(smaller, "heads");
        QVERIFY(c()->session().knocked_out.empty());
    }

    void presetsLoadAndHeadsViewOpensABlock() {
        c()->applySession(loadPreset("translation"), "translation");
        QCOMPARE(labelsOf(c()->trace()->tgt_tokens), QStringList({"I", "love", "machine", "learning"}));
        QCOMPARE(window->inputPanel()->targetEdit()->isVisible(), true);
        HeadsView* heads = window->headsView();
        QCOMPARE(heads->thumbnailCount(), 3 * 2);  // encoder self, decoder self, decoder cross × 2 heads
        emit heads->thumbnail(5)->cellClicked(0, 0);
        QCOMPARE(c()->currentStage(), QString("decoder.layers.0.multihead_attn.weights"));
        QCOMPARE(c()->currentHead(), 1);
        QCOMPARE(heatmap()->rows(), 4);
        QCOMPARE(heatmap()->cols(), 6);
    }

    // Thumbnails keep square cells whatever shape the grid gives them: the translation model's
    // cross-attention (4 × 6) is drawn half again as wide as tall, its self-attention square.
    void thumbnailsKeepTheirCellsSquare() {
        c()->applySession(loadPreset("translation"), "translation");
        window->resize(1280, 720);
        HeadsView* heads = window->headsView();
        heads->setShown(true);
        heads->resize(300, 900);  // tall, narrow cells: the stretching the review saw
        QApplication::processEvents();
        for (int i = 0; i < heads->thumbnailCount(); ++i) {
            HeatmapWidget* t = heads->thumbnail(i);
            t->resize(100, 365);
            QApplication::processEvents();
            const QRect r = t->matrixRect();
            QVERIFY2(r.width() > 20, qPrintable(QString::number(r.width())));
            const double aspect = static_cast<double>(r.width()) / r.height(), want = static_cast<double>(t->cols()) / t->rows();
            QVERIFY2(std::abs(aspect - want) < 0.1 * want, qPrintable(QString("thumbnail %1: %2 × %3 px for %4 × %5 cells")
                                                                           .arg(i).arg(r.width()).arg(r.height()).arg(t->rows()).arg(t->cols())));
        }
    }

    // A long sequence's thumbnail is the mean of each block of cells, and holds only those means:
    // 144 thumbnails holding their heads' derived n × n weights kept 600 MB alive at n = 1024.
    void aPooledThumbnailHoldsOnlyItsMeans() {
        Config config;
        config.d_model = 16;
        config.nhead = 2;
        config.max_len = 200;
        const Model model = make_model(config);
        const int n = 130;
        const Trace trace = run_forward(model, {sequence_from_embeddings(model, Mat::Random(n, 16)), {}}, TraceOptions{0});
        const Stage& stage = *trace.find("encoder.layers.0.self_attn.weights");
        QVERIFY(stage.data->derived());
        const StageMatrix m = thumbnailOf(stageMatrix(trace, stage, 1), 64);
        QVERIFY(!m.tensor);
        QCOMPARE(m.rows, 64);
        QCOMPARE(m.cols, 64);
        // Row block 0 holds rows 0..2 (130 rows over 64), column block 0 columns 0..2: 9 cells.
        const auto full = stage.tensor();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                if (i * 64 / n == 0 && j * 64 / n == 0) sum += full->slice(1)(i, j), ++count;
        QCOMPARE(count, 9);
        QVERIFY(std::abs(m.data[0] - sum / count) < 1e-6);
    }

    // Grouped-query attention on the app's own model: the Heads view draws which query heads share
    // each K/V head, and the Model panel's K/V-heads box regroups them, with the KV cache beside MHA's.
    void groupedQueryAttentionIsDrawnAndEditable() {
        c()->applySession(loadPreset("llama-like"), "llama-like");
        HeadsView* heads = window->headsView();
        heads->setShown(true);
        QCOMPARE(heads->thumbnailCount(), 2 * 4);  // two layers × four query heads
        QCOMPARE(heads->kvGroups(), QStringList({"K/V head 0", "K/V head 1"}));
        QCOMPARE(c()->trace()->find("decoder.layers.0.self_attn.k_heads")->shape(), (std::vector<int64_t>{2, 8, 8}));  // (H_kv, tokens, d_k)
        QLabel* cache = window->configPanel()->findChild<QLabel*>("KvCacheSize");
        QVERIFY(cache->text().contains("multi-head"));
        QVERIFY(cache->text().contains(QStringLiteral("2×")));

        QSpinBox* kv = window->configPanel()->spin("num_kv_heads");
        kv->setValue(1);  // multi-query: all four share one
        QCOMPARE(c()->session().config.num_kv_heads, 1);
        QCOMPARE(heads->kvGroups(), QStringList({"K/V head 0"}));
        QVERIFY(cache->text().contains(QStringLiteral("4×")));
        kv->setValue(3);  // does not divide 4: refused under the field, the last good trace kept
        QVERIFY(window->configPanel()->errorLabel("num_kv_heads")->text().contains("must divide nhead"));
        QCOMPARE(c()->traceKvHeads(), 1);
        kv->setValue(0);  // "= heads": multi-head attention, no grouping drawn
        QVERIFY(heads->kvGroups().isEmpty());
        QVERIFY(!cache->text().contains("multi-head"));
    }

    // Attention sinks in the overview: a head whose mean weight on the first token is above a half is
    // marked. Two tokens under a causal mask make every head one (the first query sees only token 0).
    void theOverviewMarksAttentionSinks() {
        c()->applySession(loadPreset("gpt"), "gpt");
        c()->setSourceText("the cat");
        c()->waitForIdle();
        HeadsView* heads = window->headsView();
        heads->setShown(true);
        QVERIFY(heads->thumbnailCount() > 0);
        QCOMPARE(heads->sinkCount(), heads->thumbnailCount());
        QVERIFY(heads->thumbnail(0)->toolTip().contains("Attention sink"));
        c()->applySession(loadPreset("classroom"), "classroom");  // an encoder: as many sinks as the rule finds
        c()->waitForIdle();
        int expected = 0;
        for (const auto& stage : c()->trace()->stages())
            if (stage.kind == StageKind::AttentionWeights)
                for (double share : first_key_share(*stage.tensor())) expected += share > kSinkShare;
        QCOMPARE(heads->sinkCount(), expected);
    }

    // The architecture review's latent bug: an invalid nhead keeps the last good trace on screen,
    // and the views must draw that trace's heads, not the config's (a head shown twice).
    void anInvalidHeadCountKeepsTheViewsOnTheTracesHeads() {
        HeadsView* heads = window->headsView();
        LinesView* lines = window->linesView();
        heads->setShown(false), lines->setShown(false);  // their docks hidden…
        c()->setSourceText("the dog sat on the mat");     // …while the trace changes (they go stale)
        Config bad = c()->session().config;
        bad.nhead = 3;  // 8 features over 3 heads: refused, the 2-head trace stays
        c()->setConfig(bad, "nhead");
        QVERIFY(!c()->errors().isEmpty());
        QCOMPARE(c()->traceHeads(), 2);
        heads->setShown(true), lines->setShown(true);     // shown again: they refresh now
        QCOMPARE(heads->thumbnailCount(), 2);                 // one block × the trace's 2 heads
        QCOMPARE(lines->headSelector()->count(), 1 + 2);      // "all heads", head 0, head 1
    }

    // At 200 tokens every query keeps its strongest line (the budget goes round the queries), and
    // the head legend sits above the plot, not over the token labels.
    void linesViewSpreadsItsLinesOverALongText() {
        QString text;
        for (int i = 0; i < 200; ++i) text += QStringLiteral("w%1 ").arg(i % 37);
        Config c = this->c()->session().config;
        c.max_len = 256;
        this->c()->setConfig(c, "max_len");
        this->c()->setSourceText(text.trimmed());
        this->c()->waitForIdle();
        LinesView* lines = window->linesView();
        lines->setShown(true);
        lines->headSelector()->setCurrentIndex(0);  // all heads
        emit lines->headSelector()->activated(0);
        QApplication::processEvents();
        const int rows = static_cast<int>(this->c()->trace()->src_tokens.size());
        QCOMPARE(rows, 200);
        const std::vector<int> queries = lines->lineQueries();
        QCOMPARE(static_cast<int>(queries.size()), LinesView::kMaxLines);
        std::set<int> distinct(queries.begin(), queries.end());
        // 300 lines a head for 200 queries: every query with a weight of at least 1 % has its strongest line.
        const Tensor& w = *this->c()->trace()->tensor(lines->blockSelector()->currentData().toString().toStdString());
        std::set<int> reaching;
        for (int64_t h = 0; h < w.dim(0); ++h)
            for (int i = 0; i < rows; ++i)
                if (*std::max_element(w.data.begin() + (h * rows + i) * rows, w.data.begin() + (h * rows + i + 1) * rows) >= 0.01f)
                    reaching.insert(i);
        QVERIFY(reaching.size() > 150);
        QCOMPARE(distinct, reaching);
        QVERIFY(lines->legend()->isVisible());
        QVERIFY(lines->legend()->text().contains("head 1"));
        for (int i = 0; i < lines->plot()->itemCount(); ++i)
            if (auto* t = qobject_cast<QCPItemText*>(lines->plot()->item(i))) QVERIFY2(!t->text().contains("head"), qPrintable(t->text()));
    }

    void linesViewKeepsOnlyTheHoveredTokensLines() {
        LinesView* lines = window->linesView();
        lines->headSelector()->setCurrentIndex(1);  // head 0
        emit lines->headSelector()->activated(1);
        const int all = lines->lineCount();
        QVERIFY(all > 6);
        lines->setFocusToken(0, 2);
        QVERIFY(lines->lineCount() <= 6);
        QVERIFY(lines->lineCount() > 0);
        lines->setFocusToken(0, -1);
        QCOMPARE(lines->lineCount(), all);
    }
};

QTEST_MAIN(TestOverview)
#include "test_overview.moc"
