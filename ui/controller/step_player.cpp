#include "controller/step_player.h"

#include "controller/pipeline_model.h"
#include "controller/session_controller.h"

#include <QTimer>

namespace attn::ui {

StepPlayer::StepPlayer(SessionController* controller, QObject* parent)
    : QObject(parent), m_controller(controller), m_timer(new QTimer(this)) {
    connect(m_timer, &QTimer::timeout, this, &StepPlayer::tick);
    setSpeed(5);
}

bool StepPlayer::isPlaying() const { return m_timer->isActive(); }
int StepPlayer::interval() const { return m_timer->interval(); }

void StepPlayer::setSpeed(int speed) {
    speed = std::clamp(speed, 1, 10);
    m_timer->setInterval(2200 - speed * 200);  // 2 s … 0.2 s per step
}

void StepPlayer::stepOver() {
    m_lastWasInto = false;
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QStringList stages = pipelineStages(*trace);
    const int i = stages.indexOf(m_controller->currentStage());
    if (i + 1 >= stages.size()) {
        setPlaying(false);  // the end of the computation
        return;
    }
    m_controller->selectStage(stages[i + 1]);
}

void StepPlayer::stepBack() {
    m_lastWasInto = false;
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QStringList stages = pipelineStages(*trace);
    const int i = stages.indexOf(m_controller->currentStage());
    if (i > 0) m_controller->selectStage(stages[i - 1]);
    else if (i < 0 && !stages.isEmpty()) m_controller->selectStage(stages.front());
}

void StepPlayer::stepInto() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const Stage* stage = trace->find(m_controller->currentStage().toStdString());
    if (!stage) return;
    m_lastWasInto = true;
    const auto t_held = stage->tensor();  // keeps a derived stage alive
    const Tensor& t = *t_held;
    const int rows = static_cast<int>(t.rank() == 3 ? t.dim(1) : t.dim(0)), cols = static_cast<int>(t.shape.back());
    const QPoint cell = m_controller->currentCell();
    if (cell.y() < 0) {
        m_controller->selectCell(0, 0);
        return;
    }
    // The softmax normalises a row at a time: walk rows; elsewhere walk cells.
    int row = cell.y(), col = cell.x();
    if (isProbabilityStage(*stage)) {
        ++row;
        col = 0;
    } else if (++col >= cols) {
        col = 0;
        ++row;
    }
    if (row >= rows) {  // done with this stage: continue with the next one at cell (0, 0)
        const QString before = m_controller->currentStage();
        stepOver();
        if (m_controller->currentStage() == before) {
            stepOut();  // that was the last stage
            return;
        }
        m_lastWasInto = true;
        m_controller->selectCell(0, 0);
        return;
    }
    m_controller->selectCell(row, col);
}

void StepPlayer::stepOut() {
    m_lastWasInto = false;
    m_controller->selectCell(-1, -1);
}

void StepPlayer::setPlaying(bool playing) {
    if (playing == m_timer->isActive()) return;
    if (playing) m_timer->start();
    else m_timer->stop();
    emit playingChanged(playing);
}

void StepPlayer::togglePlaying() { setPlaying(!isPlaying()); }

void StepPlayer::tick() {
    if (m_lastWasInto) stepInto();
    else stepOver();
}

}  // namespace attn::ui
