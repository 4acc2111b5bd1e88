#include "panels/lesson_panel.h"

#include "controller/training_controller.h"

#include "base/json_util.h"
#include "controller/language.h"
#include "controller/presets.h"
#include "controller/session_controller.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGroupBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QStackedWidget>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace attn::ui {
namespace {

QString text(const LocalizedText& t) { return QString::fromStdString(t.in(currentLanguage().toStdString())); }

}  // namespace

LessonPanel::LessonPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_chooser(new QComboBox), m_open(new QPushButton(tr("&Open…"))),
      m_title(new QLabel), m_progress(new QLabel), m_text(new QTextBrowser), m_task(new QLabel), m_status(new QLabel),
      m_back(new QPushButton(tr("◀ &Back"))), m_next(new QPushButton(tr("&Next ▶"))),
      m_predictBox(new QGroupBox(tr("Predict first"))), m_question(new QLabel), m_answerInput(new QStackedWidget),
      m_typed(new QLineEdit), m_options(new QWidget), m_optionGroup(new QButtonGroup(this)), m_cellHint(new QLabel),
      m_check(new QPushButton(tr("&Check"))), m_feedback(new QLabel) {
    m_chooser->setObjectName("lessonChooser");
    // A long lesson title must not widen the dock past the window's 300 px column (Next was cut at 720p).
    m_chooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_chooser->setMinimumContentsLength(12);
    m_chooser->setToolTip(tr("Choose a lesson; each step sets up the app and explains what you see"));
    m_open->setToolTip(tr("Open a lesson file you wrote (JSON, see docs/LESSONS.md)"));
    m_back->setToolTip(tr("Previous step (Page Up)"));
    m_next->setToolTip(tr("Next step (Page Down)"));
    m_back->setObjectName("lessonBack");
    m_next->setObjectName("lessonNext");
    QFont big = m_title->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.25);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_text->setOpenExternalLinks(false);
    m_text->setMinimumHeight(60);  // it scrolls: at 720p the question and Check below it stay in view
    m_task->setWordWrap(true);
    m_task->setObjectName("lessonTask");
    m_status->setObjectName("lessonStatus");
    m_task->setStyleSheet("QLabel { border-left: 4px solid #0072B2; padding-left: 6px; }");

    m_predictBox->setObjectName("lessonPredict");
    m_predictBox->setToolTip(tr("Commit a guess before the app shows the answer; you are told how close you were"));
    m_question->setWordWrap(true);
    m_typed->setObjectName("lessonPredictInput");
    m_typed->setClearButtonEnabled(true);
    m_cellHint->setWordWrap(true);
    m_check->setObjectName("lessonPredictCheck");
    m_check->setToolTip(tr("Compare your prediction with what the model computes (Enter)"));
    m_feedback->setObjectName("lessonPredictFeedback");
    m_feedback->setWordWrap(true);
    new QVBoxLayout(m_options);
    m_answerInput->addWidget(m_typed);
    m_answerInput->addWidget(m_options);
    m_answerInput->addWidget(m_cellHint);
    auto* answerRow = new QHBoxLayout;
    answerRow->addWidget(m_answerInput, 1);
    answerRow->addWidget(m_check, 0, Qt::AlignTop);
    auto* predictLayout = new QVBoxLayout(m_predictBox);
    predictLayout->addWidget(m_question);
    predictLayout->addLayout(answerRow);
    predictLayout->addWidget(m_feedback);
    connect(m_check, &QPushButton::clicked, this, &LessonPanel::checkPrediction);
    connect(m_typed, &QLineEdit::returnPressed, this, &LessonPanel::checkPrediction);

    auto* top = new QHBoxLayout;
    top->addWidget(m_chooser, 1);
    top->addWidget(m_open);
    auto* nav = new QHBoxLayout;
    nav->addWidget(m_back);
    nav->addWidget(m_progress, 1, Qt::AlignCenter);
    nav->addWidget(m_next);
    // Back and Next sit at the top, under the chooser: a tall question or a short dock (1280 × 720)
    // can push what is below the text out of view, never the way to the next step.
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(nav);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_predictBox);
    layout->addWidget(m_task);
    layout->addWidget(m_status);
    // The answer field is as tall as the page shown (a stack sizes to its tallest page: the typed
    // answer grew to three lines after a step with options).
    connect(m_answerInput, &QStackedWidget::currentChanged, this, [this](int current) {
        for (int i = 0; i < m_answerInput->count(); ++i)
            m_answerInput->widget(i)->setSizePolicy(i == current ? QSizePolicy::Preferred : QSizePolicy::Ignored,
                                                    i == current ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_answerInput->updateGeometry();
    });
    emit m_answerInput->currentChanged(m_answerInput->currentIndex());

    loadBuiltIns();
    // Item 0 reads "Choose a lesson…": lesson k is item k + 1.
    connect(m_chooser, &QComboBox::activated, this, [this](int index) { showStep(index - 1, 0); });
    connect(m_back, &QPushButton::clicked, this, &LessonPanel::previousStep);
    connect(m_next, &QPushButton::clicked, this, &LessonPanel::nextStep);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a lesson"), QString(), tr("Lessons (*.json)"));
        QString error;
        if (!path.isEmpty() && !openLessonFile(path, &error)) QMessageBox::warning(this, tr("Cannot open the lesson"), error);
    });
    for (auto signal : {&SessionController::sessionChanged, &SessionController::selectionChanged, &SessionController::pinnedChanged})
        connect(controller, signal, this, &LessonPanel::checkTask);
    connect(controller, &SessionController::selectionChanged, this, &LessonPanel::updatePredictionTexts);
    updateTexts();
}

