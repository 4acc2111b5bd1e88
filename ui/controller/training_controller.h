// Training in the app: a core Trainer stepped on a worker thread, so the window
// never freezes. Run, pause, one step or reset at any moment; every few steps a
// snapshot (the weights, the held-out accuracy and the probe input's attention)
// is kept, so the timeline can go back to any of them and any of them can be
// taken into the main view. What a run has learned survives pausing, stopping
// and divergence (the last good weights are kept).
#pragma once

#include "engine/trace.h"
#include "learn/trainer.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QVector>

#include <atomic>
#include <memory>

namespace attn::ui {

// Tasks: the built-in ones by name ("reverse"), and the text task on a corpus the app ships,
// "text:shakespeare" or "text:tang-poems" (learn/text_task.h).
struct TrainingSettings {
    QString task = QStringLiteral("reverse");
    bool larger = false;  // d_model 64, 4 heads instead of the task's small model
    double lr = 3e-3;
    int batchSize = 32;
    OptimizerKind optimizer = OptimizerKind::AdamW;
    int steps = 1200;
    quint64 seed = 0;
};

// The task's defaults, as the panel first shows them.
TrainingSettings defaultSettings(const QString& task);
// Every task the panel offers, in order: the built-in tasks, then the text tasks.
QStringList trainingTasks();
bool isTextTask(const QString& task);

struct TrainingPoint {
    int step = 0;
    double loss = 0;
    double accuracy = -1;  // −1 when not evaluated at this step
    double seconds = 0;
};

struct TrainingSnapshot {
    int step = 0;
    double accuracy = 0;
    std::shared_ptr<const Model> model;
    std::shared_ptr<const Tensor> probe;  // the probe stage's weights (H, T, S) under this model
    // The text tasks: the held-out loss (nats a character), a sample the model writes, and the head
    // detector's best scores (teach/head_detector.h) with where they are ("L1H2": layer 1, head 2).
    double heldOutLoss = -1;
    QString sample;
    double previousToken = -1, induction = -1;
    QString previousTokenHead, inductionHead;
};

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // A new run (the previous one is dropped): an empty string, or the problem, by field
    // ("lr", "batch", "steps", "task") then its sentence, e.g. "lr\tthe learning rate …".
    QString setUp(const TrainingSettings& settings);
    bool hasRun() const { return m_trainer != nullptr; }
    bool isRunning() const { return m_running; }
    bool finished() const;
    void run();       // until the planned steps, a pause or divergence
    void pause();     // after the current step
    void stepOnce();  // one optimizer step, when paused
    void setPlannedSteps(int steps);  // when paused: the run goes on to this many steps

    const TrainingSettings& settings() const { return m_settings; }
    const QVector<TrainingPoint>& log() const { return m_log; }
    const QVector<TrainingSnapshot>& snapshots() const { return m_snapshots; }
    int stepsDone() const { return m_log.isEmpty() ? 0 : m_log.back().step; }
    // The probe input and the labels of its probe stage's axes.
    QString probeText() const { return m_probeText; }
    QString probeTargetText() const { return m_probeTarget; }
    QString probeStage() const { return m_probeStage; }
    const Trace* probeLabels() const { return m_probeLabels.get(); }
    double secondsLeft() const;
    // Blocks until the worker is idle (tests, closing).
    void waitForIdle();

signals:
    void progressed();     // new points or snapshots
    void stateChanged();   // running, paused, finished, set up
    void diverged(const QString& message);

private:
    void startJob(int steps);

    TrainingSettings m_settings;
    std::unique_ptr<Task> m_task;
    std::unique_ptr<Trainer> m_trainer;
    QVector<TrainingPoint> m_log;
    QVector<TrainingSnapshot> m_snapshots;
    QString m_probeText, m_probeTarget, m_probeStage;
    std::shared_ptr<const Trace> m_probeLabels;  // a trace of the probe (labels only)
    std::atomic<bool> m_pauseRequested{false};
    bool m_running = false;
    double m_secondsBefore = 0;  // of earlier jobs of this run
    QFutureWatcher<void> m_watcher;
};

}  // namespace attn::ui
