#include "export/heads_grid.h"

#include "engine/trace.h"
#include "views/color_maps.h"
#include "views/stage_matrix.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace attn::ui {
namespace {

constexpr double kMargin = 6, kGap = 4, kPanelGap = 3, kBarWidth = 8, kBarGap = 8, kMinPanel = 4;
const QColor kInk(20, 20, 20), kMasked(190, 190, 190);

class HeadsGrid {
    Q_DECLARE_TR_FUNCTIONS(HeadsGrid)
};

std::vector<const Stage*> weightStages(const Trace& trace) {
    std::vector<const Stage*> out;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) out.push_back(&s);
    return out;
}

// Row labels: the layer number when every block is the same kind of attention in one stack,
// else short names ("enc 0", "dec 0", "dec 0 cross").
QStringList rowLabelsOf(const std::vector<const Stage*>& blocks, QString* rowTitle) {
    const bool same = std::all_of(blocks.begin(), blocks.end(), [&](const Stage* s) {
        return s->at.stack == blocks.front()->at.stack && s->at.block == blocks.front()->at.block;
    });
    QStringList labels;
    for (const Stage* s : blocks) {
        if (same) {
            labels << QString::number(s->at.layer);
            continue;
        }
        QString label = (s->at.stack == StackKind::Encoder ? HeadsGrid::tr("enc %1") : HeadsGrid::tr("dec %1")).arg(s->at.layer);
        if (s->at.block == BlockKind::CrossAttention) label += ' ' + HeadsGrid::tr("cross");
        labels << label;
    }
    *rowTitle = same ? HeadsGrid::tr("layer") : QString();
    return labels;
}

// Every rectangle of the grid, from its top-left corner, in points.
struct GridGeometry {
    double panel = 0, cell = 0, left = 0, top = 0;
    double rowLabelWidth = 0;
    QRectF title, colTitle, bar, barLabel, note;
    QStringList noteLines;  // the note broken between its parts to fit the width
    QVector<double> ticks;
    QSizeF size;
    QString problem;
    double x(int column) const { return left + column * (panel + kPanelGap); }
    double y(int row) const { return top + row * (panel + kPanelGap); }
};

struct Frame {  // what the geometry needs to know of a figure
    int rows = 1, columns = 1, maxSide = 1, tokenSide = 1;
    QStringList rowLabels;
    QString title, note, rowTitle, colTitle, valueLabel;
};

double labelWidth(const QStringList& labels, const QFontMetricsF& m) {
    double w = 0;
    for (const QString& s : labels) w = std::max(w, m.horizontalAdvance(s));
    return w;
}

GridGeometry geometryOf(const Frame& f, const FigureStyle& style) {
    const FigureFonts fonts(style.fontPt);
    const QFontMetricsF label = fonts.metrics(TextRole::Label), tick = fonts.metrics(TextRole::Tick),
                        title = fonts.metrics(TextRole::Title);
    GridGeometry g;
    g.rowLabelWidth = labelWidth(f.rowLabels, tick);
    const double left = kMargin + (f.rowTitle.isEmpty() ? 0 : label.height() + kGap) + g.rowLabelWidth + kGap / 2;
    double tickWidth = 0;
    for (double t : figureTicks(0, 1, 6)) tickWidth = std::max(tickWidth, tick.horizontalAdvance(figureNumber(t)));
    const double right = kBarGap + kBarWidth + 3 + tickWidth + kGap + label.height() + kMargin;
    const double gaps = (f.columns - 1) * kPanelGap;
    const double target = std::round(style.widthPt);
    if (style.widthPt > 0) {
        g.panel = std::floor((target - left - right - gaps) / f.columns * 100) / 100;
        if (g.panel < kMinPanel)
            g.problem = HeadsGrid::tr("%1 pt is too narrow for %2 heads side by side (each would be %3 pt wide): choose fewer heads or a wider figure")
                            .arg(figureNumber(style.widthPt))
                            .arg(f.columns)
                            .arg(figureNumber(std::max(0.0, g.panel), 2));
    } else {  // natural: about 6 pt a token, 40 to 120 pt a panel, at most kMaxNaturalGridPt in all
        g.panel = std::clamp(6.0 * f.tokenSide, 40.0, 120.0);
        g.panel = std::min(g.panel, std::floor((kMaxNaturalGridPt - left - right - gaps) / f.columns));
    }
    g.panel = std::max(g.panel, 0.5);
    g.cell = g.panel / std::max(f.maxSide, 1);
    double y = kMargin;
    g.title = QRectF(kMargin, y, 0, f.title.isEmpty() ? 0 : title.height());
    y += f.title.isEmpty() ? 0 : title.height() + kGap;
    const double gridWidth = f.columns * g.panel + gaps;
    g.colTitle = QRectF(left, y, gridWidth, label.height());
    y += label.height() + tick.height() + 2;  // "head", then the head numbers
    g.left = left;
    g.top = y;
    const double gridHeight = f.rows * g.panel + (f.rows - 1) * kPanelGap;
    g.bar = QRectF(left + gridWidth + kBarGap, y, kBarWidth, std::max(gridHeight, 3 * tick.height()));
    g.ticks = figureTicks(0, 1, std::clamp(static_cast<int>(g.bar.height() / (tick.height() * 1.6)) + 1, 2, 6));
    const double barLabelLength = label.horizontalAdvance(f.valueLabel);
    g.barLabel = QRectF(g.bar.right() + 3 + tickWidth + kGap, g.bar.center().y() - barLabelLength / 2, label.height(), barLabelLength);
    const double width = style.widthPt > 0 ? target : std::ceil(g.barLabel.right() + kMargin);
    g.title.setWidth(width - 2 * kMargin);
    const double bottom = std::max(g.bar.bottom(), g.barLabel.bottom());
    const QString separator = QStringLiteral("; ");
    for (const QString& part : f.note.split(separator, Qt::SkipEmptyParts)) {
        if (!g.noteLines.isEmpty() && tick.horizontalAdvance(g.noteLines.back() + separator + part) <= width - 2 * kMargin)
            g.noteLines.back() += separator + part;
        else
            g.noteLines << part;
    }
    for (QString& line : g.noteLines) line = tick.elidedText(line, Qt::ElideRight, width - 2 * kMargin);
    g.note = QRectF(kMargin, bottom + kGap, width - 2 * kMargin, g.noteLines.size() * tick.height());
    g.size = QSizeF(width, std::ceil(g.note.bottom() + kMargin));
    return g;
}

