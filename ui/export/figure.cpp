#include "export/figure.h"

#include "controller/pipeline_model.h"
#include "views/stage_matrix.h"

#include <qcustomplot.h>

#include <QCoreApplication>
#include <QLocale>
#include <cmath>

namespace attn::ui {
namespace {

constexpr double kMargin = 6, kGap = 4, kBarWidth = 8, kBarGap = 8, kGridGap = 14, kMaxCell = 24;
const QColor kInk(20, 20, 20), kMasked(190, 190, 190);

QCPRange rangeOf(const HeatmapFigure& f) {
    const auto [lower, upper] = valueRange(f.values.constData(), f.values.size(), f.scale);
    return {lower, upper};
}

}  // namespace

// Round numbers inside the range (QCustomPlot's ticker picks 1, 2, 2.5, 5 × 10^k steps).
QVector<double> figureTicks(double lower, double upper, int count) {
    const QCPRange range(lower, upper);
    QCPAxisTicker ticker;
    ticker.setTickCount(std::max(1, count - 1));
    QVector<double> generated, ticks;
    ticker.generate(range, QLocale::c(), 'g', 6, generated, nullptr, nullptr);
    const double step = generated.size() > 1 ? generated[1] - generated[0] : range.size();
    for (double t : generated) {
        if (std::abs(t) < step * 1e-9) t = 0;  // not 1.4e-17
        if (t >= range.lower - step * 1e-9 && t <= range.upper + step * 1e-9) ticks << t;
    }
    return ticks;
}

namespace {

QVector<double> niceTicks(const QCPRange& range, int count) { return figureTicks(range.lower, range.upper, count); }

// Every rectangle of one figure, from its top-left corner.
struct Layout {
    double cell = 0, labelShrink = 1;
    int labelEvery = 1;
    bool rotateColumns = false, showValues = false;
    QRectF title, colTitle, colLabels, rowTitle, rowLabels, matrix, bar, barLabel, legend;
    QVector<double> ticks;
    QStringList titleLines;
    QSizeF size;
    QString problem;  // non-empty: the width asked for cannot hold the figure
};

bool isMasked(const HeatmapFigure& f, qsizetype k) { return !f.masked.isEmpty() && f.masked[k]; }

QString maskedText() { return QCoreApplication::translate("Figure", "masked"); }

double widestValue(const HeatmapFigure& f, const FigureFonts& fonts) {
    if (f.values.size() > 4096) return 1e9;  // never legible: do not measure a million numbers
    const QFontMetricsF m = fonts.metrics(TextRole::Value);
    double widest = 0;
    for (qsizetype k = 0; k < f.values.size(); ++k)
        if (!isMasked(f, k)) widest = std::max(widest, m.horizontalAdvance(formatCellValue(f.values[k])));
    return widest;
}

Layout layoutOf(const HeatmapFigure& f, const FigureStyle& style) {
    const FigureFonts fonts(style.fontPt);
    const QFontMetricsF label = fonts.metrics(TextRole::Label), tick = fonts.metrics(TextRole::Tick),
                        title = fonts.metrics(TextRole::Title), value = fonts.metrics(TextRole::Value);
    Layout l;
    const bool labelled = style.labels != LabelMode::None;
    double rowLabelWidth = 0, colLabelWidth = 0;
    if (labelled) {
        for (const QString& s : f.rowLabels) rowLabelWidth = std::max(rowLabelWidth, label.horizontalAdvance(s));
        for (const QString& s : f.colLabels) colLabelWidth = std::max(colLabelWidth, label.horizontalAdvance(s));
    }
    const QCPRange range = rangeOf(f);
    double tickWidth = 0;
    for (int count : {2, 3, 4, 5, 6})
        for (double t : niceTicks(range, count)) tickWidth = std::max(tickWidth, tick.horizontalAdvance(figureNumber(t)));

    const double left = kMargin + (f.rowTitle.isEmpty() ? 0 : label.height() + kGap) + rowLabelWidth + (labelled ? kGap : 0);
    const double right = kBarGap + kBarWidth + 3 + tickWidth + kGap + label.height() + kMargin;
    const int cols = std::max(f.cols, 1), rows = std::max(f.rows, 1);
    // Whole points: Qt writes a PDF's page size in whole points, and all three formats share one size.
    const double target = std::round(style.widthPt);
    if (style.widthPt > 0) {
        l.cell = (target - left - right) / cols;
        if (l.cell <= 0)
            l.problem = QCoreApplication::translate("Figure", "%1 pt is too narrow for this figure: its labels and colour bar alone take %2 pt")
                            .arg(figureNumber(style.widthPt), figureNumber(left + right));
    } else {
        l.cell = std::clamp(300.0 / std::max(rows, cols), 0.25, kMaxCell);
    }
    l.cell = std::max(l.cell, 0.01);

    // Token labels: all of them (smaller when they must), every n-th, or none.
    if (style.labels == LabelMode::All) l.labelShrink = std::min(1.0, std::max(0.3, l.cell / label.height()));
    else if (style.labels == LabelMode::Auto) l.labelEvery = static_cast<int>(std::max(1.0, std::ceil((label.height() + 1) / l.cell)));
    const double colWidth = colLabelWidth * l.labelShrink;
    l.rotateColumns = labelled && colWidth > l.cell * l.labelEvery - 2;
    const double labelHeight = label.height() * l.labelShrink;
    const double colLabelHeight = !labelled ? 0 : l.rotateColumns ? colWidth * 0.87 + labelHeight * 0.5 : labelHeight;
    l.showValues = style.showValues && l.cell >= widestValue(f, fonts) + 2 && l.cell >= value.height() + 1;

    double y = kMargin;
    l.title = QRectF(kMargin, y, 0, f.title.isEmpty() ? 0 : title.height());
    y += l.title.height() + (f.title.isEmpty() ? 0 : kGap);
    l.colTitle = QRectF(left, y, cols * l.cell, f.colTitle.isEmpty() ? 0 : label.height());
    y += l.colTitle.height() + (f.colTitle.isEmpty() ? 0 : kGap / 2);
    l.colLabels = QRectF(left, y, cols * l.cell, colLabelHeight);
    y += colLabelHeight + (labelled ? kGap / 2 : 0);
    l.matrix = QRectF(left, y, f.cols * l.cell, f.rows * l.cell);
    l.rowLabels = QRectF(left - kGap - rowLabelWidth, y, rowLabelWidth, l.matrix.height());
    l.rowTitle = QRectF(kMargin, y, f.rowTitle.isEmpty() ? 0 : label.height(), l.matrix.height());
    l.bar = QRectF(l.matrix.right() + kBarGap, y, kBarWidth, l.matrix.height());  // as tall as the matrix
    l.ticks = niceTicks(range, std::clamp(static_cast<int>(l.bar.height() / (tick.height() * 1.6)) + 1, 2, 6));
    const double barLabelLength = label.horizontalAdvance(f.valueLabel);
    l.barLabel = QRectF(l.bar.right() + 3 + tickWidth + kGap, l.bar.center().y() - barLabelLength / 2, label.height(), barLabelLength);

    // "masked" under the colour bar, with a grey swatch, when a mask hides cells.
    if (!f.masked.isEmpty())
        l.legend = QRectF(l.bar.left(), l.matrix.bottom() + kGap, kBarWidth + 3 + label.horizontalAdvance(maskedText()), label.height());
    const double natural = std::max({l.barLabel.right() + kMargin, l.legend.right() + kMargin, kMargin + title.horizontalAdvance(f.title) + kMargin});
    const double width = style.widthPt > 0 ? target : std::ceil(natural);
    // A title too long for the width asked for breaks between its parts ("Encoder layer 0 ·
    // head 1 · …"), then each line is elided if it must be.
    const double room = width - 2 * kMargin;
    const QString separator = QStringLiteral(" · ");
    l.titleLines.clear();
    for (const QString& part : f.title.split(separator)) {
        if (!l.titleLines.isEmpty() && title.horizontalAdvance(l.titleLines.back() + separator + part) <= room)
            l.titleLines.back() += separator + part;
        else
            l.titleLines << part;
    }
    for (QString& line : l.titleLines) line = title.elidedText(line, Qt::ElideRight, room);
    const double extraLines = (l.titleLines.size() - 1) * title.height();
    for (QRectF* below : {&l.colTitle, &l.colLabels, &l.matrix, &l.rowLabels, &l.rowTitle, &l.bar, &l.barLabel, &l.legend})
        below->translate(0, extraLines);
    l.title.setHeight(l.title.height() + extraLines);
    l.title.setWidth(room);
    const double height = std::max({l.matrix.bottom(), l.barLabel.bottom(), l.legend.bottom()}) + kMargin;
    l.size = QSizeF(width, std::ceil(height));
    return l;
}

}  // namespace

double parseLength(const QString& text, QString* error) {
    static const QList<std::pair<QString, double>> units = {
        {QStringLiteral("in"), 72.0}, {QStringLiteral("cm"), 72.0 / 2.54}, {QStringLiteral("mm"), 72.0 / 25.4}, {QStringLiteral("pt"), 1.0}};
    const QString t = text.trimmed().toLower();
    double factor = 1.0;
    QString number = t;
    for (const auto& [unit, points] : units)
        if (t.endsWith(unit)) {
            factor = points;
            number = t.chopped(unit.size()).trimmed();
        }
    bool ok = false;
    const double v = number.toDouble(&ok);
    if (!ok || !(v > 0) || v * factor > 14400) {
        if (error)
            *error = QCoreApplication::translate("Figure", "the width '%1' is not a length: give a positive number with in, cm, mm or pt, "
                                                           "e.g. 3.3in (one column) or 7in (full width)")
                         .arg(text);
        return 0;
    }
    return v * factor;
}

std::optional<LabelMode> labelModeFromName(const QString& name) {
    if (name == QLatin1String("auto")) return LabelMode::Auto;
    if (name == QLatin1String("all")) return LabelMode::All;
    if (name == QLatin1String("none")) return LabelMode::None;
    return std::nullopt;
}

QString figureNumber(double v, int significant) {
    if (std::isinf(v)) return v < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
    QString s = QString::number(v, 'g', significant);
    if (s == QLatin1String("-0")) s = QStringLiteral("0");
    return s.replace('-', QChar(0x2212));
}

HeatmapFigure stageFigure(const Trace& trace, const Stage& stage, int head) {
    const StageMatrix m = stageMatrix(trace, stage, head);
    HeatmapFigure f;
    f.title = figureTitleFor(stage, head);
    f.values = QVector<float>(m.data, m.data + static_cast<qsizetype>(m.rows) * m.cols);
    f.rows = m.rows;
    f.cols = m.cols;
    f.rowLabels = m.rowLabels;
    f.colLabels = m.colLabels;
    f.rowTitle = m.rowTitle;
    f.colTitle = m.colTitle;
    f.valueLabel = valueLabelFor(stage);
    f.scale = valueScaleFor(stage, m.data, m.rows * m.cols);
    // Masked cells: −∞ in the mask and the masked scores; for the weights, where the block's
    // masked scores are −∞ (their weight is an exact 0 that means "not allowed", not "ignored").
    const Stage* mask = stage.kind == StageKind::AttentionWeights ? trace.find(StageKind::MaskedScores, stage.at) : &stage;
    if (mask && (mask->kind == StageKind::MaskedScores || mask->kind == StageKind::Mask)) {
        const StageMatrix mm = stageMatrix(trace, *mask, head);
        if (mm.rows == m.rows && mm.cols == m.cols) {
            f.masked.resize(f.values.size());
            for (qsizetype k = 0; k < f.values.size(); ++k) f.masked[k] = std::isinf(mm.data[k]) && mm.data[k] < 0;
            if (!f.masked.contains(true)) f.masked.clear();
        }
    }
    return f;
}

QString figureProblem(const HeatmapFigure& figure, const FigureStyle& style) { return layoutOf(figure, style).problem; }

QSizeF figureSize(const HeatmapFigure& figure, const FigureStyle& style) { return layoutOf(figure, style).size; }

void drawFigure(FigureCanvas& canvas, const HeatmapFigure& f, const FigureStyle& style, QPointF at) {
    const Layout l = layoutOf(f, style);
    const FigureFonts fonts(style.fontPt);
    const QFontMetricsF label = fonts.metrics(TextRole::Label), labelSmall = fonts.metrics(TextRole::Label, l.labelShrink);
    auto baseline = [](const QFontMetricsF& m, double centreY) { return centreY + (m.ascent() - m.descent()) / 2; };
    const QPointF o = at;

    canvas.beginGroup(QStringLiteral("titles"));
    const QFontMetricsF title = fonts.metrics(TextRole::Title);
    if (!f.title.isEmpty())
        for (int k = 0; k < l.titleLines.size(); ++k)
            canvas.text(o + QPointF(l.title.left(), l.title.top() + k * title.height() + title.ascent()), l.titleLines[k],
                        TextRole::Title, Qt::AlignLeft, 0, kInk);
    if (!f.colTitle.isEmpty())
        canvas.text(o + QPointF(l.colTitle.center().x(), baseline(label, l.colTitle.center().y())), f.colTitle, TextRole::Label,
                    Qt::AlignHCenter, 0, kInk);
    if (!f.rowTitle.isEmpty())
        canvas.text(o + QPointF(baseline(label, l.rowTitle.center().x()), l.rowTitle.center().y()), f.rowTitle, TextRole::Label,
                    Qt::AlignHCenter, -90, kInk);
    canvas.endGroup();

    if (style.labels != LabelMode::None) {
        canvas.beginGroup(QStringLiteral("tokens"));
        for (int i = 0; i < f.rows; i += l.labelEvery)
            canvas.text(o + QPointF(l.rowLabels.right(), baseline(labelSmall, l.matrix.top() + (i + 0.5) * l.cell)), f.rowLabels.value(i),
                        TextRole::Label, Qt::AlignRight, 0, kInk, l.labelShrink);
        for (int j = 0; j < f.cols; j += l.labelEvery) {
            const double x = l.matrix.left() + (j + 0.5) * l.cell;
            if (l.rotateColumns)
                canvas.text(o + QPointF(x + labelSmall.ascent() * 0.3, l.colLabels.bottom()), f.colLabels.value(j), TextRole::Label,
                            Qt::AlignLeft, -60, kInk, l.labelShrink);
            else
                canvas.text(o + QPointF(x, l.colLabels.bottom() - labelSmall.descent()), f.colLabels.value(j), TextRole::Label,
                            Qt::AlignHCenter, 0, kInk, l.labelShrink);
        }
        canvas.endGroup();
    }

    // One rectangle per cell, each reaching under its right and lower neighbours (drawn after
    // it), so no renderer leaves a hairline between them; masked (−∞) cells grey.
    const QCPRange range = rangeOf(f);
    QCPColorGradient gradient = gradientFor(f.scale == ValueScale::Diverging ? ColorMap::Diverging : style.colorMap);
    auto colorOf = [&](float v) { return std::isfinite(v) ? QColor(gradient.color(v, range)) : kMasked; };
    const double overlap = std::min(0.5, l.cell / 4);
    canvas.beginGroup(QStringLiteral("cells"));
    for (int i = 0; i < f.rows; ++i)
        for (int j = 0; j < f.cols; ++j) {
            const double x = l.matrix.left() + j * l.cell, y = l.matrix.top() + i * l.cell;
            const double w = l.cell + (j + 1 < f.cols ? overlap : 0), h = l.cell + (i + 1 < f.rows ? overlap : 0);
            const qsizetype k = static_cast<qsizetype>(i) * f.cols + j;
            canvas.rect(QRectF(o + QPointF(x, y), QSizeF(w, h)), isMasked(f, k) ? kMasked : colorOf(f.values[k]));
        }
    canvas.endGroup();
    if (l.showValues) {
        const QFontMetricsF value = fonts.metrics(TextRole::Value);
        canvas.beginGroup(QStringLiteral("values"));
        for (int i = 0; i < f.rows; ++i)
            for (int j = 0; j < f.cols; ++j) {
                const qsizetype k = static_cast<qsizetype>(i) * f.cols + j;
                if (isMasked(f, k)) continue;  // grey, no number: not allowed, rather than 0.00
                const float v = f.values[k];
                const QColor c = colorOf(v);
                canvas.text(o + QPointF(l.matrix.left() + (j + 0.5) * l.cell, baseline(value, l.matrix.top() + (i + 0.5) * l.cell)),
                            formatCellValue(v), TextRole::Value, Qt::AlignHCenter, 0, darkColor(c.rgb()) ? Qt::white : Qt::black);
            }
        canvas.endGroup();
    }
    canvas.beginGroup(QStringLiteral("frame"));
    const QRectF m = l.matrix.translated(o);
    canvas.line(m.topLeft(), m.topRight(), kInk, 0.5);
    canvas.line(m.topRight(), m.bottomRight(), kInk, 0.5);
    canvas.line(m.bottomRight(), m.bottomLeft(), kInk, 0.5);
    canvas.line(m.bottomLeft(), m.topLeft(), kInk, 0.5);
    canvas.endGroup();

    // Colour bar: the gradient, round ticks and the quantity's name.
    canvas.beginGroup(QStringLiteral("colorbar"));
    QVector<std::pair<double, QColor>> stops;
    for (int k = 0; k <= 16; ++k) stops.push_back({k / 16.0, QColor(gradient.color(range.lower + range.size() * k / 16.0, range))});
    const QRectF bar = l.bar.translated(o);
    canvas.gradientRect(bar, stops);
    const QFontMetricsF tick = fonts.metrics(TextRole::Tick);
    for (double t : l.ticks) {
        const double y = bar.bottom() - bar.height() * (range.size() > 0 ? (t - range.lower) / range.size() : 0.5);
        canvas.line(QPointF(bar.right(), y), QPointF(bar.right() + 2, y), kInk, 0.5);
        canvas.text(QPointF(bar.right() + 3, baseline(tick, y)), figureNumber(t), TextRole::Tick, Qt::AlignLeft, 0, kInk);
    }
    canvas.text(o + QPointF(l.barLabel.left() + label.descent(), l.barLabel.center().y()), f.valueLabel, TextRole::Label,
                Qt::AlignHCenter, 90, kInk);
    canvas.endGroup();
    if (!l.legend.isEmpty()) {
        canvas.beginGroup(QStringLiteral("legend"));
        const QRectF swatch(o + l.legend.topLeft() + QPointF(0, (label.height() - kBarWidth) / 2), QSizeF(kBarWidth, kBarWidth));
        canvas.rect(swatch, kMasked);
        canvas.text(QPointF(swatch.right() + 3, baseline(label, swatch.center().y())), maskedText(), TextRole::Label, Qt::AlignLeft, 0, kInk);
        canvas.endGroup();
    }
}

namespace {

struct GridLayout {
    FigureStyle inner;  // each figure's style (its share of the width)
    double cellWidth = 0, cellHeight = 0, titleHeight = 0;
    QSizeF size;
};

GridLayout gridLayoutOf(const QVector<HeatmapFigure>& figures, int columns, const FigureStyle& style) {
    GridLayout g;
    columns = std::max(columns, 1);
    g.inner = style;
    g.inner.transparent = true;  // the grid's background shows through
    const double target = std::round(style.widthPt);
    if (style.widthPt > 0)  // at least 1 pt: 0 or less would read as the natural size, and overflow
        g.inner.widthPt = std::max(1.0, std::floor((target - 2 * kMargin - (columns - 1) * kGridGap) / columns));
    for (const auto& f : figures) {
        const QSizeF s = figureSize(f, g.inner);
        g.cellWidth = std::max(g.cellWidth, s.width());
        g.cellHeight = std::max(g.cellHeight, s.height());
    }
    const int rows = (static_cast<int>(figures.size()) + columns - 1) / columns;
    g.titleHeight = FigureFonts(style.fontPt).metrics(TextRole::Title).height() * 1.2;
    g.size = QSizeF(style.widthPt > 0 ? target : std::ceil(columns * g.cellWidth + (columns - 1) * kGridGap + 2 * kMargin),
                    std::ceil(g.titleHeight + kGap + rows * g.cellHeight + (rows - 1) * kGridGap + 2 * kMargin));
    return g;
}

}  // namespace

QString gridProblem(const QVector<HeatmapFigure>& figures, int columns, const FigureStyle& style) {
    const GridLayout g = gridLayoutOf(figures, columns, style);
    for (const auto& f : figures)
        if (QString p = figureProblem(f, g.inner); !p.isEmpty()) return p;
    return {};
}

QSizeF gridSize(const QVector<HeatmapFigure>& figures, int columns, const QString&, const FigureStyle& style) {
    return gridLayoutOf(figures, columns, style).size;
}

void drawGrid(FigureCanvas& canvas, const QVector<HeatmapFigure>& figures, int columns, const QString& title,
              const FigureStyle& style) {
    columns = std::max(columns, 1);
    const GridLayout g = gridLayoutOf(figures, columns, style);
    const FigureFonts fonts(style.fontPt);
    const QFontMetricsF t = fonts.metrics(TextRole::Title);
    canvas.text(QPointF(kMargin, kMargin + t.ascent()), t.elidedText(title, Qt::ElideRight, g.size.width() - 2 * kMargin),
                TextRole::Title, Qt::AlignLeft, 0, kInk);
    for (int k = 0; k < figures.size(); ++k) {
        const double x = kMargin + (k % columns) * (g.cellWidth + kGridGap);
        const double y = kMargin + g.titleHeight + kGap + (k / columns) * (g.cellHeight + kGridGap);
        canvas.beginGroup(QStringLiteral("figure%1").arg(k + 1));
        drawFigure(canvas, figures[k], g.inner, QPointF(x, y));
        canvas.endGroup();
    }
}

}  // namespace attn::ui
