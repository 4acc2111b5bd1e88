// The Training panel: choose a task, a model size, the learning rate, batch size,
// optimizer and steps; run, pause or take one optimizer step; watch the loss and
// held-out accuracy curves and the probe input's attention as the model learns (a
// text task: the loss in bits per character, a sample every snapshot, and the best
// previous-token and induction scores, so the moment an induction head forms shows);
// scrub the timeline of snapshots back to any step and take that model into the
// main view (one undoable step). Computes nothing: TrainingController does.
#pragma once

#include "controller/training_controller.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    TrainingPanel(SessionController* session, QWidget* parent = nullptr);

    TrainingController* training() const { return m_training; }
    // Shortcut targets and tests.
    void toggleRun();
    void stepOnce();
    void reset();
    void useSelectedModel();
    void setTask(const QString& task);
    QComboBox* taskBox() const { return m_task; }
    QLineEdit* learningRateField() const { return m_lr; }
    QSlider* timeline() const { return m_timeline; }
    QLabel* message() const { return m_message; }
    HeatmapWidget* probe() const { return m_probe; }
    QPushButton* runButton() const { return m_run; }
    QLabel* sampleLabel() const { return m_sample; }
    QLabel* snapshotLabel() const { return m_snapshotLabel; }
    QCustomPlot* curves() const { return m_curves; }

private:
    void refreshState();
    void refreshProgress();
    void showSnapshot(int index);
    bool readSettings(TrainingSettings& settings);  // false: the problem is shown beside its field

    SessionController* m_session;
    TrainingController* m_training;
    QComboBox* m_task;
    QComboBox* m_size;
    QLineEdit* m_lr;
    QSpinBox* m_batch;
    QComboBox* m_optimizer;
    QSpinBox* m_steps;
    QSpinBox* m_seed;
    QLabel* m_lrError;
    QLabel* m_batchError;
    QLabel* m_stepsError;
    QPushButton* m_run;
    QPushButton* m_step;
    QPushButton* m_reset;
    QPushButton* m_use;
    QProgressBar* m_progress;
    QLabel* m_timeLeft;
    QCustomPlot* m_curves;
    QSlider* m_timeline;
    QLabel* m_snapshotLabel;
    QLabel* m_sample;  // the text tasks: what the model writes at the snapshot
    HeatmapWidget* m_probe;
    QLabel* m_probeTitle;
    QLabel* m_message;
    bool m_followLatest = true;  // the timeline tracks the newest snapshot until the learner moves it
};

}  // namespace attn::ui
