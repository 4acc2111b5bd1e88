#include "controller/training_controller.h"
#include "controller/qt_text.h"

#include "engine/forward.h"
#include "engine/generate.h"
#include "learn/text_task.h"
#include "teach/head_detector.h"

#include <QFile>

#include <QCoreApplication>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <optional>

namespace attn::ui {
namespace {


Inputs probeInputs(const Model& model, const Example& e) {
    Inputs in{sequence_from_text(model, e.src_text), {}};
    if (model.config.architecture == Architecture::EncoderDecoder) in.tgt = sequence_from_text(model, e.tgt_text);
    return in;
}

// The text task on a corpus the app ships: the panel's small model (2 layers, d_model 64) or the
// larger one, which is the shape of builtin:shakespeare (4 layers, d_model 128).
std::unique_ptr<Task> makeTrainingTask(const QString& name, bool larger) {
    if (!isTextTask(name)) return make_task(name.toStdString());
    QFile file(":/corpora/" + name.section(':', 1) + ".txt");
    if (!file.open(QIODevice::ReadOnly)) throw Error("the corpus of " + name.toStdString() + " is missing");
    TextModelShape shape{.layers = larger ? 4 : 2, .heads = 4, .d_model = larger ? 128 : 64, .context = 64};
    return make_text_task(file.readAll().toStdString(), shape, name.section(':', 1).toStdString());
}

// What the model writes from the probe's first 8 characters to the end of its context (temperature
// 0.8, seed 1): each character one cached step, so a snapshot stays cheap.
QString sampleOf(const Model& model, const Example& probe) {
    std::vector<int32_t> ids = encode_text(model, probe.src_text);
    ids.resize(std::min<size_t>(ids.size(), 8));
    KvCacheGenerator gen(model, ids);
    const Sampling sampling{.temperature = 0.8, .top_k = 0, .seed = 1};
    while (ids.size() < static_cast<size_t>(model.config.max_len)) {
        ids.push_back(gen.choose(sampling));
        if (ids.size() < static_cast<size_t>(model.config.max_len)) gen.append(ids.back());
    }
    return q(decode_ids(model, ids));
}

// Snapshots come every 60th of a run: a text task's measures a quarter of its held-out windows.
constexpr size_t kSnapshotWindows = 32;

TrainingSnapshot snapshotOf(const Trainer& trainer, const Task& task, const Example& probe) {
    const Model& model = trainer.model();
    const Trace trace = run_forward(model, probeInputs(model, probe));
    const bool text = task.scores_each_token();
    TrainingSnapshot snap;
    snap.step = trainer.steps_done();
    snap.accuracy = trainer.accuracy(text ? kSnapshotWindows : SIZE_MAX);
    snap.model = std::make_shared<const Model>(model);
    snap.probe = trace.tensor(task.probe_stage());
    if (!text) return snap;
    snap.heldOutLoss = trainer.held_out_loss(kSnapshotWindows);
    snap.sample = sampleOf(model, probe);
    for (const HeadScores& h : score_heads(model, trace)) {
        const QString where = QStringLiteral("L%1H%2").arg(h.layer).arg(h.head);  // layer 0 head 2 is L0H2, as TransformerLens names it
        if (h.previous_token > snap.previousToken) snap.previousToken = h.previous_token, snap.previousTokenHead = where;
        if (h.induction > snap.induction) snap.induction = h.induction, snap.inductionHead = where;
    }
    return snap;
}

}  // namespace

QStringList trainingTasks() {
    QStringList tasks;
    for (const auto& name : task_names()) tasks << QString::fromStdString(name);
    return tasks << QStringLiteral("text:shakespeare") << QStringLiteral("text:tang-poems");
}

bool isTextTask(const QString& task) { return task.startsWith(QStringLiteral("text:")); }

TrainingSettings defaultSettings(const QString& task) {
    TrainingSettings s;
    s.task = task;
    try {
        const auto t = makeTrainingTask(task, false);
        const TrainOptions o = default_train_options(*t);
        s.lr = o.optimizer.lr;
        s.batchSize = o.batch_size;
        s.optimizer = o.optimizer.kind;
        s.steps = o.steps;
    } catch (const Error&) {
    }
    return s;
}

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, [this] {
        m_running = false;
        if (!m_log.isEmpty()) m_secondsBefore = m_log.back().seconds;
        emit stateChanged();
    });
}

