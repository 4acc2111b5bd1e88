#include "export/figure.h"

#include "views/pipeline_model.h"
#include "views/stage_matrix.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QPainter>
#include <cmath>

namespace attn::ui {
namespace {

constexpr double kMargin = 16, kGap = 8, kBarWidth = 18, kBarGap = 18, kGridGap = 28;

QFont fontOf(const FigureStyle& style, double factor, bool bold = false) {
    QFont f;
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(style.fontPx * factor))));
    f.setBold(bold);
    return f;
}

QCPRange rangeOf(const HeatmapFigure& f) {
    const auto [lower, upper] = valueRange(f.values.constData(), f.values.size(), f.scale);
    return {lower, upper};
}

// Every rectangle of one figure, from its top-left corner.
struct Layout {
    double cell, labelEvery;
    bool rotateColumns, showValues;
    QRectF title, colTitle, colLabels, rowTitle, rowLabels, matrix, bar, barLabels;
    QSizeF size;
};

Layout layoutOf(const HeatmapFigure& f, const FigureStyle& style) {
    Layout l;
    const QFontMetricsF label(fontOf(style, 1.0)), title(fontOf(style, 1.25, true)), value(fontOf(style, 0.8));
    l.cell = std::clamp(560.0 / std::max({f.rows, f.cols, 1}), 6.0, 56.0);
    l.labelEvery = std::max(1.0, std::ceil((label.height() + 1) / l.cell));
    double rowLabelWidth = 0, colLabelWidth = 0;
    for (const QString& s : f.rowLabels) rowLabelWidth = std::max(rowLabelWidth, label.horizontalAdvance(s));
    for (const QString& s : f.colLabels) colLabelWidth = std::max(colLabelWidth, label.horizontalAdvance(s));
    l.rotateColumns = colLabelWidth > l.cell - 2;
    const double colLabelHeight = l.rotateColumns ? colLabelWidth * 0.87 + label.height() * 0.5 : label.height();
    l.showValues = style.showValues && l.cell >= value.horizontalAdvance("-0.00") + 4 && l.cell >= value.height() + 2;

    const double left = kMargin + (f.rowTitle.isEmpty() ? 0 : label.height() + kGap) + rowLabelWidth + kGap;
    double y = kMargin;
    l.title = QRectF(kMargin, y, 0, f.title.isEmpty() ? 0 : title.height());
    y += l.title.height() + (f.title.isEmpty() ? 0 : kGap);
    l.colTitle = QRectF(left, y, f.cols * l.cell, f.colTitle.isEmpty() ? 0 : label.height());
    y += l.colTitle.height() + (f.colTitle.isEmpty() ? 0 : kGap / 2);
    l.colLabels = QRectF(left, y, f.cols * l.cell, colLabelHeight);
    y += colLabelHeight + kGap / 2;
    l.matrix = QRectF(left, y, f.cols * l.cell, f.rows * l.cell);
    l.rowLabels = QRectF(left - kGap - rowLabelWidth, y, rowLabelWidth, l.matrix.height());
    l.rowTitle = QRectF(kMargin, y, f.rowTitle.isEmpty() ? 0 : label.height(), l.matrix.height());
    l.bar = QRectF(l.matrix.right() + kBarGap, y, kBarWidth, std::max(l.matrix.height(), 120.0));
    const double tickWidth = label.horizontalAdvance("-0.000");
    l.barLabels = QRectF(l.bar.right() + 4, y, tickWidth + kGap + label.height(), l.bar.height());
    const double width = std::max(l.barLabels.right(), kMargin + title.horizontalAdvance(f.title)) + kMargin;
    const double height = std::max(l.matrix.bottom(), l.bar.bottom()) + kMargin;
    l.title.setWidth(width - 2 * kMargin);
    l.size = QSizeF(std::ceil(width), std::ceil(height));
    return l;
}

}  // namespace