Frame frameOf(const HeadsGridFigure& f) {
    return {static_cast<int>(f.rowLabels.size()), static_cast<int>(f.heads.size()), f.maxSide, f.tokenSide, f.rowLabels, f.title,
            f.note, f.rowTitle, f.colTitle, f.valueLabel};
}

// The largest weight of each pool × pool block of a rows × cols matrix, leaving out masked cells
// (a block masked throughout stays masked): a mean would hide a diagonal of 1s among k² cells.
void pool(const float* values, const QVector<bool>& masked, int rows, int cols, int k, QVector<float>& out, QVector<bool>& outMasked) {
    const int pr = (rows + k - 1) / k, pc = (cols + k - 1) / k;
    out = QVector<float>(static_cast<qsizetype>(pr) * pc, 0.f);
    outMasked = QVector<bool>(masked.isEmpty() ? 0 : out.size(), false);
    for (int bi = 0; bi < pr; ++bi)
        for (int bj = 0; bj < pc; ++bj) {
            float largest = 0;
            bool any = false;
            for (int i = bi * k; i < std::min(rows, (bi + 1) * k); ++i)
                for (int j = bj * k; j < std::min(cols, (bj + 1) * k); ++j) {
                    const qsizetype at = static_cast<qsizetype>(i) * cols + j;
                    if (!masked.isEmpty() && masked[at]) continue;
                    largest = any ? std::max(largest, values[at]) : values[at];
                    any = true;
                }
            const qsizetype b = static_cast<qsizetype>(bi) * pc + bj;
            out[b] = largest;
            if (!masked.isEmpty()) outMasked[b] = !any;
        }
}

}  // namespace

HeadsGridShape headsGridShape(const Trace& trace) {
    HeadsGridShape shape;
    for (const Stage* s : weightStages(trace)) ++shape.blocks, shape.heads = static_cast<int>(s->dim(0));
    return shape;
}

QVector<int> parseIndexList(const QString& text, int count, const QString& what, QString* error) {
    QVector<int> out;
    const QString t = text.trimmed();
    if (t.isEmpty() || t == QLatin1String("all")) return out;
    static const QRegularExpression item(QStringLiteral("^\\s*(\\d+)\\s*(?:-\\s*(\\d+)\\s*)?$"));
    for (const QString& part : t.split(',')) {
        const auto m = item.match(part);
        const int from = m.hasMatch() ? m.captured(1).toInt() : -1, to = m.hasMatch() && m.hasCaptured(2) ? m.captured(2).toInt() : from;
        if (!m.hasMatch() || to < from) {
            if (error) *error = HeadsGrid::tr("%1 '%2' is not a list such as 0,2-4").arg(what, text);
            return {};
        }
        if (to >= count) {
            if (error) *error = HeadsGrid::tr("%1 '%2' names %3, but there are only %4 (0 to %5)").arg(what, text).arg(to).arg(count).arg(count - 1);
            return {};
        }
        for (int v = from; v <= to; ++v)
            if (!out.contains(v)) out << v;
    }
    return out;
}