TrainingController::~TrainingController() {
    m_pauseRequested = true;
    m_watcher.waitForFinished();
}

void TrainingController::waitForIdle() {
    while (m_running) {
        m_watcher.waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
}

QString TrainingController::setUp(const TrainingSettings& settings) {
    if (m_running) {
        pause();
        waitForIdle();
    }
    std::unique_ptr<Task> task;
    try {
        task = makeTrainingTask(settings.task, settings.larger);
    } catch (const Error& e) {
        return QStringLiteral("task\t") + q(e.what());
    }
    TrainOptions options = default_train_options(*task);
    options.steps = settings.steps;
    options.batch_size = settings.batchSize;
    options.seed = settings.seed;
    options.optimizer.kind = settings.optimizer;
    options.optimizer.lr = settings.lr;
    if (settings.optimizer == OptimizerKind::Sgd) options.optimizer.weight_decay = 0;
    if (const auto problems = train_option_problems(*task, options); !problems.empty())
        return q(problems.front().field) + "\t" + q(problems.front().message);
    Config config = task->defaults().config;
    if (settings.larger && !isTextTask(settings.task)) {
        config.d_model = 64;
        config.nhead = 4;
        config.dim_feedforward = 128;
    }
    m_trainer = std::make_unique<Trainer>(*task, make_model(config), options);
    m_task = std::move(task);
    m_settings = settings;
    m_log.clear();
    m_snapshots.clear();
    m_secondsBefore = 0;
    const Example probe = m_task->held_out().front();
    m_probeText = q(probe.src_text);
    m_probeTarget = q(probe.tgt_text);
    m_probeStage = q(m_task->probe_stage());
    const Model& model = m_trainer->model();
    m_probeLabels = std::make_shared<Trace>(run_forward(model, probeInputs(model, probe)));
    m_snapshots.push_back(snapshotOf(*m_trainer, *m_task, probe));
    emit stateChanged();
    emit progressed();
    return {};
}

bool TrainingController::finished() const { return m_trainer && m_trainer->steps_done() >= m_settings.steps; }

void TrainingController::run() {
    if (!m_trainer || m_running || finished()) return;
    startJob(m_settings.steps - m_trainer->steps_done());
}

void TrainingController::stepOnce() {
    if (!m_trainer || m_running) return;
    startJob(1);
}

void TrainingController::pause() { m_pauseRequested = true; }

void TrainingController::setPlannedSteps(int steps) {
    if (m_running || steps < 1 || steps == m_settings.steps) return;
    m_settings.steps = steps;
    emit stateChanged();
}

double TrainingController::secondsLeft() const {
    const int done = stepsDone();
    if (done == 0 || m_log.isEmpty()) return -1;
    return m_log.back().seconds / done * std::max(0, m_settings.steps - done);
}

void TrainingController::startJob(int steps) {
    m_running = true;
    m_pauseRequested = false;
    emit stateChanged();
    Trainer* trainer = m_trainer.get();
    const Task* task = m_task.get();
    const int total = m_settings.steps;
    const int every = std::max(1, total / 60);  // about 60 snapshots over a run
    const double before = m_secondsBefore;
    m_watcher.setFuture(QtConcurrent::run([this, trainer, task, steps, total, every, before] {
        const auto start = std::chrono::steady_clock::now();
        const Example probe = task->held_out().front();
        for (int i = 0; i < steps && !m_pauseRequested; ++i) {
            const StepResult r = trainer->step();
            if (r.diverged) {
                const int good = trainer->steps_done();
                QMetaObject::invokeMethod(this, [this, good] {
                    emit diverged(tr("Training diverged at step %1: the loss was not a finite number. The weights of step %2 are "
                                     "kept; try a smaller learning rate.").arg(good + 1).arg(good));
                }, Qt::QueuedConnection);
                return;
            }
            const int step = trainer->steps_done();
            TrainingPoint point{step, r.loss, -1,
                                before + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()};
            std::optional<TrainingSnapshot> snap;
            if (step % every == 0 || step == total || i + 1 == steps) {
                snap = snapshotOf(*trainer, *task, probe);
                point.accuracy = snap->accuracy;
            }
            QMetaObject::invokeMethod(this, [this, point, snap] {
                m_log.push_back(point);
                if (snap) m_snapshots.push_back(*snap);
                emit progressed();
            }, Qt::QueuedConnection);
        }
    }));
}

}  // namespace attn::ui
