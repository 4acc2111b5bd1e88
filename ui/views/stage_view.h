// The selected stage as a big heatmap, with its name, shape, formula and
// meaning above it, and, when a cell is selected, the operand matrices it was
// computed from beside it with the rows and columns taking part outlined.
#pragma once

#include "views/color_maps.h"
#include "views/stage_matrix.h"

#include <QWidget>

class QLabel;
class QLineEdit;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class StageView : public QWidget {
    Q_OBJECT
public:
    explicit StageView(SessionController* controller, QWidget* parent = nullptr);

    HeatmapWidget* heatmap() const { return m_heatmap; }
    QLineEdit* findField() const { return m_find; }
    QLabel* titleLabel() const { return m_title; }
    QString findStatus() const;  // "2 of 3", "not found", or empty
    void setSequentialColorMap(ColorMap map);
    void setShowValues(bool show);
    void setFontScale(double scale);
    // How many times the view has redrawn itself: once per edit, read by tests.
    int refreshCount() const { return m_refreshCount; }

signals:
    void cellHovered(int row, int col);

private:
    void refresh();
    void refreshOperands();
    void findNext();  // the next row whose token contains the typed text

    SessionController* m_controller;
    QLabel* m_title;
    QLabel* m_formula;
    QLabel* m_description;
    HeatmapWidget* m_heatmap;
    StageMatrix m_shown;  // what the big heatmap shows now
    QWidget* m_operandPanel;
    QLineEdit* m_find;
    QLabel* m_findStatus;
    int m_lastFound = -1;
    HeatmapWidget* m_operands[2];
    QLabel* m_operandTitles[2];
    ColorMap m_colorMap = ColorMap::Viridis;
    double m_fontScale = 1.0;
    int m_refreshCount = 0;
};

}  // namespace attn::ui