HeatmapFigure stageFigure(const Trace& trace, const Stage& stage, int head) {
    const StageMatrix m = stageMatrix(trace, stage, head);
    HeatmapFigure f;
    const QString name = QString::fromStdString(stage.name);
    f.title = stage.rank() == 3 ? QStringLiteral("%1 — head %2").arg(name).arg(head) : name;
    f.values = QVector<float>(m.data, m.data + static_cast<qsizetype>(m.rows) * m.cols);
    f.rows = m.rows;
    f.cols = m.cols;
    f.rowLabels = m.rowLabels;
    f.colLabels = m.colLabels;
    f.rowTitle = m.rowTitle;
    f.colTitle = m.colTitle;
    f.valueLabel = valueLabelFor(stage);
    f.scale = valueScaleFor(stage, m.data, m.rows * m.cols);
    return f;
}

QSizeF figureSize(const HeatmapFigure& figure, const FigureStyle& style) { return layoutOf(figure, style).size; }

void paintFigure(QPainter& p, const HeatmapFigure& f, const FigureStyle& style, QPointF topLeft) {
    const Layout l = layoutOf(f, style);
    p.save();
    p.translate(topLeft);
    p.setRenderHint(QPainter::Antialiasing, false);  // crisp cell edges
    p.setRenderHint(QPainter::TextAntialiasing, true);
    if (!style.transparent) p.fillRect(QRectF(QPointF(0, 0), l.size), Qt::white);
    const QColor ink(20, 20, 20);

    p.setPen(ink);
    p.setFont(fontOf(style, 1.25, true));
    p.drawText(l.title, Qt::AlignLeft | Qt::AlignVCenter, f.title);
    p.setFont(fontOf(style, 1.0));
    p.drawText(l.colTitle, Qt::AlignCenter, f.colTitle);
    if (!f.rowTitle.isEmpty()) {
        p.save();
        p.translate(l.rowTitle.center());
        p.rotate(-90);
        p.drawText(QRectF(-l.rowTitle.height() / 2, -l.rowTitle.width() / 2, l.rowTitle.height(), l.rowTitle.width()),
                   Qt::AlignCenter, f.rowTitle);
        p.restore();
    }
    const int step = static_cast<int>(l.labelEvery);
    for (int i = 0; i < f.rows; i += step)
        p.drawText(QRectF(l.rowLabels.left(), l.matrix.top() + i * l.cell, l.rowLabels.width(), l.cell),
                   Qt::AlignRight | Qt::AlignVCenter, f.rowLabels.value(i));
    for (int j = 0; j < f.cols; j += step) {
        const double x = l.matrix.left() + (j + 0.5) * l.cell;
        if (l.rotateColumns) {
            p.save();
            p.translate(x, l.colLabels.bottom());
            p.rotate(-60);
            p.drawText(QPointF(2, QFontMetricsF(p.font()).ascent() * 0.35), f.colLabels.value(j));
            p.restore();
        } else {
            p.drawText(QRectF(x - l.cell / 2, l.colLabels.top(), l.cell, l.colLabels.height()), Qt::AlignCenter,
                       f.colLabels.value(j));
        }
    }

    // One rectangle per cell; masked (−∞) cells grey.
    const QCPRange range = rangeOf(f);
    QCPColorGradient gradient = gradientFor(f.scale == ValueScale::Diverging ? ColorMap::Diverging : style.colorMap);
    p.setPen(Qt::NoPen);
    for (int i = 0; i < f.rows; ++i)
        for (int j = 0; j < f.cols; ++j) {
            const float v = f.values[i * f.cols + j];
            const QColor color = std::isfinite(v) ? QColor(gradient.color(v, range)) : QColor(190, 190, 190);
            p.fillRect(QRectF(l.matrix.left() + j * l.cell, l.matrix.top() + i * l.cell, l.cell, l.cell), color);
        }
    if (l.showValues) {
        p.setFont(fontOf(style, 0.8));
        for (int i = 0; i < f.rows; ++i)
            for (int j = 0; j < f.cols; ++j) {
                const float v = f.values[i * f.cols + j];
                const QColor c = std::isfinite(v) ? QColor(gradient.color(v, range)) : QColor(190, 190, 190);
                p.setPen(c.lightnessF() < 0.55 ? Qt::white : Qt::black);
                p.drawText(QRectF(l.matrix.left() + j * l.cell, l.matrix.top() + i * l.cell, l.cell, l.cell),
                           Qt::AlignCenter, formatCellValue(v));
            }
    }
    p.setPen(QPen(ink, 1));
    p.setBrush(Qt::NoBrush);
    p.drawLine(l.matrix.topLeft(), l.matrix.topRight());
    p.drawLine(l.matrix.topRight(), l.matrix.bottomRight());
    p.drawLine(l.matrix.bottomRight(), l.matrix.bottomLeft());
    p.drawLine(l.matrix.bottomLeft(), l.matrix.topLeft());

    // Colour bar: one gradient-filled rectangle, ticks and its label.
    QLinearGradient bar(l.bar.bottomLeft(), l.bar.topLeft());
    for (int k = 0; k <= 16; ++k) bar.setColorAt(k / 16.0, QColor(gradient.color(range.lower + range.size() * k / 16.0, range)));
    p.fillRect(l.bar, bar);
    p.setFont(fontOf(style, 0.85));
    const QFontMetricsF tickMetrics(p.font());
    for (int k = 0; k <= 4; ++k) {
        const double y = l.bar.bottom() - l.bar.height() * k / 4.0;
        const double v = range.lower + range.size() * k / 4.0;
        p.drawLine(QPointF(l.bar.right(), y), QPointF(l.bar.right() + 3, y));
        p.drawText(QPointF(l.bar.right() + 5, y + tickMetrics.ascent() / 2 - 1), QString::number(v, 'g', 3));
    }
    p.setFont(fontOf(style, 1.0));
    p.save();
    p.translate(l.barLabels.right() - QFontMetricsF(p.font()).height() / 2, l.bar.center().y());
    p.rotate(90);
    p.drawText(QRectF(-l.bar.height() / 2, -QFontMetricsF(p.font()).height() / 2, l.bar.height(),
                      QFontMetricsF(p.font()).height()),
               Qt::AlignCenter, f.valueLabel);
    p.restore();
    p.restore();
}

