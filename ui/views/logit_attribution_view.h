// Direct logit attribution as a layer × head heatmap: how much each head's output adds to one
// token's logit at one position (teach/logit_attribution.h), with the other parts — embeddings,
// feed-forward layers, biases — summed beside it so the whole adds up to the logit. A click on a
// head shows its attention pattern.
#pragma once

#include "teach/logit_attribution.h"
#include "views/lazy_refresh.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSpinBox;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class LogitAttributionView : public QWidget {
    Q_OBJECT
public:
    explicit LogitAttributionView(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }
    void setFontScale(double scale);

    HeatmapWidget* map() const { return m_map; }
    QSpinBox* positionBox() const { return m_position; }
    QComboBox* tokenBox() const { return m_token; }
    QString message() const;
    QString totals() const;
    QString hoverText() const;

private:
    void refresh();         // a new trace: the positions and the candidate tokens, then the map
    void refreshTokens();   // the position changed: its top predictions
    void refreshMap();      // the token changed
    void hover(int row, int col);
    void openHead(int row, int col);

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QLabel* m_message;
    QSpinBox* m_position;
    QComboBox* m_token;
    HeatmapWidget* m_map;
    QLabel* m_totals;
    QLabel* m_hover;
    // What the map shows: row r is layer m_rowLayers[r] of block m_rowBlocks[r] (self or cross).
    std::optional<LogitAttribution> m_shown;
    std::vector<int> m_rowLayers;
    std::vector<bool> m_rowCross;
    bool m_followLast = true;  // the position is the last one, and stays the last as the text changes
    bool m_filling = false;  // the boxes are being filled: their signals are not the user's
};

}  // namespace attn::ui