void LessonPanel::loadBuiltIns() {
    const QStringList files = QDir(":/lessons").entryList({"*.json"}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        QFile file(":/lessons/" + name);
        if (!file.open(QIODevice::ReadOnly)) continue;
        try {
            m_lessons << parse_lesson(file.readAll().toStdString());
        } catch (const Error& e) {
            qWarning("built-in lesson %s: %s", qPrintable(name), e.what());  // a build error; tests catch it
        }
    }
    m_chooser->addItem(tr("Choose a lesson…"));
    for (int i = 0; i < m_lessons.size(); ++i) m_chooser->addItem(tr("%1. %2").arg(i + 1).arg(text(m_lessons[i].title)));
}

bool LessonPanel::openLessonFile(const QString& path, QString* error) {
    try {
        Lesson lesson = parse_lesson(read_text_file(path.toStdString(), "lesson"));
        m_lessons << std::move(lesson);
    } catch (const Error& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    m_chooser->addItem(tr("%1. %2").arg(m_lessons.size()).arg(text(m_lessons.back().title)));
    showStep(static_cast<int>(m_lessons.size()) - 1, 0);
    return true;
}

QString LessonPanel::stepText() const { return m_text->toPlainText(); }

void LessonPanel::setFontScale(double scale) {
    if (m_basePointSize <= 0) m_basePointSize = font().pointSizeF();
    QFont f = font();
    f.setPointSizeF(m_basePointSize * scale);
    for (QWidget* w : std::initializer_list<QWidget*>{m_text, m_question, m_feedback, m_task, m_typed, m_options}) w->setFont(f);
    f.setBold(true);
    f.setPointSizeF(m_basePointSize * scale * 1.25);
    m_title->setFont(f);
}

double LessonPanel::textPointSize() const { return m_text->font().pointSizeF(); }
QString LessonPanel::statusText() const { return m_status->text(); }
QString LessonPanel::errorText() const { return m_error; }

void LessonPanel::nextStep() {
    if (m_lesson < 0) return showStep(0, 0);
    if (m_step + 1 < static_cast<int>(m_lessons[m_lesson].steps.size())) showStep(m_lesson, m_step + 1);
    else if (m_lesson + 1 < m_lessons.size()) showStep(m_lesson + 1, 0);
}

void LessonPanel::previousStep() {
    if (m_lesson < 0) return;
    if (m_step > 0) showStep(m_lesson, m_step - 1);
}

LessonState LessonPanel::stateNow() const {
    LessonState s;
    s.session = m_controller->session();
    s.stage = m_controller->currentStage().toStdString();
    s.head = m_controller->currentHead();
    s.pinned = m_controller->pinnedTrace() != nullptr;
    if (m_training && m_training->hasRun()) {
        s.training_task = m_training->settings().task.toStdString();
        s.training_steps = m_training->stepsDone();
        s.training_accuracy = m_training->snapshots().isEmpty() ? 0.0 : m_training->snapshots().back().accuracy;
    }
    return s;
}

void LessonPanel::setTraining(TrainingController* training) {
    m_training = training;
    connect(training, &TrainingController::progressed, this, &LessonPanel::checkTask);
}

void LessonPanel::showStep(int lesson, int step, bool applyState) {
    if (lesson < 0 || lesson >= m_lessons.size()) return;
    const auto& steps = m_lessons[lesson].steps;
    if (step < 0 || step >= static_cast<int>(steps.size())) return;
    m_lesson = lesson;
    m_step = step;
    m_error.clear();
    const LessonStep& s = steps[static_cast<size_t>(step)];
    auto imported = m_controller->importedModel();
    m_modelMissing = !step_fits_model(s, imported ? imported->config : Config{});
    // Back to a step about the folder a preset step set aside, unless another folder was opened since.
    if (applyState && m_modelMissing && m_setAside && !imported) {
        const auto setAside = m_controller->importedFor(*m_setAside);
        if (setAside && step_fits_model(s, setAside->config)) {
            m_controller->applySession(*m_setAside, tr("Lesson: back to %1").arg(QString::fromStdString(setAside->card->kind)));
            m_controller->waitForIdle();
            imported = setAside;
            m_modelMissing = false;
        }
    }
    if (applyState && !m_modelMissing) {
        try {
            if (s.sets_session()) {
                if (!s.preset.empty() && imported) m_setAside = m_controller->session();
                const Session base = s.preset.empty() ? m_controller->session() : loadPreset(QString::fromStdString(s.preset));
                m_controller->applySession(apply_step(base, s), tr("Lesson: %1").arg(text(m_lessons[lesson].title)));
                m_controller->waitForIdle();  // lessons are classroom-sized: the trace is there at once
            }
            if (!s.stage.empty()) m_controller->selectStage(QString::fromStdString(s.stage));
            if (s.head) m_controller->selectHead(*s.head);
            if (s.cell) m_controller->selectCell(s.cell->first, s.cell->second);
            if (s.pin) m_controller->pinTrace();
            if (!s.mistake.empty()) emit mistakeRequested(QString::fromStdString(s.mistake));
            if (!s.show.empty()) emit viewRequested(QString::fromStdString(s.show));
        } catch (const Error& e) {
            m_error = tr("This step could not set up the app: %1").arg(QString::fromStdString(e.what()));
        }
        m_atStart = stateNow();
    }
    if (applyState && m_modelMissing) m_atStart = stateNow();
    m_taskDone = false;
    setUpPrediction(applyState);
    if (!applyState && m_committed && m_controller->trace() && m_controller->model()) showFeedback(m_answer);  // in the new language
    updateTexts();
    checkTask();
}

void LessonPanel::setUpPrediction(bool fresh) {
    if (fresh) {
        m_committed = false;
        m_answer = {};
        m_typed->clear();
        m_feedback->clear();
    }
    // Each option is a radio button beside a wrapping label (a radio button's own text never wraps,
    // so a long option would widen the whole dock); clicking the label picks the option.
    QLayoutItem* row;
    while ((row = m_options->layout()->takeAt(0))) {
        if (QLayout* inner = row->layout()) {
            while (QLayoutItem* item = inner->takeAt(0)) {
                delete item->widget();
                delete item;
            }
        }
        delete row;
    }
    const LessonStep& s = m_lessons[m_lesson].steps[static_cast<size_t>(m_step)];
    if (!s.predict) return;
    for (size_t i = 0; i < s.predict->options.size(); ++i) {
        auto* option = new QRadioButton;
        option->setObjectName(QString("lessonPredictOption%1").arg(i));
        auto* label = new QLabel;
        label->setObjectName(QString("lessonPredictOptionText%1").arg(i));
        label->setWordWrap(true);
        label->installEventFilter(this);
        label->setProperty("option", static_cast<int>(i));
        m_optionGroup->addButton(option, static_cast<int>(i));
        auto* line = new QHBoxLayout;
        line->addWidget(option, 0, Qt::AlignTop);
        line->addWidget(label, 1);
        static_cast<QVBoxLayout*>(m_options->layout())->addLayout(line);
        option->setChecked(static_cast<int>(i) == m_answer.choice);
    }
}

bool LessonPanel::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::MouseButtonRelease && m_options->isEnabled())
        if (const QVariant option = watched->property("option"); option.isValid()) choosePrediction(option.toInt());
    return QWidget::eventFilter(watched, event);
}

