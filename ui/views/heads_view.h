// Every attention block × head as a thumbnail of its weights; a click opens
// that block and head in the stage view.
#pragma once

#include "views/lazy_refresh.h"
#include "views/stage_matrix.h"

#include <QWidget>

#include <memory>
#include <vector>

class QGridLayout;
class QLabel;

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
    QStringList kvGroups() const;               // the K/V-head bars over the columns (grouped-query attention)
    int sinkCount() const;                      // thumbnails marked as attention sinks

private:
    void rebuild();
    void refresh();
    void updateFrames();
    // What the overview draws, blocks × heads row-major: each head's thumbnail and its mean weight on
    // the first token (teach/attention_sinks.h).
    struct Overview {
        QList<StageMatrix> thumbnails;
        std::vector<double> firstKeyShares;
    };
    void showThumbnails(const Overview& overview);

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QWidget* m_grid;
    QGridLayout* m_layout;
    QStringList m_blocks;
    int m_heads = 0;
    int m_kvHeads = 0;  // fewer than m_heads: the grouping is drawn over the columns
    QList<HeatmapWidget*> m_thumbnails;
    QList<QLabel*> m_sinkBadges;  // one per thumbnail, shown on a sink
    // A long sequence's thumbnails are derived and pooled on a worker (a GPT-2 at n = 1024
    // recomputes 12 layers' attention): the window stays responsive; a newer trace wins.
    quint64 m_generation = 0;
};

}  // namespace attn::ui
