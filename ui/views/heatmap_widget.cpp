#include "views/heatmap_widget.h"

#include "views/plot_style.h"

#include <qcustomplot.h>

#include <QCursor>
#include <QDoubleValidator>
#include <QLineEdit>
#include <QResizeEvent>
#include <QShortcut>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

namespace attn::ui {

bool darkColor(QRgb c) { return 0.299 * qRed(c) + 0.587 * qGreen(c) + 0.114 * qBlue(c) < 140; }

QString formatCellValue(float v) {
    if (std::isinf(v)) return v < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
    const float a = std::abs(v);
    QString s = QString::number(v, 'f', a >= 100 ? 0 : a >= 10 ? 1 : 2);
    if (s == QLatin1String("-0.00")) s = QStringLiteral("0.00");
    return s.replace('-', QChar(0x2212));  // the minus sign, as in −∞
}

std::pair<double, double> valueRange(const float* data, qsizetype count, ValueScale scale) {
    if (scale == ValueScale::Probability) return {0.0, 1.0};
    float lo = 0, hi = 0;
    bool any = false;
    for (qsizetype k = 0; k < count; ++k)
        if (std::isfinite(data[k])) {
            lo = any ? std::min(lo, data[k]) : data[k];
            hi = any ? std::max(hi, data[k]) : data[k];
            any = true;
        }
    // A constant matrix (a mask of zeros, "no difference") gets a readable unit range, not ±1e-6.
    if (scale == ValueScale::Diverging) {
        const double m = std::max(std::abs(lo), std::abs(hi));
        return m > 0 ? std::pair{-m, m} : std::pair{-1.0, 1.0};
    }
    return {lo, hi > lo ? hi : lo + 1.0};
}

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    setMinimumSize(120, 100);

    m_map = new QCPColorMap(m_plot->xAxis2, m_plot->yAxis);
    m_map->setInterpolate(false);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setRangeDrag(false);  // the wheel and drags zoom the matrix, never the colour scale
    m_scale->setRangeZoom(false);

    // Columns (keys) labelled on top, rows (queries) on the left, row 0 at the top.
    m_plot->xAxis->setVisible(false);
    m_plot->xAxis2->setVisible(true);
    m_plot->yAxis->setRangeReversed(true);
    for (QCPAxis* axis : {m_plot->xAxis2, m_plot->yAxis}) {
        axis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 3);
    }
    // The wheel zooms, a drag pans: what a 1024 × 1024 matrix needs to be read token by token.
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDragAxes(m_plot->xAxis2, m_plot->yAxis);
    m_plot->axisRect()->setRangeZoomAxes(m_plot->xAxis2, m_plot->yAxis);
    m_plot->axisRect()->setRangeZoomFactor(0.8);
    connect(m_plot->xAxis2, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &HeatmapWidget::onRangeChanged);
    connect(m_plot->yAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, &HeatmapWidget::onRangeChanged);
    m_fit = new QToolButton(m_plot);
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Show the whole matrix again (the wheel zooms, a drag pans)"));
    m_fit->hide();
    connect(m_fit, &QToolButton::clicked, this, &HeatmapWidget::fitAll);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);  // leaving the plot ends the hover
    connect(m_plot, &QCustomPlot::mouseMove, this, &HeatmapWidget::onMouseMove);
    // The axis rect's size is only known after layout (a new zoom, full screen): when
    // that changes whether values fit, write or drop them and draw again.
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (m_framed) placeFrame();
        if (valuesFitAt() != m_valuesZoom)
            QMetaObject::invokeMethod(this, [this] {
                rebuildValueLabels();
                m_plot->replot(QCustomPlot::rpQueuedReplot);
            }, Qt::QueuedConnection);
    });
    connect(m_plot, &QCustomPlot::mousePress, this, &HeatmapWidget::onMousePress);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, &HeatmapWidget::onDoubleClick);

    m_editor = new QLineEdit(m_plot);
    m_editor->hide();
    m_editor->setAlignment(Qt::AlignCenter);
    m_editor->setToolTip(tr("Type a number and press Enter; Esc cancels"));
    connect(m_editor, &QLineEdit::returnPressed, this, &HeatmapWidget::commitEdit);
    new QShortcut(QKeySequence(Qt::Key_Escape), m_editor, m_editor, &QWidget::hide, Qt::WidgetShortcut);
    connect(m_editor, &QLineEdit::editingFinished, m_editor, [this] {
        if (!m_editor->hasFocus()) m_editor->hide();
    });
    applyGradient();
    applyFonts();
    applyPlotPalette(m_plot, palette());
}

