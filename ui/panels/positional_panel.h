// Positional encodings made visible: the encoding as a heatmap (position ×
// feature), a few of its features as curves against position, and how alike
// two positions look (their dot product). Switching the encoding here changes
// the model (undoable), so the attention views change with it.
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class PositionalPanel : public QWidget {
    Q_OBJECT
public:
    explicit PositionalPanel(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }  // its dock is on screen
    QComboBox* encodingSelector() const { return m_encoding; }
    HeatmapWidget* table() const { return m_table; }
    HeatmapWidget* similarity() const { return m_similarity; }
    QCustomPlot* curves() const { return m_curves; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();
    void choose(int index);

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QComboBox* m_encoding;
    QLabel* m_tableTitle;
    QLabel* m_similarityTitle;
    HeatmapWidget* m_table;
    QCustomPlot* m_curves;
    HeatmapWidget* m_similarity;
};

}  // namespace attn::ui
