// BertViz-style view of one attention block: query tokens on the left, key
// tokens on the right, a line from each query to each key whose opacity is
// the attention weight. Hovering a token keeps only its lines; a head filter
// shows one head or all of them (one colour per head, named in the legend).
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QCustomPlot;

namespace attn::ui {
class LineBundle;
}
class QMouseEvent;

namespace attn::ui {

class SessionController;

class LinesView : public QWidget {
    Q_OBJECT
public:
    explicit LinesView(SessionController* controller, QWidget* parent = nullptr);
    QCustomPlot* plot() const { return m_plot; }
    QComboBox* blockSelector() const { return m_block; }
    QComboBox* headSelector() const { return m_head; }
    int lineCount() const;  // lines drawn now (for tests)
    std::vector<int> lineQueries() const;  // the query row of each line drawn (for tests)
    QLabel* legend() const { return m_legend; }
    void setFocusToken(int side, int index);  // side 0 = queries, 1 = keys; index -1 = none
    void setShown(bool shown) { m_lazy.setShown(shown); }  // its dock is on screen

    // Lines drawn per query and head: the strongest ones (the rest are too faint to see).
    static constexpr int kLinesPerQuery = 8;
    // And at most this many in all, shared by the heads shown: thousands of wide translucent
    // lines take the raster painter most of a second and read as a grey blur anyway.
    static constexpr int kMaxLines = 600;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuildSelectors();
    bool followSelection();  // shows the block of the stage view's stage; true if it changed
    void redraw();
    void onMouseMove(QMouseEvent* event);

    SessionController* m_controller;
    QComboBox* m_block;
    QComboBox* m_head;
    QCustomPlot* m_plot;
    LineBundle* m_lines;  // owned by the plot
    QLabel* m_legend;     // which colour is which head, above the plot (never over the token labels)
    int m_focusSide = -1, m_focusIndex = -1;
    LazyRefresh m_lazy{[this] {
        rebuildSelectors();
        followSelection();
        redraw();
    }};
};

}  // namespace attn::ui
