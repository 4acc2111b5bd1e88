// FlashAttention's online softmax, stepped tile by tile on one query row of the selected head:
// the keys of each tile, the running max m, the rescale e^(m_old − m_new), the running sum ℓ and
// the unnormalised output o, until o / ℓ equals the trace's full softmax·V.
#pragma once

#include "teach/online_softmax.h"
#include "views/lazy_refresh.h"

#include <optional>

#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace attn::ui {

class SessionController;

class OnlineSoftmaxView : public QWidget {
    Q_OBJECT
public:
    explicit OnlineSoftmaxView(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }

    QSpinBox* rowBox() const { return m_row; }
    QSpinBox* tileBox() const { return m_tile; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* allButton() const { return m_all; }
    QTableWidget* keysTable() const { return m_keys; }
    QTableWidget* tilesTable() const { return m_tiles; }
    QString resultText() const;
    int tilesShown() const { return m_shown; }  // how many tiles have been read so far

private:
    void refresh();
    void show(int tiles);  // fills the tables with the first `tiles` tiles

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QLabel* m_block;
    QSpinBox *m_row, *m_tile;
    QPushButton *m_back, *m_next, *m_all;
    QTableWidget* m_keys;
    QTableWidget* m_tiles;
    QLabel* m_result;
    std::optional<OnlineSoftmaxRow> m_run;
    QStringList m_keyLabels;
    int m_shown = 1;
    QString m_shownBlock;  // the block and head of the last refresh: a new one starts from tile 1
    int m_shownHead = -1;
};

}  // namespace attn::ui
