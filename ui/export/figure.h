// Publication figures of matrices, laid out in points at their printed size and
// drawn on a FigureCanvas (PNG and PDF through QPainter, SVG written directly):
// a title, token labels on both axes (CJK included), one filled rectangle per
// cell (neighbours overlap by design, so no renderer shows seams), the values
// in the cells when they fit, and a colour bar with round ticks and the name of
// the quantity.
#pragma once

#include "export/figure_canvas.h"
#include "views/color_maps.h"
#include "views/heatmap_widget.h"

#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace attn {
class Trace;
struct Stage;
}

namespace attn::ui {

struct HeatmapFigure {
    QString title;
    QVector<float> values;  // row-major rows × cols
    int rows = 0, cols = 0;
    QStringList rowLabels, colLabels;
    QString rowTitle, colTitle, valueLabel;
    ValueScale scale = ValueScale::Diverging;
    QVector<bool> masked;  // row-major, empty = none: cells a mask hides, drawn grey with no number
};

enum class LabelMode { Auto, All, None };  // auto: every n-th token when they would overlap

struct FigureStyle {
    ColorMap colorMap = ColorMap::Viridis;  // for non-negative matrices; signed ones are always diverging
    double fontPt = 8;  // token labels, in points at the figure's printed size; the title is 9/8 of it
    bool showValues = true;
    bool transparent = false;
    LabelMode labels = LabelMode::Auto;
    double widthPt = 0;  // 0: the natural width (cells of up to 24 pt); else exactly this wide
};

// "3.3in", "8.4cm", "84mm", "240pt" (a bare number is points) -> points; 0 and a
// one-line reason in *error for anything else.
double parseLength(const QString& text, QString* error);
// "auto", "all", "none"; nullopt for anything else.
std::optional<LabelMode> labelModeFromName(const QString& name);

// One head of a stage, titled "stage — head h", with its labels and value scale.
HeatmapFigure stageFigure(const Trace& trace, const Stage& stage, int head);

// Sizes are in points. A figure given a width too small for its labels and colour bar
// says so (figureProblem: empty when it can be drawn).
QString figureProblem(const HeatmapFigure& figure, const FigureStyle& style);
QSizeF figureSize(const HeatmapFigure& figure, const FigureStyle& style);
void drawFigure(FigureCanvas& canvas, const HeatmapFigure& figure, const FigureStyle& style, QPointF topLeft = {});

// Several figures in a grid of `columns` columns under one title (style.widthPt: the whole grid's).
QString gridProblem(const QVector<HeatmapFigure>& figures, int columns, const FigureStyle& style);
QSizeF gridSize(const QVector<HeatmapFigure>& figures, int columns, const QString& title, const FigureStyle& style);
void drawGrid(FigureCanvas& canvas, const QVector<HeatmapFigure>& figures, int columns, const QString& title,
              const FigureStyle& style);

// Round tick values inside [lower, upper], about `count` of them (1, 2, 2.5, 5 × 10^k steps).
QVector<double> figureTicks(double lower, double upper, int count);

// A number as figures print it: the minus sign U+2212, as in "−∞".
QString figureNumber(double v, int significant = 3);

}  // namespace attn::ui
