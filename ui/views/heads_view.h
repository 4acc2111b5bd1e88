// Every attention block × head as a thumbnail of its weights; a click opens
// that block and head in the stage view.
#pragma once

#include "views/lazy_refresh.h"
#include "views/stage_matrix.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QGridLayout;
class QLabel;
class QMenu;
class QPushButton;

namespace attn {
struct Model;
}

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
    // The marks of head `index` (row-major): "previous-token", "induction", "sink" (teach/head_detector.h).
    QStringList marksOf(int index) const;
    int inductionProbes() const { return m_probes; }  // big models' probes started (once per model)
    // Head ablation (issue 27): whether thumbnail `index` may be knocked out (a self-attention head of
    // the stack that predicts), and the menu its right click opens.
    bool canKnockOut(int index) const;
    QMenu* knockOutMenu(int index);
    bool knockedOutMarkShown(int index) const;
    QString knockedOutSummary() const;  // the bar over the grid: which heads, how, and Restore
    void toggleSelectedHead();           // K: the selected head knocked out or restored

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;  // keeps a thumbnail's knock-out mark at its foot

private:
    void rebuild();
    void refresh();
    void updateFrames();
    void updateKnockOuts();  // the marks and the bar follow the session
    // The layer and head of thumbnail `index`, when it may be knocked out.
    std::optional<std::pair<int, int>> knockable(int index) const;
    // What the overview draws, blocks × heads row-major: each head's thumbnail and the head
    // detector's scores (teach/head_detector.h; induction only for the stack that reads the text, −1
    // where not measured), with the induction scores of the model they came from.
    struct Scores {
        double previousToken = -1, induction = -1, firstToken = 0;
    };
    struct Overview {
        QList<StageMatrix> thumbnails;
        std::vector<Scores> scores;
        std::shared_ptr<const std::vector<std::vector<double>>> induction;
        std::shared_ptr<const Model> inductionModel;
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
    QList<QLabel*> m_badges;  // one per thumbnail, shown on a marked head
    QList<QLabel*> m_knockMarks;  // one per thumbnail, shown on a knocked-out head
    QLabel* m_knockBar = nullptr;
    QPushButton* m_restore = nullptr;
    QMenu* m_menu = nullptr;
    QList<QStringList> m_marks;
    // The induction scores depend on the model only: measured once per model. A big model's probe
    // (four forward passes) runs once on a worker while edits go on; its marks appear when it ends.
    std::shared_ptr<const std::vector<std::vector<double>>> m_induction;
    // Held, not weak: the app's own model is rebuilt at every edit, and a rebuilt model with the
    // same config and weights is the same model to the probe (compared, since a freed model's
    // address may be reused).
    std::shared_ptr<const Model> m_inductionModel;
    std::shared_ptr<const Model> m_probing;  // the model whose probe is running, if any
    int m_probes = 0;
    void startInductionProbe(std::shared_ptr<const Model> model);
    // A long sequence's thumbnails are derived and pooled on a worker (a GPT-2 at n = 1024
    // recomputes 12 layers' attention): the window stays responsive; a newer trace wins.
    quint64 m_generation = 0;
};

}  // namespace attn::ui
