// Every attention block × head as a thumbnail of its weights; a click opens
// that block and head in the stage view.
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

class QGridLayout;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class HeadsView : public QWidget {
    Q_OBJECT
public:
    explicit HeadsView(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }  // its dock is on screen
    int thumbnailCount() const;
    HeatmapWidget* thumbnail(int index) const;  // row-major over blocks × heads

private:
    void rebuild();
    void refresh();

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QWidget* m_grid;
    QGridLayout* m_layout;
    QStringList m_blocks;
    int m_heads = 0;
    QList<HeatmapWidget*> m_thumbnails;
};

}  // namespace attn::ui
