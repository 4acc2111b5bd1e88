// Guided lessons: pick one, walk its steps (Page Down / Page Up, as a
// presenter's clicker sends). Each step sets the app's state through the
// controller, explains what is on screen and may ask the learner to do
// something, ticking it off when the condition of the lesson file holds.
#pragma once

#include "teach/lesson.h"

#include <QVector>
#include <optional>
#include <QWidget>

class QButtonGroup;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QPushButton;
class QTextBrowser;

namespace attn::ui {

class SessionController;

class TrainingController;

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(SessionController* controller, QWidget* parent = nullptr);

    // The built-in lessons (:/lessons/*.json) plus any opened from a file.
    const QVector<Lesson>& lessons() const { return m_lessons; }
    int currentLesson() const { return m_lesson; }
    int currentStep() const { return m_step; }
    bool taskDone() const { return m_taskDone; }
    QString stepText() const;      // the explanation as shown
    // The window's zoom (Ctrl + +): the step's title and text, the question and its feedback grow with it.
    void setFontScale(double scale);
    double textPointSize() const;  // of the step's text, as drawn (read by tests)
    QString statusText() const;    // the task line as shown
    QString errorText() const;     // why a step could not be applied (empty when it was)
    bool modelMissing() const { return m_modelMissing; }  // the step needs a GPT-2 or BERT that is not open
    // Predict-then-check: whether the step's prediction is committed, and the feedback shown.
    bool predictionCommitted() const { return m_committed; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QString predictionFeedback() const;
    // What a learner types or picks, then Check (as the panel's own widgets do).
    void typePrediction(const QString& text);
    void choosePrediction(int option);
    bool checkPrediction();
    // The language switch builds a new panel: it keeps what the learner typed, chose or committed.
    void takePredictionFrom(const LessonPanel& other);

    // Shows step `step` of lesson `lesson`; applyState false only redraws the
    // texts (after the language changed) without touching the session.
    void showStep(int lesson, int step, bool applyState = true);
    bool openLessonFile(const QString& path, QString* error);
    // The Training panel's run, which "training.*" task conditions look at.
    void setTraining(TrainingController* training);

public slots:
    void nextStep();
    void previousStep();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;  // a click on an option's text picks it

signals:
    void viewRequested(const QString& view);  // one of attn::kLessonViews
    void mistakeRequested(const QString& mistake);  // attn::to_string(Mistake)

private:
    void loadBuiltIns();
    void updateTexts();
    void checkTask();
    void setUpPrediction(bool fresh);  // fresh: a new step, nothing typed or committed
    void updatePredictionTexts();
    bool showFeedback(const QuizAnswer& answer);  // false when the answer was not understood
    LessonState stateNow() const;

    SessionController* m_controller;
    TrainingController* m_training = nullptr;
    QVector<Lesson> m_lessons;
    int m_lesson = -1, m_step = 0;
    LessonState m_atStart;
    bool m_taskDone = false;
    QString m_error;
    bool m_modelMissing = false;  // the step is about a GPT-2 or BERT that is not open
    double m_basePointSize = 0;   // the panel's font at normal size
    // The session of an opened folder that a step's preset replaced: a later step about that model brings it back.
    std::optional<Session> m_setAside;
    QComboBox* m_chooser;
    QPushButton* m_open;
    QLabel* m_title;
    QLabel* m_progress;
    QTextBrowser* m_text;
    QLabel* m_task;
    QLabel* m_status;
    QPushButton *m_back, *m_next;
    QGroupBox* m_predictBox;
    QLabel* m_question;
    QStackedWidget* m_answerInput;  // a line edit (number, shape), options (choice), or the selected cell
    QLineEdit* m_typed;
    QWidget* m_options;
    QButtonGroup* m_optionGroup;
    QLabel* m_cellHint;
    QPushButton* m_check;
    QLabel* m_feedback;
    bool m_committed = false;
    QuizAnswer m_answer;
};

}  // namespace attn::ui
