// The one heatmap of the app: a matrix with token labels on both axes, a
// colour scale, values written in the cells when they are readable, masked
// (−∞) cells in grey, hover/click/edit signals and operand highlights.
// It knows nothing of tensors or stages: callers hand it rows × cols floats.
// QCustomPlot puts cell (0, 0) at the bottom left; here row 0 is at the top,
// as in a matrix, and that flip is handled in this class only.
#pragma once

#include "views/color_maps.h"

#include <QRect>
#include <QString>

#include <utility>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QLineEdit;
class QToolButton;
class QMouseEvent;

namespace attn::ui {

enum class ValueScale {
    Diverging,    // signed values: symmetric range around 0, diverging colours
    Sequential,   // values of one sign: [min, max]
    Probability,  // attention weights: fixed [0, 1]
};

// The text written in a cell: 2 decimals, fewer for large values, "−∞" for masked cells.
QString formatCellValue(float value);
// Whether text on this colour is written white: by perceived brightness (yellow takes black).
bool darkColor(QRgb color);
// The colour range of a matrix under a scale (finite values only): [0, 1] for
// probabilities, symmetric around 0 for diverging, [min, max] otherwise.
std::pair<double, double> valueRange(const float* data, qsizetype count, ValueScale scale);

struct HeatmapHighlight {
    QVector<int> rows;  // whole rows outlined
    QVector<int> cols;  // whole columns outlined
    QVector<QRect> blocks;  // x = first column, y = first row, width × height cells
    int cellRow = -1, cellCol = -1;  // one cell outlined thickly
    bool isEmpty() const { return rows.isEmpty() && cols.isEmpty() && blocks.isEmpty() && cellRow < 0; }
};

class HeatmapWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapWidget(QWidget* parent = nullptr);
    // Where the matrix is drawn, in this widget's coordinates.
    QRect matrixRect() const;

    // data is row-major rows × cols; it is copied.
    void setMatrix(const float* data, int rows, int cols, const QStringList& rowLabels, const QStringList& colLabels,
                   ValueScale scale);
    void setAxisTitles(const QString& rows, const QString& cols);
    void setValueLabel(const QString& label);
    void setSequentialColorMap(ColorMap map);
    void setHighlight(const HeatmapHighlight& highlight);
    void setShowValues(bool show);
    void setFontScale(double scale);  // 1.0 = normal; presentation mode enlarges
    void setEditable(bool editable);
    // The colour bar, hidden where colours carry no scale (the mask: allowed or grey).
    void setScaleShown(bool shown);  // double-click a cell to type a value
    void setCompact(bool compact);    // thumbnails: no scale, labels or values
    void setFramed(bool framed);      // a thick orange frame: "this one is selected"
    // Zoom and pan (the wheel zooms around the pointer, a drag pans; labels follow what is
    // visible, so a 1024-token matrix reads token by token when zoomed in). Fit shows it all.
    void zoomTo(int row, int col, int span);  // a span × span window around the cell
    void fitAll();
    bool isZoomed() const;
    // The visible cells: first and last row and column.
    QRect visibleCells() const;

    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    float value(int row, int col) const { return m_values.value(row * m_cols + col); }
    const QVector<float>& values() const { return m_values; }
    ColorMap currentColorMap() const;
    QCustomPlot* plot() const { return m_plot; }

signals:
    void cellHovered(int row, int col);  // -1, -1 when leaving the matrix
    void cellClicked(int row, int col);
    void cellEdited(int row, int col, float value);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void applyCompactMargins();
    void changeEvent(QEvent* event) override;

private:
    bool cellAt(const QPoint& pixel, int& row, int& col) const;
    void onMouseMove(QMouseEvent* event);
    // The cell under `pixel` (none off the matrix) becomes the hovered one: a fresh tooltip, and
    // cellHovered when it changed or `always`. Called on moves, on leaving and on new data, so
    // neither the Explain panel nor a tooltip outlives the cell or the stage it was about.
    void hover(const QPoint& pixel, bool always);
    void onMousePress(QMouseEvent* event);
    void onDoubleClick(QMouseEvent* event);
    void startEdit(int row, int col);
    void commitEdit();
    void rebuildValueLabels();
    QFont valueFont(double zoom) const;
    double valuesFitAt() const;  // the zoom the values fit at (≤ m_fontScale), 0 when they do not
    void applyTickLabels();  // as many labels as fit without overlapping
    void rebuildHighlight();
    void applyFonts();
    void applyGradient();
    void onRangeChanged();  // clamps the view to the matrix, then labels and values what is visible

    QCustomPlot* m_plot;
    QCPColorMap* m_map;
    QCPColorScale* m_scale;
    QLineEdit* m_editor;
    QToolButton* m_fit;  // "Fit": shown while zoomed in
    int m_editRow = -1, m_editCol = -1;
    QVector<float> m_values;
    QStringList m_rowLabels, m_colLabels;
    int m_rows = 0, m_cols = 0;
    ValueScale m_valueScale = ValueScale::Diverging;
    ColorMap m_sequential = ColorMap::Viridis;
    HeatmapHighlight m_highlight;
    bool m_showValues = true, m_editable = false, m_compact = false, m_framed = false;
    QWidget* m_frame = nullptr;  // the orange frame around the matrix (setFramed)
    void placeFrame();
    double m_fontScale = 1.0;
    int m_hoverRow = -1, m_hoverCol = -1;
    bool m_scaleShown = true;
    bool m_settingUp = false;
    bool m_valuesShown = false;  // whether the last rebuild wrote values
    double m_valuesZoom = 0;     // …and at which zoom (valuesFitAt)
    int m_zoomRows = -1, m_zoomCols = -1;  // the shape the zoomed window belongs to
};

}  // namespace attn::ui