QSizeF gridSize(const QVector<HeatmapFigure>& figures, int columns, const QString&, const FigureStyle& style) {
    double cellWidth = 0, cellHeight = 0;
    for (const auto& f : figures) {
        const QSizeF s = figureSize(f, style);
        cellWidth = std::max(cellWidth, s.width());
        cellHeight = std::max(cellHeight, s.height());
    }
    const int rows = (static_cast<int>(figures.size()) + columns - 1) / std::max(columns, 1);
    const double titleHeight = QFontMetricsF(fontOf(style, 1.5, true)).height() + kGridGap;
    return {std::ceil(columns * cellWidth + (columns - 1) * kGridGap + 2 * kMargin),
            std::ceil(titleHeight + rows * cellHeight + (rows - 1) * kGridGap + 2 * kMargin)};
}

void paintGrid(QPainter& p, const QVector<HeatmapFigure>& figures, int columns, const QString& title,
               const FigureStyle& style) {
    const QSizeF size = gridSize(figures, columns, title, style);
    if (!style.transparent) p.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
    double cellWidth = 0, cellHeight = 0;
    for (const auto& f : figures) {
        const QSizeF s = figureSize(f, style);
        cellWidth = std::max(cellWidth, s.width());
        cellHeight = std::max(cellHeight, s.height());
    }
    p.setFont(fontOf(style, 1.5, true));
    p.setPen(QColor(20, 20, 20));
    const double titleHeight = QFontMetricsF(p.font()).height();
    p.drawText(QRectF(kMargin, kMargin, size.width() - 2 * kMargin, titleHeight), Qt::AlignLeft | Qt::AlignVCenter, title);
    FigureStyle inner = style;
    inner.transparent = true;  // the grid's background shows through
    for (int k = 0; k < figures.size(); ++k) {
        const double x = kMargin + (k % columns) * (cellWidth + kGridGap);
        const double y = kMargin + titleHeight + kGridGap + (k / columns) * (cellHeight + kGridGap);
        paintFigure(p, figures[k], inner, QPointF(x, y));
    }
}

}  // namespace attn::ui
