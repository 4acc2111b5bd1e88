// Compare mode: the current stage as it was when pinned, as it is now, and
// their difference (now − pinned) as a diverging heatmap. Pin, change one
// thing (a word, a weight, the PE, the mask), and see what it moved.
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

class QLabel;
class QPushButton;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }

    HeatmapWidget* pinnedMap() const { return m_pinned; }
    HeatmapWidget* currentMap() const { return m_current; }
    HeatmapWidget* differenceMap() const { return m_difference; }
    QString statusText() const;

private:
    void refresh();

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QPushButton* m_pin;
    QPushButton* m_clear;
    QLabel* m_status;
    HeatmapWidget *m_pinned, *m_current, *m_difference;
    QLabel *m_pinnedTitle, *m_currentTitle, *m_differenceTitle;
};

}  // namespace attn::ui
