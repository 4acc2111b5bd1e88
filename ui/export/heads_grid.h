// The heads grid as a journal figure: every chosen layer (rows) and head (columns) as a small
// panel without its own labels, one shared colour bar, layer and head numbers on the edges.
// It fits a 3.3 in column and a 7 in page; at its natural size it is capped at 14 in so a viewer
// opens it (4200 px at 300 dpi: 70 MB decoded, under Qt's own 128 MB limit). A panel with more tokens than it has room for (pixels in a PNG, points in SVG/PDF)
// shows pooled cells, each the largest of k × k weights, and the figure's note says so.
#pragma once

#include "export/figure.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace attn {
class Trace;
}

namespace attn::ui {

// Which blocks (rows: the trace's attention-weight stages in order, 0 = the first) and heads to
// draw; empty = all. Parsed from "0,2-4" (parseIndexList).
struct HeadsGridSelection {
    QVector<int> blocks, heads;
};

struct HeadsGridFigure {
    QString title, note;             // note: under the grid, e.g. how cells are pooled
    QStringList rowLabels;           // "0", "1", … or "enc 0", "dec 0 cross" for several stacks
    QString rowTitle, colTitle;      // "layer", "head"
    QVector<int> heads;              // the column numbers
    QString valueLabel;
    // Panel k = row * heads.size() + column: its pooled matrix, row-major, and which cells a mask hides.
    QVector<QVector<float>> panels;
    QVector<QVector<bool>> masked;
    QVector<int> panelRows, panelCols;
    int pool = 1;        // each drawn cell is the largest of pool × pool weights
    int maxSide = 1;     // the largest panel side in cells, after pooling: panels share one cell size
    int tokenSide = 1;   // the same before pooling, in tokens (the natural size follows it)
};

// How many attention-weight blocks (rows of the grid) a trace has, and heads in each.
struct HeadsGridShape {
    int blocks = 0, heads = 0;
};
HeadsGridShape headsGridShape(const Trace& trace);

// "0,2-4" -> {0, 2, 3, 4}; every number must be below `count`. Empty text -> empty (all).
QVector<int> parseIndexList(const QString& text, int count, const QString& what, QString* error);

// The figure of `trace`'s attention weights, pooled so no panel has more than `maxCellsPerSide`
// cells a side. A selection naming a block or head the trace lacks is reported in *error.
HeadsGridFigure headsGridFigure(const Trace& trace, const HeadsGridSelection& selection, int maxCellsPerSide, QString* error);

// The panel side in points for a style (its width or the natural size): the exporter sizes the
// pooling from it (pixels at the PNG's dpi, or points for vector formats).
double headsGridPanelPt(const Trace& trace, const HeadsGridSelection& selection, const FigureStyle& style);

QString headsGridProblem(const HeadsGridFigure& figure, const FigureStyle& style);
QSizeF headsGridSize(const HeadsGridFigure& figure, const FigureStyle& style);
void drawHeadsGrid(FigureCanvas& canvas, const HeadsGridFigure& figure, const FigureStyle& style);

// Natural width cap (14 in): 4200 px at 300 dpi.
constexpr double kMaxNaturalGridPt = 1008;

}  // namespace attn::ui
