// A veil over a view while the app computes another model than the one the view shows (a model
// just opened, a new config): the old heatmap stays visible but faded, under "Computing GPT-2…",
// so the screen never passes off the previous model's numbers as the new one's.
#pragma once

#include <QLabel>

namespace attn::ui {

class SessionController;

class BusyOverlay : public QLabel {
    Q_OBJECT
public:
    // Covers `view` (it becomes the overlay's parent) and follows the controller.
    BusyOverlay(SessionController* controller, QWidget* view);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void update();
    SessionController* m_controller;
};

}  // namespace attn::ui