void HeatmapWidget::setMatrix(const float* data, int rows, int cols, const QStringList& rowLabels,
                              const QStringList& colLabels, ValueScale scale) {
    m_rows = rows;
    m_cols = cols;
    if (m_compact) applyCompactMargins();
    m_valueScale = scale;
    m_values = QVector<float>(data, data + static_cast<qsizetype>(rows) * cols);
    m_editor->hide();

    auto* cells = m_map->data();
    cells->setSize(cols, rows);
    cells->setRange(QCPRange(0, std::max(cols - 1, 1)), QCPRange(0, std::max(rows - 1, 1)));
    for (int i = 0; i < rows; ++i)
        for (int j = 0; j < cols; ++j) {
            const float v = m_values[i * cols + j];
            cells->setCell(j, i, std::isfinite(v) ? v : std::numeric_limits<double>::quiet_NaN());
        }
    // A single row or column: QCustomPlot needs a non-empty range, so widen by half a cell.
    if (cols == 1) cells->setKeyRange(QCPRange(-0.5, 0.5));
    if (rows == 1) cells->setValueRange(QCPRange(-0.5, 0.5));
    if (cols == 1) cells->setKeySize(1);

    const auto [lower, upper] = valueRange(m_values.constData(), m_values.size(), scale);
    m_map->setDataRange(QCPRange(lower, upper));
    applyGradient();

    m_rowLabels = rowLabels;
    m_colLabels = colLabels;
    // Another head or step of a matrix of the same shape keeps the zoomed window; a new shape shows it all.
    const bool sameShape = rows == m_zoomRows && cols == m_zoomCols;
    m_zoomRows = rows;
    m_zoomCols = cols;
    m_settingUp = true;
    if (!sameShape) {
        m_plot->xAxis2->setRange(-0.5, cols - 0.5);
        m_plot->yAxis->setRange(-0.5, rows - 0.5);
    }
    m_plot->yAxis->setRangeReversed(true);
    m_settingUp = false;
    m_fit->setVisible(isZoomed() && !m_compact);
    applyTickLabels();
    rebuildValueLabels();
    rebuildHighlight();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    // The pointer may rest on the heatmap while the stage changes under it (↓, a new example):
    // what it hovers now is a cell of the new matrix, or none.
    if (m_plot->underMouse()) hover(m_plot->mapFromGlobal(QCursor::pos()), true);
    else if (m_hoverRow >= 0) hover(QPoint(-1, -1), false);
}

void HeatmapWidget::setAxisTitles(const QString& rows, const QString& cols) {
    m_plot->yAxis->setLabel(rows);
    m_plot->xAxis2->setLabel(cols);
}

void HeatmapWidget::setValueLabel(const QString& label) { m_scale->axis()->setLabel(label); }

