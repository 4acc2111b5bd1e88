// The Training panel driven as a learner drives it: buttons clicked, fields
// typed into, the timeline dragged, the model taken into the main view.
#include "controller/session_controller.h"
#include "controller/training_controller.h"
#include "panels/training_panel.h"
#include "views/heatmap_widget.h"
#include "window/main_window.h"

#include <QComboBox>
#include <qcustomplot.h>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace attn;
using namespace attn::ui;

class TestTrainingPanel : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> window;
    TrainingPanel* panel() { return window->trainingPanel(); }
    TrainingController* training() { return panel()->training(); }
    QSpinBox* stepsField() { return panel()->findChildren<QSpinBox*>().at(1); }  // batch, steps, seed

private slots:
    void init() { window = std::make_unique<MainWindow>(); }
    void cleanup() {
        training()->pause();
        training()->waitForIdle();
        window.reset();
    }

    void runningReversalLearnsTheAntiDiagonal() {
        panel()->setTask("reverse");
        stepsField()->setValue(150);  // reversal passes 90 % within about 60 steps
        QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
        QVERIFY(training()->isRunning() || training()->stepsDone() > 0);
        // Generous: the sanitizer build trains some 50 times slower than the release build.
        QTRY_VERIFY_WITH_TIMEOUT(training()->finished() && !training()->isRunning(), 600000);
        QCOMPARE(training()->stepsDone(), 150);
        const auto& snapshots = training()->snapshots();
        QVERIFY(snapshots.size() > 10);
        QCOMPARE(snapshots.front().step, 0);
        QVERIFY2(snapshots.back().accuracy >= 0.9, qPrintable(QString::number(snapshots.back().accuracy)));
        QVERIFY(snapshots.front().accuracy < 0.1);
        // The probe's attention at the end: each query looks at its mirror, 7 − i.
        const HeatmapWidget* probe = panel()->probe();
        QCOMPARE(probe->rows(), 8);
        int mirrored = 0;
        for (int i = 0; i < 8; ++i) mirrored += probe->value(i, 7 - i) > 0.5f;
        QVERIFY2(mirrored >= 6, qPrintable(QString::number(mirrored)));
        // Back to step 0 on the timeline: no pattern yet.
        panel()->timeline()->setValue(0);
        int before = 0;
        for (int i = 0; i < 8; ++i) before += probe->value(i, 7 - i) > 0.5f;
        QVERIFY(before < mirrored);
    }

    // The text task, live: the loss in bits per character, a sample at each snapshot, the head
    // detector's best scores plotted over the steps; the model taken into the main view reads characters.
    void theShakespeareTaskShowsBitsPerCharacterASampleAndHeadScores() {
        panel()->setTask("text:shakespeare");
        QCOMPARE(panel()->taskBox()->currentData().toString(), QStringLiteral("text:shakespeare"));
#ifdef ATTN_SANITIZED
        constexpr int kSteps = 4;  // at -O0 under the sanitizers a text snapshot takes seconds
#else
        constexpr int kSteps = 12;
#endif
        stepsField()->setValue(kSteps);  // a snapshot every step: each measures the held-out text and the heads
        QTest::mouseClick(panel()->runButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(training()->finished() && !training()->isRunning(), 600000);
        const auto& snapshots = training()->snapshots();
        QVERIFY(snapshots.size() >= 2);
        const TrainingSnapshot& last = snapshots.back();
        QVERIFY(last.heldOutLoss > 0 && last.heldOutLoss < snapshots.front().heldOutLoss);  // it learned something
        QVERIFY(last.previousToken >= 0 && last.previousToken <= 1);
        QVERIFY(last.induction >= 0 && last.induction <= 1);
        QVERIFY(!last.sample.isEmpty());
        QVERIFY(panel()->sampleLabel()->isVisibleTo(panel()));
        QVERIFY(panel()->sampleLabel()->text().startsWith(QStringLiteral("It writes: ")));
        QVERIFY(panel()->snapshotLabel()->text().contains(QStringLiteral("bits per character")));
        QVERIFY(panel()->snapshotLabel()->text().contains(QStringLiteral("best induction head")));
        // The plot: loss in bits (nats / ln 2) and the two head-score lines over the snapshots.
        QCustomPlot* curves = panel()->curves();
        QCOMPARE(curves->yAxis->label(), QStringLiteral("bits per character"));
        QCOMPARE(curves->graph(0)->dataCount(), kSteps);
        QCOMPARE(curves->graph(0)->data()->at(kSteps - 1)->value, training()->log().back().loss / std::log(2.0));
        QCOMPARE(curves->graph(3)->dataCount(), static_cast<int>(snapshots.size()));
        QCOMPARE(curves->graph(3)->data()->at(curves->graph(3)->dataCount() - 1)->value, last.induction);
        // Taken into the main view: a character-level model, no task labels to score.
        panel()->useSelectedModel();
        SessionController* c = window->controller();
        c->waitForIdle();
        QCOMPARE(c->session().config.tokenizer, TextSplit::Chars);
        QVERIFY(c->session().task.empty());
        QVERIFY(c->trace()->find("output.probs"));
        QVERIFY(c->trace()->warnings.empty());
        // Back to a built-in task: accuracy again, no head-score lines.
        panel()->setTask("reverse");
        QCOMPARE(panel()->curves()->yAxis->label(), QStringLiteral("loss"));
        QVERIFY(!panel()->sampleLabel()->isVisibleTo(panel()));
    }

    void aSnapshotBecomesTheSessionsModelAsOneUndoStep() {
        panel()->setTask("reverse");
        stepsField()->setValue(60);
        panel()->toggleRun();
        QTRY_VERIFY_WITH_TIMEOUT(training()->finished() && !training()->isRunning(), 600000);
        SessionController* c = window->controller();
        const Session before = c->session();
        QPushButton* use = nullptr;
        for (QPushButton* b : panel()->findChildren<QPushButton*>())
            if (b->text().remove('&') == QStringLiteral("Use this model")) use = b;
        QVERIFY(use);
        QTest::mouseClick(use, Qt::LeftButton);
        QCOMPARE(QString::fromStdString(c->session().src_text), training()->probeText());
        QCOMPARE(c->session().config.vocab.size(), 10u);
        QCOMPARE(c->currentStage(), QStringLiteral("encoder.layers.0.self_attn.weights"));
        QVERIFY(c->trace()->find("output.probs"));
        QVERIFY(c->isModified());
        c->undoStack()->undo();
        QVERIFY(c->session() == before);
    }

    void oneStepAndPauseKeepWhatWasLearned() {
        panel()->setTask("copy");
        panel()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->stepsDone(), 1, 120000);
        QTRY_VERIFY(!training()->isRunning());
        stepsField()->setValue(1000000);
        panel()->toggleRun();
        QTRY_VERIFY_WITH_TIMEOUT(training()->stepsDone() > 5, 300000);
        panel()->toggleRun();  // pause
        QTRY_VERIFY_WITH_TIMEOUT(!training()->isRunning(), 300000);
        const int done = training()->stepsDone();
        QVERIFY(done < 1000000);
        QCOMPARE(panel()->runButton()->text().remove('&'), QStringLiteral("Resume"));
        panel()->toggleRun();  // resume from where it paused
        QTRY_VERIFY_WITH_TIMEOUT(training()->stepsDone() > done, 300000);
        panel()->toggleRun();
        QTRY_VERIFY_WITH_TIMEOUT(!training()->isRunning(), 300000);
    }

    void aBadLearningRateIsShownBesideItsFieldAndTheRunKept() {
        panel()->setTask("reverse");
        panel()->stepOnce();
        QTRY_COMPARE_WITH_TIMEOUT(training()->stepsDone(), 1, 120000);
        QTRY_VERIFY(!training()->isRunning());
        panel()->learningRateField()->clear();
        QTest::keyClicks(panel()->learningRateField(), "-1");
        panel()->reset();
        const auto errors = panel()->findChildren<QLabel*>();
        bool shown = false;
        for (QLabel* l : errors) shown = shown || (l->isVisibleTo(panel()) && l->text().contains("the learning rate (-1)"));
        QVERIFY(shown);
        QCOMPARE(training()->stepsDone(), 1);  // the run is still there
        QCOMPARE(training()->settings().lr, 3e-3);
    }
};

QTEST_MAIN(TestTrainingPanel)
#include "test_training_panel.moc"