void LessonPanel::takePredictionFrom(const LessonPanel& other) {
    m_committed = other.m_committed;
    m_answer = other.m_answer;
    if (!m_committed) m_answer.choice = other.m_optionGroup->checkedId();  // a choice not yet checked stays chosen
    m_typed->setText(other.m_typed->text());
}

void LessonPanel::updatePredictionTexts() {
    if (m_lesson < 0) return;
    const LessonStep& s = m_lessons[m_lesson].steps[static_cast<size_t>(m_step)];
    m_predictBox->setVisible(s.predict.has_value());
    if (!s.predict) return;
    const Quiz& p = *s.predict;
    m_question->setText(text(p.question));
    switch (p.kind) {
        case QuizKind::Number:
            m_answerInput->setCurrentWidget(m_typed);
            m_typed->setPlaceholderText(tr("a number, e.g. 0.5"));
            break;
        case QuizKind::Shape:
            m_answerInput->setCurrentWidget(m_typed);
            m_typed->setPlaceholderText(tr("a shape, e.g. 24 × 8"));
            break;
        case QuizKind::Choice:
            m_answerInput->setCurrentWidget(m_options);
            for (size_t i = 0; i < p.options.size(); ++i)
                if (auto* label = m_options->findChild<QLabel*>(QString("lessonPredictOptionText%1").arg(i))) {
                    label->setText(text(p.options[i]));
                    m_optionGroup->button(static_cast<int>(i))->setAccessibleName(label->text());
                }
            break;
        case QuizKind::Cell: {
            m_answerInput->setCurrentWidget(m_cellHint);
            const QPoint cell = m_controller->currentCell();
            const bool inRow = cell.y() == p.row && m_controller->currentStage() == QString::fromStdString(p.stage);
            m_cellHint->setText(inRow ? tr("Your pick: column %1 of row %2. Press Check.").arg(cell.x()).arg(p.row)
                                      : tr("Click the cell of row %1 you expect to be largest, then press Check.").arg(p.row));
            break;
        }
    }
    m_typed->setEnabled(!m_committed);
    m_options->setEnabled(!m_committed);
    m_check->setEnabled(!m_committed);
}