namespace {

// The blocks and heads a selection names, checked against the trace.
struct Chosen {
    std::vector<const Stage*> blocks;
    QVector<int> heads;
    int side = 1;  // the largest matrix side, in tokens
};

Chosen choose(const Trace& trace, const HeadsGridSelection& selection, QString* error) {
    const auto all = weightStages(trace);
    if (all.empty()) {
        if (error) *error = HeadsGrid::tr("this trace has no attention weights to draw");
        return {};
    }
    const int heads = static_cast<int>(all.front()->dim(0));
    Chosen c;
    for (int b : selection.blocks)
        if (b < 0 || b >= static_cast<int>(all.size())) {
            if (error) *error = HeadsGrid::tr("there is no layer %1: this model has %2").arg(b).arg(all.size());
            return {};
        }
    for (int h : selection.heads)
        if (h < 0 || h >= heads) {
            if (error) *error = HeadsGrid::tr("there is no head %1: this model has %2 a layer").arg(h).arg(heads);
            return {};
        }
    for (int b = 0; b < static_cast<int>(all.size()); ++b)
        if (selection.blocks.isEmpty() || selection.blocks.contains(b)) c.blocks.push_back(all[static_cast<size_t>(b)]);
    for (int h = 0; h < heads; ++h)
        if (selection.heads.isEmpty() || selection.heads.contains(h)) c.heads << h;
    for (const Stage* s : c.blocks) c.side = std::max<int>(c.side, static_cast<int>(std::max(s->dim(1), s->dim(2))));
    return c;
}

HeadsGridFigure outline(const Chosen& c, int pool) {
    HeadsGridFigure f;
    f.heads = c.heads;
    f.rowLabels = rowLabelsOf(c.blocks, &f.rowTitle);
    f.colTitle = HeadsGrid::tr("head");
    f.title = HeadsGrid::tr("Attention weights: every layer and head");
    f.valueLabel = HeadsGrid::tr("attention weight");
    f.pool = pool;
    f.maxSide = (c.side + pool - 1) / pool;
    f.tokenSide = c.side;
    const int tokens = c.blocks.empty() ? 0 : static_cast<int>(c.blocks.front()->dim(1));
    f.note = pool > 1 ? HeadsGrid::tr("%1 tokens; each cell is the largest of %2 × %2 weights").arg(tokens).arg(pool)
                      : HeadsGrid::tr("%1 tokens; rows are queries, columns keys").arg(tokens);
    return f;
}

}  // namespace

HeadsGridFigure headsGridFigure(const Trace& trace, const HeadsGridSelection& selection, int maxCellsPerSide, QString* error) {
    const Chosen c = choose(trace, selection, error);
    if (c.blocks.empty()) return {};
    const int budget = std::max(maxCellsPerSide, 1);
    HeadsGridFigure f = outline(c, (c.side + budget - 1) / budget);
    for (const Stage* s : c.blocks)
        for (int h : f.heads) {
            const HeatmapFigure one = stageFigure(trace, *s, h);
            QVector<float> values;
            QVector<bool> masked;
            pool(one.values.constData(), one.masked, one.rows, one.cols, f.pool, values, masked);
            f.panels << values;
            f.masked << masked;
            f.panelRows << (one.rows + f.pool - 1) / f.pool;
            f.panelCols << (one.cols + f.pool - 1) / f.pool;
        }
    return f;
}

double headsGridPanelPt(const Trace& trace, const HeadsGridSelection& selection, const FigureStyle& style) {
    const Chosen c = choose(trace, selection, nullptr);
    if (c.blocks.empty()) return 0;
    return geometryOf(frameOf(outline(c, 1)), style).panel;
}

QString headsGridProblem(const HeadsGridFigure& figure, const FigureStyle& style) { return geometryOf(frameOf(figure), style).problem; }

QSizeF headsGridSize(const HeadsGridFigure& figure, const FigureStyle& style) { return geometryOf(frameOf(figure), style).size; }