void HeatmapWidget::setSequentialColorMap(ColorMap map) {
    m_sequential = map;
    applyGradient();
    rebuildValueLabels();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

ColorMap HeatmapWidget::currentColorMap() const {
    return m_valueScale == ValueScale::Diverging ? ColorMap::Diverging : m_sequential;
}

void HeatmapWidget::applyGradient() { m_map->setGradient(gradientFor(currentColorMap())); }

void HeatmapWidget::setHighlight(const HeatmapHighlight& highlight) {
    m_highlight = highlight;
    rebuildHighlight();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapWidget::setShowValues(bool show) {
    m_showValues = show;
    rebuildValueLabels();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapWidget::setFontScale(double scale) {
    m_fontScale = scale;
    applyFonts();
    applyTickLabels();
    rebuildValueLabels();
    rebuildHighlight();  // outlines thicken with the zoom, for the back of the room
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapWidget::setEditable(bool editable) { m_editable = editable; }

void HeatmapWidget::setScaleShown(bool shown) {
    if (shown == m_scaleShown || m_compact) return;
    m_scaleShown = shown;
    if (shown) m_plot->plotLayout()->addElement(0, 1, m_scale);
    else m_plot->plotLayout()->take(m_scale);
    m_scale->setVisible(shown);
    m_plot->plotLayout()->simplify();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapWidget::setCompact(bool compact) {
    m_compact = compact;
    m_scale->setVisible(!compact);
    if (compact) m_plot->plotLayout()->take(m_scale);
    m_plot->setInteractions(compact ? QCP::Interactions() : QCP::iRangeDrag | QCP::iRangeZoom);  // thumbnails are clicked, not zoomed
    m_plot->xAxis2->setTickLabels(!compact);
    m_plot->yAxis->setTickLabels(!compact);
    m_plot->xAxis2->setTicks(!compact);
    m_plot->yAxis->setTicks(!compact);
    m_plot->plotLayout()->simplify();
    m_plot->axisRect()->setAutoMargins(compact ? QCP::msNone : QCP::msAll);
    if (compact) applyCompactMargins();
    rebuildValueLabels();
}

// A thumbnail keeps its cells square: the matrix is centred in the widget, the rest left as margin
// (an 8 × 8 head in a tall grid cell was once drawn 100 × 365 px).
void HeatmapWidget::applyCompactMargins() {
    const int pad = m_framed ? 5 : 1;
    int dx = 0, dy = 0;
    if (m_rows > 0 && m_cols > 0) {
        const double w = std::max(0, m_plot->width() - 2 * pad), h = std::max(0, m_plot->height() - 2 * pad);
        const double cell = std::min(w / m_cols, h / m_rows);
        dx = static_cast<int>((w - cell * m_cols) / 2);
        dy = static_cast<int>((h - cell * m_rows) / 2);
    }
    m_plot->axisRect()->setMargins(QMargins(pad + dx, pad + dy, pad + dx, pad + dy));
}

void HeatmapWidget::setFramed(bool framed) {
    m_framed = framed;
    m_plot->setBackground(QBrush(palette().color(QPalette::Base)));
    if (m_compact) applyCompactMargins();
    placeFrame();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// The orange frame hugs the matrix, not the widget: a thumbnail in a tall grid cell once showed
// a tall orange bar with a small matrix in it.
void HeatmapWidget::placeFrame() {
    if (!m_frame) {
        m_frame = new QWidget(m_plot);
        m_frame->setAttribute(Qt::WA_TransparentForMouseEvents);
        m_frame->setStyleSheet(QStringLiteral("border: 4px solid rgb(255, 140, 0); background: transparent;"));
    }
    m_frame->setVisible(m_framed);
    if (m_framed) {
        m_frame->setGeometry(m_plot->axisRect()->rect().adjusted(-4, -4, 4, 4));
        m_frame->raise();
    }
}

void HeatmapWidget::applyFonts() {
    QFont base = font();
    base.setPointSizeF(base.pointSizeF() * m_fontScale);
    for (QCPAxis* axis : {m_plot->xAxis2, m_plot->yAxis, m_scale->axis()}) {
        axis->setTickLabelFont(base);
        axis->setLabelFont(base);
    }
    m_editor->setFont(base);
    // The colour bar's lowest tick ("0") is centred on the bar's bottom edge: half of it hangs below,
    // where the plot ends (it was cut at 1080p). The margin group gives the matrix the same bottom.
    m_scale->setMinimumMargins(QMargins(0, 0, 0, QFontMetrics(base).height() / 2 + 2));
}

QRect HeatmapWidget::matrixRect() const { return m_plot->axisRect()->rect().translated(m_plot->pos()); }

void HeatmapWidget::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (m_compact) applyCompactMargins();
    applyTickLabels();
    rebuildValueLabels();
}

void HeatmapWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPlotPalette(m_plot, palette());
        setFramed(m_framed);
    }
}

// The zooms a label or value may be drawn at, largest first: the window's zoom, then smaller
// steps down to normal size, so zooming in never drops what fitted before (the review's 720p case).
static QVector<double> zoomsDownToNormal(double zoom) {
    QVector<double> out{zoom};
    while (out.back() > 1.0 + 1e-9) out << std::max(1.0, out.back() / 1.15);
    return out;
}

void HeatmapWidget::applyTickLabels() {
    const QRect area = m_plot->axisRect()->rect().isValid() && m_plot->axisRect()->rect().height() > 10
                           ? m_plot->axisRect()->rect()
                           : QRect(0, 0, std::max(width() - 150, 50), std::max(height() - 100, 50));
    const QRect visible = visibleCells();
    bool longLabels = m_cols > 8;
    for (const QString& l : m_colLabels) longLabels = longLabels || l.size() > 5;
    m_plot->xAxis2->setTickLabelRotation(longLabels ? -60 : 0);
    if (m_rows == 0) return;
    // Every k-th label of what is visible, k chosen so labels do not overlap (every one when zoomed in enough).
    auto stepFor = [](int n, int pixels, double labelPixels) {
        return std::max(1, static_cast<int>(std::ceil(n * (labelPixels + 2.0) / std::max(pixels, 1))));
    };
    // The largest font, from the zoom down to normal size, at which every visible label fits.
    QFont chosen;
    int rowStep = 1, colStep = 1;
    for (double zoom : zoomsDownToNormal(m_fontScale)) {
        chosen = font();
        chosen.setPointSizeF(chosen.pointSizeF() * zoom);
        const QFontMetrics metrics(chosen);
        rowStep = stepFor(visible.height(), area.height(), metrics.height());
        colStep = stepFor(visible.width(), area.width(), longLabels ? metrics.height() : metrics.horizontalAdvance("0000"));
        if (rowStep == 1 && colStep == 1) break;
    }
    m_plot->yAxis->setTickLabelFont(chosen);
    m_plot->xAxis2->setTickLabelFont(chosen);
    auto label = [](QCPAxis* axis, const QStringList& labels, int first, int last, int step) {
        auto ticker = qSharedPointerCast<QCPAxisTickerText>(axis->ticker());
        ticker->clear();
        for (int k = first - first % step; k <= last; k += step)
            if (k >= first) ticker->addTick(k, k < labels.size() ? labels[k] : QString::number(k));
    };
    label(m_plot->yAxis, m_rowLabels, visible.top(), visible.bottom(), rowStep);
    label(m_plot->xAxis2, m_colLabels, visible.left(), visible.right(), colStep);
}

QFont HeatmapWidget::valueFont(double zoom) const {
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * zoom * 0.9);
    return f;
}

// Values are written only when every one fits its cell at the current size: at the zoom if they
// can, else at the largest smaller size down to normal; 0 when none fits.
double HeatmapWidget::valuesFitAt() const {
    const QRect visible = visibleCells();
    if (!m_showValues || m_compact || m_rows == 0 || visible.width() * visible.height() > 1024) return 0;
    const QRect area = m_plot->axisRect()->rect();
    const double cellWidth = area.width() / m_plot->xAxis2->range().size();
    const double cellHeight = area.height() / m_plot->yAxis->range().size();
    for (double zoom : zoomsDownToNormal(m_fontScale)) {
        const QFontMetrics metrics(valueFont(zoom));
        int widest = 0;  // the values as written, not a typical one: "−12.3" and "−∞" must fit too
        for (int i = visible.top(); i <= visible.bottom(); ++i)
            for (int j = visible.left(); j <= visible.right(); ++j)
                widest = std::max(widest, metrics.horizontalAdvance(formatCellValue(m_values[i * m_cols + j])));
        if (cellWidth >= widest + 4 && cellHeight >= metrics.height()) return zoom;
    }
    return 0;
}

void HeatmapWidget::rebuildValueLabels() {
    for (int k = m_plot->itemCount() - 1; k >= 0; --k)
        if (m_plot->item(k)->property("valueLabel").toBool()) m_plot->removeItem(k);
    m_valuesZoom = valuesFitAt();
    m_valuesShown = m_valuesZoom > 0;
    if (!m_valuesShown) return;
    const QFont f = valueFont(m_valuesZoom);

    QCPColorGradient gradient = m_map->gradient();
    const QRect visible = visibleCells();  // only what is on screen: a zoomed 1024 × 1024 matrix has a million cells
    for (int i = visible.top(); i <= visible.bottom(); ++i)
        for (int j = visible.left(); j <= visible.right(); ++j) {
            const float v = m_values[i * m_cols + j];
            auto* text = new QCPItemText(m_plot);
            text->setProperty("valueLabel", true);
            text->setClipToAxisRect(true);
            text->position->setAxes(m_plot->xAxis2, m_plot->yAxis);
            text->position->setCoords(j, i);
            text->setText(formatCellValue(v));
            text->setFont(f);
            QRgb rgb = qRgb(190, 190, 190);
            if (std::isfinite(v)) {
                QRgb out;
                const double value = v;
                gradient.colorize(&value, m_map->dataRange(), &out, 1);
                rgb = out;
            }
            text->setColor(darkColor(rgb) ? Qt::white : Qt::black);
        }
}

void HeatmapWidget::rebuildHighlight() {
    for (int k = m_plot->itemCount() - 1; k >= 0; --k)
        if (m_plot->item(k)->property("highlight").toBool()) m_plot->removeItem(k);
    auto outline = [this](double x0, double y0, double x1, double y1, int width, const QColor& color) {
        auto* rect = new QCPItemRect(m_plot);
        rect->setProperty("highlight", true);
        rect->setClipToAxisRect(true);
        rect->topLeft->setAxes(m_plot->xAxis2, m_plot->yAxis);
        rect->bottomRight->setAxes(m_plot->xAxis2, m_plot->yAxis);
        rect->topLeft->setCoords(x0 - 0.5, y0 - 0.5);
        rect->bottomRight->setCoords(x1 + 0.5, y1 + 0.5);
        rect->setPen(QPen(color, width * m_fontScale));
        rect->setBrush(Qt::NoBrush);
    };
    const QColor accent(255, 140, 0);  // orange: visible on every colour map
    for (int r : m_highlight.rows) outline(0, r, m_cols - 1, r, 2, accent);
    for (int c : m_highlight.cols) outline(c, 0, c, m_rows - 1, 2, accent);
    for (const QRect& b : m_highlight.blocks) outline(b.left(), b.top(), b.right(), b.bottom(), 3, accent);
    if (m_highlight.cellRow >= 0) {
        outline(m_highlight.cellCol, m_highlight.cellRow, m_highlight.cellCol, m_highlight.cellRow, 4, Qt::black);
        outline(m_highlight.cellCol, m_highlight.cellRow, m_highlight.cellCol, m_highlight.cellRow, 2, Qt::white);
    }
}

QRect HeatmapWidget::visibleCells() const {
    const QCPRange x = m_plot->xAxis2->range(), y = m_plot->yAxis->range();
    const int c0 = std::clamp(static_cast<int>(std::ceil(x.lower - 0.5)), 0, std::max(m_cols - 1, 0));
    const int c1 = std::clamp(static_cast<int>(std::floor(x.upper + 0.5)) - 1, c0, std::max(m_cols - 1, 0));
    const int r0 = std::clamp(static_cast<int>(std::ceil(y.lower - 0.5)), 0, std::max(m_rows - 1, 0));
    const int r1 = std::clamp(static_cast<int>(std::floor(y.upper + 0.5)) - 1, r0, std::max(m_rows - 1, 0));
    return QRect(QPoint(c0, r0), QPoint(c1, r1));
}

bool HeatmapWidget::isZoomed() const {
    const QRect v = visibleCells();
    return m_rows > 0 && (v.width() < m_cols || v.height() < m_rows);
}

void HeatmapWidget::fitAll() {
    m_plot->xAxis2->setRange(-0.5, m_cols - 0.5);
    m_plot->yAxis->setRange(-0.5, m_rows - 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapWidget::zoomTo(int row, int col, int span) {
    auto window = [span](int center, int n) {
        const double half = std::min(span, n) / 2.0;
        const double lower = std::clamp(center + 0.5 - half, 0.0, std::max(0.0, n - 2 * half)) - 0.5;
        return QCPRange(lower, lower + 2 * half);
    };
    m_plot->xAxis2->setRange(window(col, m_cols));
    m_plot->yAxis->setRange(window(row, m_rows));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapWidget::onRangeChanged() {
    if (m_settingUp || m_rows == 0) return;
    m_settingUp = true;
    // Never beyond the matrix, never closer than one cell.
    for (auto [axis, n] : {std::pair{m_plot->xAxis2, m_cols}, std::pair{m_plot->yAxis, m_rows}}) {
        QCPRange r = axis->range();
        const double full = n, size = std::clamp(r.size(), std::min(1.0, full), full);
        double lower = std::clamp(r.lower, -0.5, n - 0.5 - size);
        axis->setRange(lower, lower + size);
    }
    m_settingUp = false;
    m_fit->setVisible(isZoomed() && !m_compact);
    applyTickLabels();
    rebuildValueLabels();
    rebuildHighlight();
}

bool HeatmapWidget::cellAt(const QPoint& pixel, int& row, int& col) const {
    if (m_rows == 0 || !m_plot->axisRect()->rect().contains(pixel)) return false;
    col = static_cast<int>(std::lround(m_plot->xAxis2->pixelToCoord(pixel.x())));
    row = static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(pixel.y())));
    return row >= 0 && row < m_rows && col >= 0 && col < m_cols;
}

void HeatmapWidget::onMouseMove(QMouseEvent* event) { hover(event->pos(), false); }

bool HeatmapWidget::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot && event->type() == QEvent::Leave) hover(QPoint(-1, -1), false);
    return QWidget::eventFilter(watched, event);
}

void HeatmapWidget::hover(const QPoint& pixel, bool always) {
    int row = -1, col = -1;
    if (!cellAt(pixel, row, col)) row = col = -1;
    if (row == m_hoverRow && col == m_hoverCol && !always) return;
    m_hoverRow = row;
    m_hoverCol = col;
    QToolTip::hideText();  // a tooltip shown for another cell or stage
    if (row >= 0)
        m_plot->setToolTip(QStringLiteral("%1 → %2: %3")
                               .arg(m_plot->yAxis->ticker().staticCast<QCPAxisTickerText>()->ticks().value(row, QString::number(row)),
                                    m_plot->xAxis2->ticker().staticCast<QCPAxisTickerText>()->ticks().value(col, QString::number(col)),
                                    formatCellValue(value(row, col))));
    else
        m_plot->setToolTip(QString());
    emit cellHovered(row, col);
}

void HeatmapWidget::onMousePress(QMouseEvent* event) {
    int row, col;
    if (event->button() == Qt::LeftButton && cellAt(event->pos(), row, col)) emit cellClicked(row, col);
}

void HeatmapWidget::onDoubleClick(QMouseEvent* event) {
    int row, col;
    if (m_editable && cellAt(event->pos(), row, col)) startEdit(row, col);
}

void HeatmapWidget::startEdit(int row, int col) {
    m_editRow = row;
    m_editCol = col;
    const int x0 = static_cast<int>(m_plot->xAxis2->coordToPixel(col - 0.5));
    const int x1 = static_cast<int>(m_plot->xAxis2->coordToPixel(col + 0.5));
    const int y0 = static_cast<int>(m_plot->yAxis->coordToPixel(row - 0.5));
    const int y1 = static_cast<int>(m_plot->yAxis->coordToPixel(row + 0.5));
    const int width = std::max(x1 - x0, m_editor->fontMetrics().horizontalAdvance("-0.000000") + 8);
    m_editor->setGeometry(x0 - (width - (x1 - x0)) / 2, std::min(y0, y1), width, std::max(std::abs(y1 - y0), m_editor->sizeHint().height()));
    m_editor->setText(QString::number(value(row, col), 'g', 7));
    m_editor->setStyleSheet(QString());
    m_editor->show();
    m_editor->selectAll();
    m_editor->setFocus();
}

void HeatmapWidget::commitEdit() {
    bool ok = false;
    const double v = QLocale::c().toDouble(m_editor->text().trimmed(), &ok);
    if (!ok || !std::isfinite(v) || std::abs(v) > 1e30) {
        m_editor->setStyleSheet("border: 2px solid #d00;");
        m_editor->setToolTip(tr("Not a finite number: type a value such as 0.5 or -1e3"));
        return;
    }
    m_editor->hide();
    emit cellEdited(m_editRow, m_editCol, static_cast<float>(v));
}

}  // namespace attn::ui
