#include "views/lines_view.h"

#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include "views/plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainterPath>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>
#include <map>

namespace attn::ui {
namespace {

// Okabe–Ito: distinguishable with every common colour-vision deficiency.
const QColor kHeadColors[] = {QColor("#0072B2"), QColor("#D55E00"), QColor("#009E73"), QColor("#CC79A7"),
                              QColor("#E69F00"), QColor("#56B4E9"), QColor("#000000"), QColor("#F0E442")};

constexpr double kLeft = 0.0, kRight = 1.0;

}  // namespace

// Every line of the view as one layerable, drawn straight with the painter: at
// n = 128 the view draws thousands of lines, and as many QCPItemLine objects
// cost about a second per edit. Vector export paints it like anything else.
class LineBundle : public QCPLayerable {
public:
    struct Line {
        double from, to;  // query row on the left, key row on the right
        QPen pen;
    };
    explicit LineBundle(QCustomPlot* plot) : QCPLayerable(plot) {}
    std::vector<Line> lines;

protected:
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override {
        applyAntialiasingHint(painter, mAntialiased, QCP::aeItems);
    }
    QRect clipRect() const override { return mParentPlot->axisRect()->rect(); }
    // Lines sharing a pen are stroked as one path: the raster engine hands every wide
    // antialiased stroke to its thread pool, and 600 separate strokes cost ~150 ms.
    void draw(QCPPainter* painter) override {
        const QCPAxis* x = mParentPlot->xAxis;
        const QCPAxis* y = mParentPlot->yAxis;
        const double left = x->coordToPixel(kLeft), right = x->coordToPixel(kRight);
        std::map<std::pair<QRgb, int>, std::pair<QPen, QPainterPath>> byPen;  // (colour with alpha, width ×100)
        for (const Line& line : lines) {
            auto& [pen, path] = byPen[{line.pen.color().rgba(), qRound(line.pen.widthF() * 100)}];
            pen = line.pen;
            path.moveTo(left, y->coordToPixel(line.from));
            path.lineTo(right, y->coordToPixel(line.to));
        }
        painter->setBrush(Qt::NoBrush);
        for (const auto& [key, penAndPath] : byPen) {
            painter->setPen(penAndPath.first);
            painter->drawPath(penAndPath.second);
        }
    }
};

namespace {

}  // namespace

LinesView::LinesView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_block(new QComboBox), m_head(new QComboBox), m_plot(new QCustomPlot),
      m_lines(new LineBundle(m_plot)), m_legend(new QLabel) {
    m_block->setToolTip(tr("Which attention block to draw"));
    m_head->setToolTip(tr("Show one head, or all heads in their own colours"));
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Block:")));
    top->addWidget(m_block, 1);
    top->addWidget(new QLabel(tr("Heads:")));
    top->addWidget(m_head);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setObjectName("LinesLegend");
    layout->addWidget(m_legend);
    layout->addWidget(m_plot, 1);
    m_plot->setToolTip(tr("Line opacity = attention weight. Hover a token to keep only its lines."));
    m_plot->xAxis->setVisible(false);
    m_plot->yAxis->setVisible(false);
    m_plot->yAxis->setRangeReversed(true);
    m_plot->setMouseTracking(true);
    m_plot->legend->setVisible(false);
    connect(m_plot, &QCustomPlot::mouseMove, this, &LinesView::onMouseMove);
    connect(m_block, &QComboBox::activated, this, &LinesView::redraw);
    connect(m_head, &QComboBox::activated, this, &LinesView::redraw);
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    connect(controller, &SessionController::selectionChanged, this, [this] {
        if (followSelection()) m_lazy.request();
    });
    rebuildSelectors();
    redraw();
}

bool LinesView::followSelection() {
    const auto trace = m_controller->trace();
    const Stage* stage = trace ? trace->find(m_controller->currentStage().toStdString()) : nullptr;
    const Stage* weights = stage ? trace->find(StageKind::AttentionWeights, stage->at) : nullptr;
    const int index = weights ? m_block->findData(QString::fromStdString(weights->name)) : -1;
    if (index < 0 || index == m_block->currentIndex()) return false;
    m_block->setCurrentIndex(index);
    return true;
}

int LinesView::lineCount() const { return static_cast<int>(m_lines->lines.size()); }

std::vector<int> LinesView::lineQueries() const {
    std::vector<int> rows;
    for (const auto& line : m_lines->lines) rows.push_back(static_cast<int>(line.from));
    return rows;
}

void LinesView::rebuildSelectors() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QString block = m_block->currentData().toString();
    const int head = m_head->currentIndex();
    m_block->clear();
    for (const auto& s : trace->stages()) {
        if (s.kind == StageKind::AttentionWeights)
            m_block->addItem(QString::fromStdString(s.at.block_path()), QString::fromStdString(s.name));
    }
    m_block->setCurrentIndex(std::max(0, m_block->findData(block)));
    m_head->clear();
    m_head->addItem(tr("all heads"));
    for (int h = 0; h < m_controller->traceHeads(); ++h) m_head->addItem(tr("head %1").arg(h));
    m_head->setCurrentIndex(head >= 0 && head < m_head->count() ? head : 0);
}