bool LessonPanel::showFeedback(const QuizAnswer& answer) {
    const LessonStep& s = m_lessons[m_lesson].steps[static_cast<size_t>(m_step)];
    try {
        const QuizCheck check = check_quiz(*s.predict, answer, *m_controller->trace(), *m_controller->model(),
                                                       currentLanguage().toStdString());
        // A symbol and words, not colour alone.
        m_feedback->setText((check.understood ? (check.right ? "✔ " : "✘ ") : QString()) + QString::fromStdString(check.feedback));
        m_feedback->setStyleSheet(check.understood && check.right ? "QLabel { color: #1b7a3a; font-weight: bold; }"
                                                                 : "QLabel { font-weight: bold; }");
        return check.understood;
    } catch (const Error& e) {
        m_feedback->setText(tr("This prediction cannot be checked on the current model: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

QString LessonPanel::predictionFeedback() const { return m_feedback->text(); }

void LessonPanel::typePrediction(const QString& value) { m_typed->setText(value); }

void LessonPanel::choosePrediction(int option) {
    if (QAbstractButton* b = m_optionGroup->button(option)) b->setChecked(true);
}

bool LessonPanel::checkPrediction() {
    if (m_lesson < 0 || m_committed) return m_committed;
    const LessonStep& s = m_lessons[m_lesson].steps[static_cast<size_t>(m_step)];
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    if (!s.predict || !trace || !model) return false;
    const Quiz& p = *s.predict;
    QuizAnswer answer;
    const QString typed = m_typed->text().trimmed().replace(QChar(0x2212), '-');  // U+2212 as typed from the lesson text
    bool ok = false;
    answer.number = typed.toDouble(&ok);
    if (!ok) answer.number = std::nan("");
    answer.shape = typed.toStdString();
    answer.choice = m_optionGroup->checkedId();
    if (m_controller->currentStage() == QString::fromStdString(p.stage) && m_controller->currentCell().y() == p.row)
        answer.column = m_controller->currentCell().x();
    if (!showFeedback(answer)) return false;
    m_committed = true;
    m_answer = answer;
    updateTexts();
    checkTask();
    return true;
}

void LessonPanel::updateTexts() {
    const bool active = m_lesson >= 0;
    m_chooser->setCurrentIndex(active ? m_lesson + 1 : 0);
    m_back->setEnabled(active && m_step > 0);
    m_next->setEnabled(!active || m_step + 1 < static_cast<int>(m_lessons[m_lesson].steps.size()) ||
                       m_lesson + 1 < m_lessons.size());
    if (!active) {
        m_title->setText(tr("Guided lessons"));
        m_text->setMarkdown(tr("%1 lessons walk through attention with the live model: a worked example and dot "
                               "products, scaling, masks and the values, heads, positions and position inside attention, "
                               "the whole block, BERT's block, cross-attention, how attention learns, cost, a real GPT-2 "
                               "or BERT, models trained here, grouped-query attention, RoPE in detail, FlashAttention's online "
                               "softmax, sliding windows and attention sinks, asking the model why, common mistakes, and "
                               "what the source articles get wrong. "
                               "Every lesson asks you to predict something first.\n\n"
                               "Choose one above, or press **Page Down** to start with the first.")
                                .arg(m_lessons.size()));
        m_progress->clear();
        m_task->hide();
        m_status->hide();
        m_predictBox->hide();
        return;
    }
    const Lesson& lesson = m_lessons[m_lesson];
    const LessonStep& s = lesson.steps[static_cast<size_t>(m_step)];
    m_title->setText(s.title.empty() ? text(lesson.title) : text(s.title));
    m_progress->setText(tr("step %1 of %2").arg(m_step + 1).arg(lesson.steps.size()));
    QString body = text(s.text);
    if (s.predict && m_committed) body += "\n\n" + text(s.predict->reveal);
    if (!m_error.isEmpty()) body = "**" + m_error + "**\n\n" + body;
    if (m_modelMissing)
        body = "**" + (s.model == "gpt2" ? tr("This step is about GPT-2: open a GPT-2 folder (File › Open model…) to follow it; the first step of this lesson says how to get one.")
                                          : tr("This step is about BERT: open a BERT folder (File › Open model…) to follow it; the first step of this lesson says how to get one.")) +
               "**\n\n" + body;
    m_text->setMarkdown(body);
    m_task->setVisible(s.task.has_value());
    m_status->setVisible(s.task.has_value());
    if (s.task) m_task->setText(tr("Your turn: %1").arg(text(s.task->instruction)));
    updatePredictionTexts();
}

void LessonPanel::checkTask() {
    if (m_lesson < 0) return;
    const LessonStep& s = m_lessons[m_lesson].steps[static_cast<size_t>(m_step)];
    if (!s.task) return;
    // A step that asks for a prediction first is done only once the prediction is committed.
    m_taskDone = task_done(*s.task, stateNow(), m_atStart) && (!s.predict || m_committed);
    // A symbol and words, not colour alone.
    m_status->setText(m_taskDone ? tr("✔ Done: press Next to go on.") : tr("○ Not yet."));
    m_status->setStyleSheet(m_taskDone ? "QLabel { color: #1b7a3a; font-weight: bold; }" : QString());
}

}  // namespace attn::ui
