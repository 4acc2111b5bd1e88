// Walks the computation like a debugger: step over (next stage), step back,
// step into (cell by cell; row by row for the softmax), step out, and play
// at a chosen speed. Moves only the controller's selection.
#pragma once

#include <QObject>

class QTimer;

namespace attn::ui {

class SessionController;

class StepPlayer : public QObject {
    Q_OBJECT
public:
    explicit StepPlayer(SessionController* controller, QObject* parent = nullptr);

    bool isPlaying() const;
    int interval() const;

public slots:
    void stepOver();
    void stepBack();
    void stepInto();
    void stepOut();
    void setPlaying(bool playing);
    void togglePlaying();
    void setSpeed(int speed);  // 1 (slow) … 10 (fast)

signals:
    void playingChanged(bool playing);

private:
    void tick();

    SessionController* m_controller;
    QTimer* m_timer;
    bool m_lastWasInto = false;
};

}  // namespace attn::ui
