// Lessons, presentation mode, compare mode and the language switch, driven in
// the real main window (offscreen). Assertions are on the controller's state
// and the data handed to the plots, checked against the traces themselves.
#include "views/compare_view.h"
#include "views/cost_view.h"
#include "views/heatmap_widget.h"
#include "controller/language.h"
#include "teach/lesson.h"
#include "panels/lesson_panel.h"
#include "panels/training_panel.h"
#include "controller/training_controller.h"
#include "views/stage_matrix.h"
#include "panels/explain_panel.h"
#include "views/heads_view.h"
#include "window/main_window.h"
#include "views/mistakes_view.h"
#include "window/presentation_mode.h"
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "views/stage_view.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QPushButton>
#include <QRadioButton>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QAbstractSpinBox>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QTest>
#include <QUndoStack>

#include <cmath>

using namespace attn;
using namespace attn::ui;

namespace {

QAction* actionWithShortcut(QWidget* window, const QKeySequence& key) {
    for (QAction* a : window->findChildren<QAction*>())
        if (a->shortcuts().contains(key) && a->isEnabled()) return a;
    return nullptr;
}

// Does what a task asks, through the controller and the Training panel, as the learner would.
void doTask(MainWindow* window, SessionController* c, const LessonTask& task) {
    // The learner picks a task before training it (a condition's place in the JSON says nothing).
    std::vector<TaskCondition> conditions = task.done_when;
    std::stable_partition(conditions.begin(), conditions.end(), [](const TaskCondition& x) { return x.subject == "training.task"; });
    for (const TaskCondition& cond : conditions) {
        Session s = c->session();
        TrainingPanel* training = window->trainingPanel();
        if (cond.subject == "training.task") {
            training->setTask(QString::fromStdString(cond.value.get<std::string>()));
        } else if (cond.subject == "training.accuracy" || cond.subject == "training.steps") {
            // Train, as the learner presses Run, until the condition holds (the run's own steps at most).
            const bool accuracy = cond.subject == "training.accuracy";
            auto reached = [&] {
                const auto* t = training->training();
                return accuracy ? !t->snapshots().isEmpty() && t->snapshots().back().accuracy >= cond.value.get<double>()
                                : t->stepsDone() >= cond.value.get<int>();
            };
            if (!training->training()->isRunning()) training->toggleRun();
            QTRY_VERIFY_WITH_TIMEOUT(reached() || !training->training()->isRunning(), 300000);
            training->training()->pause();
            training->training()->waitForIdle();
            QVERIFY2(reached(), qPrintable("the run ended before " + QString::fromStdString(cond.subject)));
        } else if (cond.subject == "stage") {
            c->selectStage(QString::fromStdString(cond.value.get<std::string>()));
        } else if (cond.subject == "src_text") {
            c->setSourceText(cond.op == "equals" ? QString::fromStdString(cond.value.get<std::string>())
                                                 : QString::fromStdString(s.src_text) + " and one more word each");
        } else if (cond.subject == "src.tokens") {  // add words until the text is long enough
            QString text = QString::fromStdString(s.src_text);
            for (int n = 0; text.split(' ', Qt::SkipEmptyParts).size() < cond.value.get<int>(); ++n) text += QString(" w%1").arg(n);
            c->setSourceText(text);
        } else if (cond.subject == "src.repeated_words") {  // type the first word again
            const QString text = QString::fromStdString(s.src_text);
            c->setSourceText(text + ' ' + text.section(' ', 0, 0));
        } else if (cond.subject == "head") {
            c->selectHead(cond.value.get<int>());
        } else if (cond.subject == "knocked_out") {  // Restore every head, then knock out those listed
            c->restoreAllHeads();
            for (const auto& name : cond.value) {
                const QStringList parts = QString::fromStdString(name.get<std::string>()).split('.');
                c->setKnockedOut(parts[0].toInt(), parts[1].toInt(), true);
            }
        } else if (cond.subject == "head_dim") {
            s.config.d_model = static_cast<int>(cond.value.get<double>()) * s.config.nhead;
            c->setConfig(s.config, "task");
        } else if (cond.subject.rfind("config.", 0) == 0) {
            nlohmann::json j = nlohmann::json::parse(config_to_json(s.config));
            nlohmann::json& field = j[cond.subject.substr(7)];
            if (cond.op != "changed") field = cond.value;
            else if (field.is_boolean()) field = !field.get<bool>();
            else if (field.is_number_integer()) field = field.get<int>() * 2;
            else if (cond.subject == "config.positional_encoding") field = field == "rope" ? "alibi" : "rope";
            else if (cond.subject == "config.rope_style") field = field == "half" ? "interleaved" : "half";
            else QFAIL(qPrintable("no automatic change for " + QString::fromStdString(cond.subject)));
            c->setConfig(parse_config(j.dump()), "task");
        } else {
            QFAIL(qPrintable("no automatic action for " + QString::fromStdString(cond.subject)));
        }
        c->waitForIdle();
    }
}

// The right answer to a prediction, read from the live trace and model as a learner would work it
// out, entered through the panel's own widgets (the cell kind: the learner clicks the cell).
void answerRightly(LessonPanel* panel, SessionController* c, const Quiz& p) {
    const auto trace = c->trace();
    auto cellOf = [&](const std::string& stage, int row, int col) {
        const Tensor& t = *trace->tensor(stage);
        return t.rank() == 3 ? t.data[static_cast<size_t>((p.head * t.dim(1) + row) * t.dim(2) + col)] : t.matrix()(row, col);
    };
    auto shapeText = [](const std::vector<int64_t>& shape) {
        QStringList parts;
        for (int64_t n : shape) parts << QString::number(n);
        return parts.join(" x ");
    };
    switch (p.kind) {
        case QuizKind::Number:
            panel->typePrediction(QString::number(p.value ? *p.value : cellOf(p.stage, p.cell->first, p.cell->second), 'g', 7));
            break;
        case QuizKind::Shape:
            panel->typePrediction(shapeText(p.tensor.empty() ? trace->tensor(p.stage)->shape : c->model()->weights.at(p.tensor).shape));
            break;
        case QuizKind::Choice: panel->choosePrediction(p.correct); break;
        case QuizKind::Cell: {
            int best = 0;
            const int cols = static_cast<int>(trace->tensor(p.stage)->shape.back());
            for (int col = 1; col < cols; ++col)
                if (cellOf(p.stage, p.row, col) > cellOf(p.stage, p.row, best)) best = col;
            c->selectStage(QString::fromStdString(p.stage));
            c->selectCell(p.row, best);
            break;
        }
    }
}

// A snippet of the reveal as the text browser shows it (markdown marks gone).
QString revealSnippet(const Quiz& p, const char* language) {
    return QString::fromStdString(p.reveal.in(language)).remove('*').left(24);
}

}  // namespace