void LinesView::setFocusToken(int side, int index) {
    if (side == m_focusSide && index == m_focusIndex) return;
    m_focusSide = index < 0 ? -1 : side;
    m_focusIndex = index;
    redraw();
}

void LinesView::onMouseMove(QMouseEvent* event) {
    const double x = m_plot->xAxis->pixelToCoord(event->pos().x());
    const int row = static_cast<int>(std::lround(m_plot->yAxis->pixelToCoord(event->pos().y())));
    const int side = x < 0.25 ? 0 : x > 0.75 ? 1 : -1;
    setFocusToken(side, side < 0 ? -1 : row);
}

void LinesView::redraw() {
    m_plot->clearItems();
    m_lines->lines.clear();
    const auto trace = m_controller->trace();
    const Stage* stage = trace ? trace->find(m_block->currentData().toString().toStdString()) : nullptr;
    if (!stage) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    const int heads = static_cast<int>(stage->dim(0));
    const StageMatrix first = stageMatrix(*trace, *stage, 0);
    const int rows = first.rows, cols = first.cols;
    const int onlyHead = m_head->currentIndex() - 1;  // -1 = all heads

    QFont font = m_plot->font();
    font.setPointSizeF(font.pointSizeF() * 1.2);
    auto label = [&](double x, int i, const QString& text, Qt::Alignment align, bool focused) {
        auto* t = new QCPItemText(m_plot);
        t->position->setCoords(x, i);
        t->setPositionAlignment(align | Qt::AlignVCenter);
        t->setText(text);
        QFont f = font;
        f.setBold(focused);
        t->setFont(f);
        t->setColor(focused ? QColor("#D55E00") : palette().color(QPalette::WindowText));
    };
    // As many labels as fit without overlapping: every step-th token, and always the hovered one.
    const int height = std::max(m_plot->axisRect()->height(), m_plot->height() - 40);
    const int lineHeight = QFontMetrics(font).height();
    const int step = std::max(1, (std::max(rows, cols) * lineHeight + height - 1) / std::max(height, 1));
    for (int i = 0; i < rows; ++i)
        if (i % step == 0 || (m_focusSide == 0 && m_focusIndex == i))
            label(kLeft - 0.02, i, first.rowLabels[i], Qt::AlignRight, m_focusSide == 0 && m_focusIndex == i);
    for (int j = 0; j < cols; ++j)
        if (j % step == 0 || (m_focusSide == 1 && m_focusIndex == j))
            label(kRight + 0.02, j, first.colLabels[j], Qt::AlignLeft, m_focusSide == 1 && m_focusIndex == j);

    // Each shown head gets an equal share of the line budget, its strongest lines.
    const int shownHeads = onlyHead >= 0 ? 1 : heads;
    const size_t perHead = static_cast<size_t>(kMaxLines / std::max(shownHeads, 1));
    for (int h = 0; h < heads; ++h) {
        if (onlyHead >= 0 && h != onlyHead) continue;
        const StageMatrix m = stageMatrix(*trace, *stage, h);
        const QColor base = kHeadColors[h % 8];
        // Each query's lines, strongest first.
        std::vector<std::vector<LineBundle::Line>> byQuery(static_cast<size_t>(rows));
        for (int i = 0; i < rows; ++i) {
            // The weight of this query's k-th strongest key: weaker lines are left out.
            std::vector<float> row(m.data + i * cols, m.data + (i + 1) * cols);
            const int k = std::min(kLinesPerQuery, cols);
            std::nth_element(row.begin(), row.begin() + (k - 1), row.end(), std::greater<float>());
            const float cutoff = std::max(row[static_cast<size_t>(k - 1)], 0.01f);
            std::vector<std::pair<float, LineBundle::Line>> mine;
            for (int j = 0; j < cols; ++j) {
                if ((m_focusSide == 0 && i != m_focusIndex) || (m_focusSide == 1 && j != m_focusIndex)) continue;
                const float w = m.data[i * cols + j];
                if (w < cutoff) continue;
                // Eight levels of opacity and width, so lines of a head share a few pens (see LineBundle).
                const double level = std::clamp(std::ceil(w * 8.0) / 8.0, 0.125, 1.0);
                QColor c = base;
                c.setAlphaF(level);
                mine.push_back({w, {static_cast<double>(i), static_cast<double>(j), QPen(c, 1.0 + 3.0 * level)}});
            }
            std::sort(mine.begin(), mine.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
            for (auto& [w, line] : mine) byQuery[static_cast<size_t>(i)].push_back(std::move(line));
        }
        // The budget goes round the queries: every query's strongest line before any query's second
        // (taken globally, the first token's sink lines of a long text took it all and every line
        // met at the first row); with more queries than lines, evenly spaced queries.
        size_t taken = 0;
        for (size_t rank = 0; rank < static_cast<size_t>(kLinesPerQuery) && taken < perHead; ++rank) {
            std::vector<int> order;
            for (int i = 0; i < rows; ++i)
                if (rank < byQuery[static_cast<size_t>(i)].size()) order.push_back(i);
            const size_t room = perHead - taken;
            for (size_t t = 0; t < std::min(room, order.size()); ++t) {
                const size_t pick = order.size() <= room ? t : t * order.size() / room;
                m_lines->lines.push_back(byQuery[static_cast<size_t>(order[pick])][rank]);
                ++taken;
            }
        }
    }
    // Many lines blur together anyway: drawn thin (a cosmetic pen) and without antialiasing,
    // opacity alone carries the weight, and the raster engine draws them ten times faster.
    const bool many = m_lines->lines.size() > 200;
    m_lines->setAntialiased(!many);
    if (many)
        for (auto& line : m_lines->lines) line.pen.setWidthF(1.0);
    // Which colour is which head: a text legend, so colour is never the only cue.
    QStringList legend;
    if (onlyHead < 0 && heads > 1)
        for (int h = 0; h < heads; ++h)
            legend << QStringLiteral("<span style='color:%1'>— %2</span>").arg(kHeadColors[h % 8].name(), tr("head %1").arg(h));
    m_legend->setText(legend.join(QStringLiteral("&nbsp;&nbsp; ")));
    m_legend->setVisible(!legend.isEmpty());
    m_plot->xAxis->setRange(-0.6, 1.6);
    m_plot->yAxis->setRange(-1, std::max(rows, cols) + 0.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LinesView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (isVisible()) redraw();  // how many labels fit depends on the height
}

void LinesView::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPlotPalette(m_plot, palette());
        redraw();
    }
}

}  // namespace attn::ui
