// Publication figures of matrices, drawn with QPainter on any device (image,
// SVG, PDF): a title, token labels on both axes (CJK included), one filled
// rectangle per cell, the values in the cells when they fit, and a colour bar
// with its label. Vector devices keep every cell a rectangle and every label
// text. Units are pixels at scale 1 (points in a PDF).
#pragma once

#include "views/color_maps.h"
#include "views/heatmap_widget.h"

#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <QVector>

class QPainter;

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
};

struct FigureStyle {
    ColorMap colorMap = ColorMap::Viridis;  // for non-negative matrices; signed ones are always diverging
    double fontPx = 14;
    bool showValues = true;
    bool transparent = false;
};

// One head of a stage, titled "stage — head h", with its labels and value scale.
HeatmapFigure stageFigure(const Trace& trace, const Stage& stage, int head);

QSizeF figureSize(const HeatmapFigure& figure, const FigureStyle& style);
void paintFigure(QPainter& painter, const HeatmapFigure& figure, const FigureStyle& style, QPointF topLeft = {});

// Several figures in a grid of `columns` columns under one title.
QSizeF gridSize(const QVector<HeatmapFigure>& figures, int columns, const QString& title, const FigureStyle& style);
void paintGrid(QPainter& painter, const QVector<HeatmapFigure>& figures, int columns, const QString& title,
               const FigureStyle& style);

}  // namespace attn::ui