class TestTeaching : public QObject {
    Q_OBJECT
private:
    MainWindow* window = nullptr;  // owned here; the language switch replaces it
    QTemporaryDir dataHome;
    SessionController* c() { return window->controller(); }

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("AttentionLabTeachingTests");
        QSettings().clear();
        qputenv("XDG_DATA_HOME", dataHome.path().toUtf8());
        installLanguage("en");
    }
    void init() {
        window = new MainWindow;
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }
    void cleanup() {
        c()->markSaved();
        delete window;
        window = nullptr;
        installLanguage("en");
    }

    // Every built-in lesson, every step: the state it sets is the state the app is in.
    void everyLessonPlaysThrough() {
        LessonPanel* panel = window->lessonPanel();
        QVERIFY(panel->lessons().size() >= 9);
        for (int l = 0; l < panel->lessons().size(); ++l) {
            const Lesson& lesson = panel->lessons()[l];
            Session base = c()->session();
            for (int s = 0; s < static_cast<int>(lesson.steps.size()); ++s) {
                const LessonStep& step = lesson.steps[static_cast<size_t>(s)];
                const QString where = QString("lesson %1 (%2), step %3").arg(l + 1).arg(QString::fromStdString(lesson.id)).arg(s + 1);
                if (s == 0) panel->showStep(l, 0);
                else panel->nextStep();
                QCOMPARE(panel->currentLesson(), l);
                QCOMPARE(panel->currentStep(), s);
                QVERIFY2(panel->errorText().isEmpty(), qPrintable(where + ": " + panel->errorText()));
                QVERIFY2(!panel->stepText().isEmpty(), qPrintable(where));
                if (panel->modelMissing()) {  // a step about GPT-2 or BERT, none open: it says so and changes nothing
                    QVERIFY2(!step.model.empty(), qPrintable(where));
                    QVERIFY2(panel->stepText().contains(QStringLiteral("File › Open model")), qPrintable(where));
                    QCOMPARE(c()->session(), base);
                    continue;
                }
                if (step.sets_session()) {
                    if (!step.preset.empty()) base = loadPreset(QString::fromStdString(step.preset));
                    const Session expected = apply_step(base, step);
                    QVERIFY2(c()->session().config == expected.config, qPrintable(where + ": config"));
                    QVERIFY2(c()->session().src_text == expected.src_text, qPrintable(where + ": text " + QString::fromStdString(c()->session().src_text)));
                    QVERIFY2(c()->errors().isEmpty(), qPrintable(where + ": " + c()->errors().values().join("; ")));
                }
                if (!step.stage.empty()) QCOMPARE(c()->currentStage(), QString::fromStdString(step.stage));
                if (step.head) QCOMPARE(c()->currentHead(), *step.head);
                if (step.cell) QCOMPARE(c()->currentCell(), QPoint(step.cell->second, step.cell->first));
                if (step.pin) QVERIFY2(c()->pinnedTrace() == c()->trace(), qPrintable(where));
                if (!step.show.empty()) {
                    QDockWidget* dock = window->dockFor(QString::fromStdString(step.show));
                    QVERIFY2(dock && dock->isVisible() && !dock->visibleRegion().isEmpty(), qPrintable(where + ": view shown"));
                }
                if (!step.mistake.empty())
                    QCOMPARE(window->mistakesView()->mistakeChooser()->currentData().toString(), QString::fromStdString(step.mistake));
                QVERIFY2(c()->trace()->find(c()->currentStage().toStdString()), qPrintable(where + ": stage exists"));
                if (step.predict) {  // predict, then check: the answer appears only after the learner commits
                    auto* box = window->findChild<QWidget*>("lessonPredict");
                    QVERIFY2(box && box->isVisible(), qPrintable(where + ": prediction shown"));
                    QVERIFY2(!panel->stepText().contains(revealSnippet(*step.predict, "en")), qPrintable(where + ": revealed too early"));
                    if (step.task) {
                        doTask(window, c(), *step.task);
                        QVERIFY2(!panel->taskDone(), qPrintable(where + ": task done before the prediction"));
                    }
                    answerRightly(panel, c(), *step.predict);
                    QApplication::processEvents();  // laid out, as it is when a learner clicks
                    QTest::mouseClick(window->findChild<QPushButton*>("lessonPredictCheck"), Qt::LeftButton);
                    QVERIFY2(panel->predictionCommitted(), qPrintable(where + ": " + panel->predictionFeedback()));
                    QVERIFY2(panel->predictionFeedback().startsWith("✔"), qPrintable(where + ": " + panel->predictionFeedback()));
                    QVERIFY2(panel->stepText().contains(revealSnippet(*step.predict, "en")), qPrintable(where + ": reveal"));
                }
                if (step.task && step.predict) QVERIFY2(panel->taskDone(), qPrintable(where + ": task not done after the prediction"));
                else if (step.task) {
                    QVERIFY2(!panel->taskDone(), qPrintable(where + ": task done before the learner acted"));
                    QCOMPARE(panel->statusText(), LessonPanel::tr("○ Not yet."));
                    doTask(window, c(), *step.task);
                    QVERIFY2(panel->taskDone(), qPrintable(where + ": task not recognised as done"));
                    QCOMPARE(panel->statusText(), LessonPanel::tr("✔ Done: press Next to go on."));
                }
                base = c()->session();
            }
        }
    }

    // Predict-then-check as a learner does it, wrong answers included, in English and then in Chinese.
    // The review's first point: choosing "1." opened lesson 2. A learner picks every lesson from the
    // list, in English and in Chinese, and gets that lesson's first step.
    void theChooserOpensTheLessonChosenInBothLanguages() {
        for (const char* language : {"en", "zh_CN"}) {
            if (QString(language) != "en") window = window->switchLanguage(language);
            LessonPanel* panel = window->lessonPanel();
            auto* chooser = panel->findChild<QComboBox*>("lessonChooser");
            QVERIFY(chooser);
            QCOMPARE(chooser->count(), panel->lessons().size() + 1);  // "Choose a lesson…", then the lessons
            for (int k = 0; k < panel->lessons().size(); ++k) {
                // As a person does: open the list, move to the item, press Enter (the window's arrow
                // keys step the lesson, so the closed box does not take them).
                chooser->showPopup();
                QAbstractItemView* list = chooser->view();
                QTRY_VERIFY(list->isVisible());
                list->setCurrentIndex(chooser->model()->index(k + 1, 0));
                QTest::keyClick(list, Qt::Key_Return);
                QTRY_VERIFY(!list->isVisible());
                QCOMPARE(chooser->currentIndex(), k + 1);
                QCOMPARE(panel->currentLesson(), k);
                QCOMPARE(panel->currentStep(), 0);
                QVERIFY2(chooser->currentText().startsWith(QString::number(k + 1) + ". "), qPrintable(chooser->currentText()));
            }
        }
        window = window->switchLanguage("en");
    }

    // The answer field stays one line high on a number step after a step with options (a stack
    // sizes to its tallest page: it grew to three lines).
    void theAnswerFieldIsOneLineHighAfterAStepWithOptions() {
        window->resize(1280, 720);
        LessonPanel* panel = window->lessonPanel();
        window->findChild<QDockWidget*>("LessonsDock")->raise();
        auto* input = window->findChild<QLineEdit*>("lessonPredictInput");
        panel->showStep(2, 4);  // options
        QApplication::processEvents();
        panel->showStep(0, 4);  // a number
        QApplication::processEvents();
        auto* stack = qobject_cast<QWidget*>(input->parent());
        QVERIFY(input->isVisible() && stack);
        QVERIFY2(stack->height() <= 2 * input->sizeHint().height(), qPrintable(QString::number(stack->height())));
    }

    void predictThenCheckInBothLanguages() {
        LessonPanel* panel = window->lessonPanel();
        auto* check = window->findChild<QPushButton*>("lessonPredictCheck");
        auto* input = window->findChild<QLineEdit*>("lessonPredictInput");
        QVERIFY(check && input);
        // Lesson 1: compute a score by hand. Text that is no number commits nothing.
        panel->showStep(0, 4);
        QVERIFY(panel->findChild<QWidget*>("lessonPredict")->isVisible());
        QTest::keyClicks(input, "about four");
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(!panel->predictionCommitted());
        QCOMPARE(panel->predictionFeedback(), QString("Type a number first, such as 0.5."));
        const Tensor& scores = *c()->trace()->tensor("encoder.layers.0.self_attn.scores");
        const double truth = scores.data[static_cast<size_t>(1 * scores.dim(2) + 2)];  // head 0, row 1, column 2
        input->clear();
        QTest::keyClicks(input, QString::number(truth + 1.0, 'f', 4));
        QTest::keyClick(input, Qt::Key_Return);  // Enter checks too
        QVERIFY(panel->predictionCommitted());
        QVERIFY2(panel->predictionFeedback().startsWith("✘ You said") && panel->predictionFeedback().contains("off by 1.000"),
                 qPrintable(panel->predictionFeedback()));
        QVERIFY(!check->isEnabled() && !input->isEnabled());  // one guess per visit

        // Lesson 4: the shape, wrong, then the task; the task counts only with the prediction made.
        panel->showStep(3, 4);
        QVERIFY(!panel->predictionCommitted() && input->text().isEmpty());
        doTask(window, c(), *panel->lessons()[3].steps[4].task);
        QVERIFY(!panel->taskDone());
        QTest::keyClicks(input, "8 x 24");
        QTest::mouseClick(check, Qt::LeftButton);
        QCOMPARE(panel->predictionFeedback(), QString("✘ You said 8 × 24; the shape is 24 × 8."));
        QVERIFY(panel->taskDone());
        QVERIFY(panel->stepText().contains("24 × 8 with any number of heads"));

        // Lesson 3: a choice, switched to Chinese half way; what was chosen survives the switch.
        panel->showStep(2, 4);
        QTest::mouseClick(panel->findChild<QLabel*>("lessonPredictOptionText1"), Qt::LeftButton);  // the option's text picks it
        QVERIFY(panel->findChild<QRadioButton*>("lessonPredictOption1")->isChecked());
        window = window->switchLanguage("zh_CN");
        panel = window->lessonPanel();
        check = window->findChild<QPushButton*>("lessonPredictCheck");
        QVERIFY(window->findChild<QGroupBox*>("lessonPredict")->title().contains("预测"));
        auto* chosen = window->findChild<QRadioButton*>("lessonPredictOption1");
        QVERIFY(chosen && chosen->isChecked());
        QCOMPARE(panel->findChild<QLabel*>("lessonPredictOptionText1")->text(), QString("它自己和两边各一个词元"));
        QVERIFY(!panel->stepText().contains(revealSnippet(*panel->lessons()[2].steps[4].predict, "zh_CN")));
        QTest::mouseClick(check, Qt::LeftButton);
        QVERIFY(panel->predictionCommitted());
        QVERIFY2(panel->predictionFeedback().contains("只有它自己") && !panel->predictionFeedback().contains("answer"),
                 qPrintable(panel->predictionFeedback()));
        QVERIFY(panel->stepText().contains(revealSnippet(*panel->lessons()[2].steps[4].predict, "zh_CN")));
        // Back to English: the committed answer and its feedback follow, in English.
        window = window->switchLanguage("en");
        panel = window->lessonPanel();
        QVERIFY(panel->predictionCommitted());
        QCOMPARE(panel->predictionFeedback(), QString("✘ Not quite: the answer is “only itself”."));
    }

    void pageDownWalksTheLesson() {
        QAction* next = actionWithShortcut(window, QKeySequence(Qt::Key_PageDown));
        QAction* previous = actionWithShortcut(window, QKeySequence(Qt::Key_PageUp));
        QVERIFY(next && previous);
        next->trigger();
        QCOMPARE(window->lessonPanel()->currentLesson(), 0);
        QCOMPARE(window->lessonPanel()->currentStep(), 0);
        next->trigger();
        next->trigger();
        QCOMPARE(window->lessonPanel()->currentStep(), 2);
        previous->trigger();
        QCOMPARE(window->lessonPanel()->currentStep(), 1);
        // Lesson steps are undoable like any edit: Ctrl+Z goes back to the example.
        const Session before = c()->session();
        window->lessonPanel()->showStep(1, 0);  // d_model 8 → scaling lesson config
        c()->undoStack()->undo();
        QCOMPARE(c()->session(), before);
    }

    void aBrokenLessonFileIsRefusedWithItsReason() {
        QTemporaryDir dir;
        const QString path = dir.filePath("bad.json");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"id": "x", "title": "T", "steps": [{"text": "a", "stage": 3}]})");
        f.close();
        QString error;
        const int count = window->lessonPanel()->lessons().size();
        QVERIFY(!window->lessonPanel()->openLessonFile(path, &error));
        QCOMPARE(error, QString("step 1.stage must be a text in quotes, not 3"));
        QCOMPARE(window->lessonPanel()->lessons().size(), count);
        // A well-formed file whose step cannot apply says so in the panel and keeps the state.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(R"({"id": "y", "title": "T", "steps": [{"text": "a", "config": {"d_model": 10, "nhead": 4}}]})");
        f.close();
        const Session before = c()->session();
        QVERIFY(window->lessonPanel()->openLessonFile(path, &error));
        QVERIFY2(window->lessonPanel()->errorText().contains("d_model (10) must be divisible by nhead (4)"),
                 qPrintable(window->lessonPanel()->errorText()));
        QCOMPARE(c()->session(), before);
    }

    void presentationModeTogglesAndKeepsTheTrace() {
        const auto trace = c()->trace();
        const QString stage = c()->currentStage();
        QAction* f5 = actionWithShortcut(window, QKeySequence(Qt::Key_F5));
        QVERIFY(f5);
        f5->trigger();
        QVERIFY(window->presentation()->isActive());
        QVERIFY(window->isFullScreen());
        QVERIFY(!window->menuBar()->isVisible());
        // Only the teacher's script stays beside the view: Explain (no lesson is open yet).
        for (QDockWidget* d : window->findChildren<QDockWidget*>())
            QVERIFY2(d->isVisible() == (d->objectName() == "ExplainDock"), qPrintable(d->objectName()));
        QVERIFY(window->stageView()->isVisible());
        QVERIFY(window->presentation()->pointer()->isVisible());
        // Steps still work from the keyboard; the trace is the same object.
        actionWithShortcut(window, QKeySequence(Qt::Key_Right))->trigger();
        QVERIFY(c()->currentStage() != stage);
        QCOMPARE(c()->trace(), trace);
        // The zoom of presentation mode is its own and is remembered.
        const double zoom = window->presentation()->zoom();
        actionWithShortcut(window, QKeySequence(QKeySequence::ZoomIn))->trigger();
        QVERIFY(window->presentation()->zoom() > zoom);
        QCOMPARE(QSettings().value("presentation/zoom").toDouble(), window->presentation()->zoom());
        QCOMPARE(window->zoom(), 1.0);
        // The pointer highlight follows the mouse.
        QMouseEvent move(QEvent::MouseMove, QPointF(300, 200), window->mapToGlobal(QPointF(300, 200)), Qt::NoButton,
                         Qt::NoButton, Qt::NoModifier);
        QApplication::sendEvent(window->stageView(), &move);
        QCOMPARE(window->presentation()->pointer()->center(), QPoint(300, 200));
        window->presentation()->setHighContrast(true);
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::white));
        actionWithShortcut(window, QKeySequence(Qt::Key_Escape))->trigger();
        QVERIFY(!window->presentation()->isActive());
        QVERIFY(!window->isFullScreen());
        QVERIFY(window->menuBar()->isVisible());
        QVERIFY(window->findChild<QDockWidget*>("ExplainDock")->isVisible());
        QCOMPARE(c()->trace(), trace);
        // With a lesson open, its text is the script too, in the presentation's type size.
        window->lessonPanel()->showStep(0, 1);
        f5->trigger();
        QVERIFY(window->findChild<QDockWidget*>("LessonsDock")->isVisible());
        QVERIFY(window->findChild<QDockWidget*>("ExplainDock")->isVisible());
        QVERIFY(!window->findChild<QDockWidget*>("HeadsDock")->isVisible());
        QVERIFY(window->lessonPanel()->textPointSize() > QApplication::font().pointSizeF() * 1.5);
        QVERIFY(window->stageView()->heatmap()->isVisible());
        actionWithShortcut(window, QKeySequence(Qt::Key_Escape))->trigger();
        QVERIFY(!window->presentation()->isActive());
        window->presentation()->setHighContrast(false);
    }

    // The difference map holds current − pinned, computed here from the two traces.
    void compareShowsTheElementWiseDifference() {
        c()->selectStage("encoder.layers.0.self_attn.weights");
        c()->selectHead(1);
        actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::Key_P))->trigger();
        const auto pinned = c()->pinnedTrace();
        QVERIFY(pinned);
        QVERIFY(window->dockFor("compare")->isVisible());
        c()->setSourceText("the dog sat on the mat");
        const auto now = c()->trace();
        QVERIFY(now != pinned);
        const Tensor a = *now->tensor("encoder.layers.0.self_attn.weights");
        const Tensor b = *pinned->tensor("encoder.layers.0.self_attn.weights");
        HeatmapWidget* diff = window->compareView()->differenceMap();
        QVERIFY(diff->isVisible());
        QCOMPARE(diff->rows(), 6);
        float largest = 0;
        for (int i = 0; i < 36; ++i) {
            const float expected = a.slice(1).data()[i] - b.slice(1).data()[i];
            QCOMPARE(diff->values()[i], expected);
            largest = std::max(largest, std::abs(expected));
        }
        QVERIFY(largest > 0);
        QCOMPARE(window->compareView()->pinnedMap()->values()[7], b.slice(1).data()[7]);
        // A different length cannot be compared cell by cell: said, not drawn.
        c()->setSourceText("the dog sat");
        QVERIFY(!diff->isVisible());
        QVERIFY2(window->compareView()->statusText().contains("6 × 6 × 2"), qPrintable(window->compareView()->statusText()));
        c()->clearPin();
        QVERIFY(!c()->pinnedTrace());
    }

    void costViewCountsEveryStageAndMeasures() {
        window->dockFor("cost")->show();
        window->dockFor("cost")->raise();
        QTableWidget* table = window->costView()->table();
        QCOMPARE(table->rowCount(), static_cast<int>(c()->trace()->stages().size()));
        // QKᵀ of the classroom example: 2 heads × 6 × 6 × d_k 4.
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->text() == "encoder.layers.0.self_attn.scores") QCOMPARE(table->item(r, 3)->text(), QString("288"));
        window->costView()->measure(32);
        window->costView()->waitForMeasurement();
        QTRY_COMPARE(window->costView()->plot()->graph(0)->dataCount(), 3);  // n = 8, 16, 32
    }

    // Accessibility: every control says what it does when hovered.
    void everyControlHasATooltip() {
        QStringList missing;
        for (QWidget* w : window->findChildren<QWidget*>()) {
            const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w) ||
                                 qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QLineEdit*>(w) ||
                                 qobject_cast<QAbstractSlider*>(w);
            if (!control || w->inherits("QDockWidgetTitleButton") || w->inherits("QToolBarExtension")) continue;
            // Qt's own arrows of tab bars and the menu bar's overflow button.
            if (w->objectName().startsWith("Scroll") || w->objectName().startsWith("qt_")) continue;
            if (qobject_cast<QAbstractSlider*>(w) && qobject_cast<QScrollBar*>(w)) continue;  // scroll bars
            if (qobject_cast<QLineEdit*>(w) && qobject_cast<QAbstractSpinBox*>(w->parentWidget())) continue;  // a spin box's editor
            if (qobject_cast<QLineEdit*>(w) && qobject_cast<QComboBox*>(w->parentWidget())) continue;
            QWidget* withTip = w;
            while (withTip && withTip->toolTip().isEmpty() && !qobject_cast<QDockWidget*>(withTip)) withTip = withTip->parentWidget();
            if (!withTip || withTip->toolTip().isEmpty())
                missing << QString("%1 '%2' (%3)").arg(w->metaObject()->className(), w->objectName(),
                                                       qobject_cast<QAbstractButton*>(w) ? qobject_cast<QAbstractButton*>(w)->text() : QString());
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join("\n")));
    }

    // The whole window in Chinese, from the menu, without restarting; the session survives.
    // The review's Chinese typography: the Heads view's rows, the pipeline chips and figure titles in
    // Chinese words (no "encoder 0", "2h" or a space between 自注意力 and 权重), and no number broken
    // across lines in Explain.
    void chineseRowsChipsTitlesAndNumbersStayWhole() {
        window = window->switchLanguage("zh_CN");
        c()->setSourceText("the dog sat");
        c()->waitForIdle();
        HeadsView* heads = window->headsView();
        heads->setShown(true);
        QStringList rows;
        for (QLabel* label : heads->findChildren<QLabel*>()) rows << label->text();
        QVERIFY2(rows.contains(QStringLiteral("编码器层 0 · 自注意力")), qPrintable(rows.join(" | ")));
        for (const QString& row : rows) QVERIFY2(!row.contains("encoder") && !row.contains("decoder"), qPrintable(row));
        const Stage* weights = c()->trace()->find("encoder.layers.0.self_attn.weights");
        QVERIFY(weights);
        QCOMPARE(compactShapeText(*weights), QStringLiteral("2 头 · 3×3"));
        const QString title = figureTitleFor(*weights, 0);
        QVERIFY2(title.endsWith(QStringLiteral("自注意力权重")), qPrintable(title));
        // Explain, narrowed until its lines wrap: every line break falls outside every number.
        c()->selectStage("encoder.layers.0.self_attn.weights");
        c()->selectCell(1, 2);
        auto* text = window->explainPanel()->findChild<QTextBrowser*>();
        QVERIFY(text);
        // The panel's text laid out in a column narrower than "e^(-0.909 − -0.809)", with the panel's
        // own wrap rule (the default one split such numbers).
        QTextDocument probe;
        probe.setDefaultTextOption(text->document()->defaultTextOption());
        probe.setDefaultFont(text->font());
        probe.setHtml(text->toHtml());
        probe.setTextWidth(70);
        QTextDocument* doc = &probe;
        (void)doc->size();
        int wrapped = 0;
        for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
            const QString t = b.text();
            QTextLayout* layout = b.layout();
            for (int i = 1; i < layout->lineCount(); ++i) {
                ++wrapped;
                const int at = layout->lineAt(i).textStart();
                const bool inside = at > 0 && at < t.size() && (t[at - 1].isDigit() || t[at - 1] == '.') && (t[at].isDigit() || t[at] == '.');
                QVERIFY2(!inside, qPrintable("a number broken across lines: " + t.mid(std::max(0, at - 6), 12)));
            }
        }
        QVERIFY(wrapped > 3);  // the narrow panel did wrap
    }

    void switchingLanguageTranslatesTheWindow() {
        c()->setSourceText("the dog sat");
        const Session session = c()->session();
        const int undoCount = c()->undoStack()->count();
        window->lessonPanel()->showStep(2, 1);
        c()->undoStack()->setIndex(c()->undoStack()->count());
        QSignalSpy replaced(window, &MainWindow::replaced);
        window = window->switchLanguage("zh_CN");
        QCOMPARE(replaced.count(), 1);
        QCOMPARE(currentLanguage(), QString("zh_CN"));
        QCOMPARE(window->menuBar()->actions().first()->text(), QString("文件(&F)"));
        QCOMPARE(window->lessonPanel()->currentLesson(), 2);
        QCOMPARE(window->lessonPanel()->currentStep(), 1);
        QVERIFY(window->lessonPanel()->stepText().contains("因果掩码"));
        QVERIFY(c()->undoStack()->count() >= undoCount);
        // The same session: what was typed, with the step's config on top.
        QCOMPARE(c()->session().src_text, session.src_text);
        Config expected = session.config;
        expected.causal = true;
        QVERIFY(c()->session().config == expected);
        // Stage descriptions and explanations come from core/, translated too.
        c()->selectStage("encoder.layers.0.self_attn.weights");
        QCOMPARE(window->stageView()->findChildren<QLabel*>().size() > 0, true);
        bool described = false;
        for (QLabel* label : window->stageView()->findChildren<QLabel*>())
            described |= label->text() == QString("注意力权重：每一行是键上的一个概率分布");
        QVERIFY(described);

        // No English prose left on any visible control: two English words in a row give it away.
        const QRegularExpression english(QStringLiteral("\\b[A-Za-z]{3,}\\s+[A-Za-z]{3,}\\b"));
        // Names that stay as they are: the product, libraries, and key caps.
        const QStringList allowed = {"Attention Lab", "PyTorch", "nn.Transformer", "safetensors", "Page Down", "Page Up", "Hugging Face"};
        auto check = [&](const QString& text, const QString& what) {
            QString t = text;
            t.remove(QRegularExpression("<[^>]*>"));
            for (const QString& a : allowed) t.remove(a);
            t.remove(QRegularExpression("“[^”]*”|\"[^\"]*\""));  // quoted user text (sentences, tokens)
            const auto m = english.match(t);
            QVERIFY2(!m.hasMatch(), qPrintable(what + " is not translated: " + text));
        };
        for (QAction* a : window->findChildren<QAction*>()) {
            if (a->text().isEmpty() || a->data().toString() == "en") continue;  // the language list names itself
            // Undo/redo name the last edit as it was named when made (history is not re-translated).
            if (a->shortcuts().contains(QKeySequence::Undo) || a->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Y)))
                continue;
            check(a->text(), "action");
            check(a->toolTip(), "tooltip of " + a->text());
        }
        for (QWidget* w : window->findChildren<QWidget*>()) {
            if (auto* label = qobject_cast<QLabel*>(w)) check(label->text(), "label");
            if (auto* button = qobject_cast<QAbstractButton*>(w)) check(button->text(), "button");
            if (auto* dock = qobject_cast<QDockWidget*>(w)) check(dock->windowTitle(), "dock");
            if (auto* combo = qobject_cast<QComboBox*>(w))
                for (int i = 0; i < combo->count(); ++i) check(combo->itemText(i), "combo item");
            check(w->toolTip(), QString("tooltip of ") + w->metaObject()->className());
        }
        // And back, still without a restart.
        window = window->switchLanguage("en");
        QCOMPARE(window->menuBar()->actions().first()->text(), QString("&File"));
    }
};

QTEST_MAIN(TestTeaching)
#include "test_teaching.moc"