void drawHeadsGrid(FigureCanvas& canvas, const HeadsGridFigure& f, const FigureStyle& style) {
    const GridGeometry g = geometryOf(frameOf(f), style);
    const FigureFonts fonts(style.fontPt);
    const QFontMetricsF label = fonts.metrics(TextRole::Label), tick = fonts.metrics(TextRole::Tick),
                        title = fonts.metrics(TextRole::Title);
    auto baseline = [](const QFontMetricsF& m, double centreY) { return centreY + (m.ascent() - m.descent()) / 2; };
    const int columns = static_cast<int>(f.heads.size()), rows = static_cast<int>(f.rowLabels.size());

    canvas.beginGroup(QStringLiteral("titles"));
    if (!f.title.isEmpty())
        canvas.text(QPointF(g.title.left(), g.title.top() + title.ascent()), title.elidedText(f.title, Qt::ElideRight, g.title.width()),
                    TextRole::Title, Qt::AlignLeft, 0, kInk);
    canvas.text(QPointF(g.colTitle.center().x(), baseline(label, g.colTitle.center().y())), f.colTitle, TextRole::Label, Qt::AlignHCenter,
                0, kInk);
    const double gridHeight = rows * g.panel + (rows - 1) * kPanelGap;
    if (!f.rowTitle.isEmpty())
        canvas.text(QPointF(kMargin + label.ascent(), g.top + gridHeight / 2), f.rowTitle, TextRole::Label, Qt::AlignHCenter, -90, kInk);
    canvas.endGroup();

    // Head numbers above the columns, layer numbers left of the rows; every n-th when they would touch.
    canvas.beginGroup(QStringLiteral("numbers"));
    double widest = 0;
    for (int h : f.heads) widest = std::max(widest, tick.horizontalAdvance(QString::number(h)));
    const int everyColumn = static_cast<int>(std::max(1.0, std::ceil((widest + 2) / (g.panel + kPanelGap))));
    for (int c = 0; c < columns; c += everyColumn)
        canvas.text(QPointF(g.x(c) + g.panel / 2, g.top - 2 - tick.descent()), QString::number(f.heads[c]), TextRole::Tick, Qt::AlignHCenter,
                    0, kInk);
    const int everyRow = static_cast<int>(std::max(1.0, std::ceil((tick.height() + 1) / (g.panel + kPanelGap))));
    for (int r = 0; r < rows; r += everyRow)
        canvas.text(QPointF(g.left - kGap / 2, baseline(tick, g.y(r) + g.panel / 2)), f.rowLabels[r], TextRole::Tick, Qt::AlignRight, 0, kInk);
    canvas.endGroup();

    const QCPRange range(0, 1);
    QCPColorGradient gradient = gradientFor(style.colorMap);  // color() is not const
    const double overlap = std::min(0.5, g.cell / 4);
    canvas.beginGroup(QStringLiteral("cells"));
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < columns; ++c) {
            const int k = r * columns + c;
            const int pr = f.panelRows[k], pc = f.panelCols[k];
            for (int i = 0; i < pr; ++i)
                for (int j = 0; j < pc; ++j) {
                    const qsizetype at = static_cast<qsizetype>(i) * pc + j;
                    const float v = f.panels[k][at];
                    const bool hidden = !f.masked[k].isEmpty() && f.masked[k][at];
                    const QColor color = hidden || !std::isfinite(v) ? kMasked : QColor(gradient.color(v, range));
                    const double w = g.cell + (j + 1 < pc ? overlap : 0), h = g.cell + (i + 1 < pr ? overlap : 0);
                    canvas.rect(QRectF(g.x(c) + j * g.cell, g.y(r) + i * g.cell, w, h), color);
                }
        }
    canvas.endGroup();

    canvas.beginGroup(QStringLiteral("colorbar"));
    QVector<std::pair<double, QColor>> stops;
    for (int k = 0; k <= 16; ++k) stops.push_back({k / 16.0, QColor(gradient.color(k / 16.0, range))});
    canvas.gradientRect(g.bar, stops);
    for (double t : g.ticks) {
        const double y = g.bar.bottom() - g.bar.height() * t;
        canvas.line(QPointF(g.bar.right(), y), QPointF(g.bar.right() + 2, y), kInk, 0.5);
        canvas.text(QPointF(g.bar.right() + 3, baseline(tick, y)), figureNumber(t), TextRole::Tick, Qt::AlignLeft, 0, kInk);
    }
    canvas.text(QPointF(g.barLabel.left() + label.descent(), g.barLabel.center().y()), f.valueLabel, TextRole::Label, Qt::AlignHCenter, 90,
                kInk);
    canvas.endGroup();
    if (!f.note.isEmpty()) {
        canvas.beginGroup(QStringLiteral("note"));
        for (int k = 0; k < g.noteLines.size(); ++k)
            canvas.text(QPointF(g.note.left(), g.note.top() + k * tick.height() + tick.ascent()), g.noteLines[k], TextRole::Tick,
                        Qt::AlignLeft, 0, kInk);
        canvas.endGroup();
    }
}

}  // namespace attn::ui
