#include "views/stage_view.h"

#include "teach/explain.h"
#include "views/busy_overlay.h"
#include "views/heatmap_widget.h"
#include "controller/pipeline_model.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QShortcut>
#include <QVBoxLayout>

namespace attn::ui {

StageView::StageView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_title(new QLabel), m_formula(new QLabel), m_description(new QLabel),
      m_heatmap(new HeatmapWidget), m_operandPanel(new QWidget), m_find(new QLineEdit), m_findStatus(new QLabel) {
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // The title never widens the window: on a narrow screen its end (the grey stage id) is cut.
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setWordWrap(true);
    m_heatmap->setToolTip(tr("Hover a cell to see how its number was computed; click to pin it. "
                             "Embedding cells can be edited with a double-click."));

    auto* operandLayout = new QVBoxLayout(m_operandPanel);
    operandLayout->setContentsMargins(0, 0, 0, 0);
    for (int k = 0; k < 2; ++k) {
        m_operandTitles[k] = new QLabel;
        m_operandTitles[k]->setWordWrap(true);
        m_operands[k] = new HeatmapWidget;
        m_operands[k]->setMinimumSize(160, 120);
        operandLayout->addWidget(m_operandTitles[k]);
        operandLayout->addWidget(m_operands[k], 1);
    }
    m_operandPanel->setMinimumWidth(220);
    m_operandPanel->hide();

    auto* body = new QHBoxLayout;
    body->addWidget(m_heatmap, 3);
    body->addWidget(m_operandPanel, 2);
    // Finding a token: in a 1024-token matrix, the heatmap zooms onto its row (and column).
    m_find->setPlaceholderText(tr("Find token (Ctrl+F)"));
    m_find->setClearButtonEnabled(true);
    m_find->setMaximumWidth(220);
    m_find->setToolTip(tr("Type part of a token and press Enter: the heatmap zooms onto its row; Enter again finds the next"));
    new QShortcut(QKeySequence::Find, this, [this] {
        m_find->setFocus();
        m_find->selectAll();
    });
    connect(m_find, &QLineEdit::returnPressed, this, &StageView::findNext);
    connect(m_find, &QLineEdit::textChanged, this, [this] {
        m_findStatus->clear();
        m_lastFound = -1;
    });
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_findStatus);
    header->addWidget(m_find);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_formula);
    layout->addWidget(m_description);
    layout->addLayout(body, 1);
    setFontScale(1.0);
    new BusyOverlay(controller, m_heatmap);  // a model being opened: its first trace is on its way

    connect(controller, &SessionController::traceChanged, this, &StageView::refresh);
    connect(controller, &SessionController::selectionChanged, this, &StageView::refresh);
    // Shown columns may be a subset of the stage's (screenMatrix): cells are reported in the stage's columns.
    connect(m_heatmap, &HeatmapWidget::cellHovered, this, [this](int row, int col) {
        emit cellHovered(row, row < 0 ? col : m_shown.stageColumn(col));
    });
    connect(m_heatmap, &HeatmapWidget::cellClicked, this, [this](int row, int col) {
        m_controller->selectCell(row, m_shown.stageColumn(col));
    });
    connect(m_heatmap, &HeatmapWidget::cellEdited, this, [this](int row, int col, float value) {
        const auto trace = m_controller->trace();
        const Stage* stage = trace->find(m_controller->currentStage().toStdString());
        const auto& tokens = stage && stage->at.stack == StackKind::Target ? trace->tgt_tokens : trace->src_tokens;
        if (row < static_cast<int>(tokens.size()))
            m_controller->setEmbeddingValue(QString::fromStdString(tokens[static_cast<size_t>(row)]), col, value);
    });
    refresh();
}

// Token labels compared as a person reads them: no GPT-2 space marker, no "##", any case.
static QString plainToken(QString label) {
    return label.remove(QChar(0x2423)).remove(QStringLiteral("##")).toCaseFolded().trimmed();
}

QString StageView::findStatus() const { return m_findStatus->text(); }

void StageView::findNext() {
    const QString wanted = plainToken(m_find->text());
    if (wanted.isEmpty() || m_shown.rows == 0) return;
    QVector<int> hits;
    for (int i = 0; i < m_shown.rowLabels.size(); ++i)
        if (plainToken(m_shown.rowLabels[i]).contains(wanted)) hits.push_back(i);
    if (hits.isEmpty()) {
        m_findStatus->setText(tr("not found"));
        return;
    }
    auto next = std::upper_bound(hits.begin(), hits.end(), m_lastFound);
    m_lastFound = next == hits.end() ? hits.front() : *next;
    m_findStatus->setText(tr("%1 of %2").arg(hits.indexOf(m_lastFound) + 1).arg(hits.size()));
    const bool square = m_shown.rows == m_shown.cols;
    const int col = square ? m_lastFound : std::max(0, m_controller->currentCell().x());
    if (m_shown.rows > 32 || m_shown.cols > 32) m_heatmap->zoomTo(m_lastFound, square ? m_lastFound : col, 32);
    m_controller->selectCell(m_lastFound, m_shown.stageColumn(std::min(col, m_shown.cols - 1)));
}

void StageView::setSequentialColorMap(ColorMap map) {
    m_colorMap = map;
    m_heatmap->setSequentialColorMap(map);
    for (auto* h : m_operands) h->setSequentialColorMap(map);
}

void StageView::setShowValues(bool show) { m_heatmap->setShowValues(show); }

void StageView::setFontScale(double scale) {
    m_fontScale = scale;
    // The words above the heatmap grow half as fast as the zoom: zooming in at 720p must leave
    // the heatmap the room it had, not hand it to the title.
    const double words = 1 + (scale - 1) / 2;
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * words * 1.4);
    f.setBold(true);
    m_title->setFont(f);
    f.setBold(false);
    f.setPointSizeF(font().pointSizeF() * words * 1.15);
    m_formula->setFont(f);
    f.setPointSizeF(font().pointSizeF() * words);
    m_description->setFont(f);
    m_heatmap->setFontScale(scale);
    for (auto* h : m_operands) h->setFontScale(scale * 0.85);
}

void StageView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    ++m_refreshCount;
    const Stage* stage = trace->find(m_controller->currentStage().toStdString());
    if (!stage) return;
    const QString name = QString::fromStdString(stage->name);
    const int head = m_controller->currentHead();
    const QPoint selected = m_controller->currentCell();
    const auto rowsBefore = m_shown.rowLabels;
    m_shown = screenMatrix(*trace, *stage, head, selected.y());
    const StageMatrix& m = m_shown;
    if (m.rowLabels != rowsBefore) {  // other tokens: "2 of 3" no longer counts anything on screen
        m_findStatus->clear();
        m_lastFound = -1;
    }

    // What the matrix is, in words ("Encoder layer 0 · head 0 · self-attention weights"), then the
    // stage's id in grey: the name scripts, exports and the command line use.
    m_title->setText(QStringLiteral("<b>%1</b>&nbsp;&nbsp;&nbsp;<span style='color:gray; font-size:small; font-weight:normal'>%2</span>")
                         .arg(figureTitleFor(*stage, head).toHtmlEscaped(), name.toHtmlEscaped()));
    m_title->setToolTip(tr("Stage %1: the name the command line, exports and saved sessions use").arg(name));
    m_formula->setText(tr("%1    shape %2").arg(stageFormula(*stage), shapeText(*stage)));
    m_description->setText(stageDescription(*stage));

    m_heatmap->setMatrix(m.data, m.rows, m.cols, m.rowLabels, m.colLabels, valueScaleFor(*stage, m.data, m.rows * m.cols));
    m_heatmap->setAxisTitles(m.rowTitle, m.colTitle);
    m_heatmap->setValueLabel(valueLabelFor(*stage));
    // The mask is 0 (allowed) or −∞ (grey, masked): a colour bar from −1 to 1 would suggest a scale.
    m_heatmap->setScaleShown(stage->kind != StageKind::Mask);
    m_heatmap->setEditable(stage->kind == StageKind::TokenEmbedding);

    const QPoint cell = m_controller->currentCell();
    HeatmapHighlight highlight;
    if (cell.y() >= 0) {
        highlight.cellRow = cell.y();
        highlight.cellCol = m.shownColumn(cell.x());
        if (highlight.cellCol < 0) highlight.cellRow = -1;  // a vocabulary column not among those shown
        if (isProbabilityStage(*stage)) highlight.rows = {cell.y()};  // softmax normalises the whole row
    }
    m_heatmap->setHighlight(highlight);
    refreshOperands();
}

void StageView::refreshOperands() {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    const QPoint cell = m_controller->currentCell();
    std::vector<OperandHighlight> operands;
    if (cell.y() >= 0) {
        try {
            operands = explain_cell(*trace, *model, m_controller->currentStage().toStdString(), m_controller->currentHead(),
                                    cell.y(), cell.x())
                           .operands;
        } catch (const Error&) {
            operands.clear();
        }
    }
    m_operandPanel->setVisible(!operands.empty());
    for (size_t k = 0; k < 2; ++k) {
        const bool shown = k < operands.size();
        m_operands[k]->setVisible(shown);
        m_operandTitles[k]->setVisible(shown);
        if (!shown) continue;
        const auto& op = operands[k];
        const Stage* stage = trace->find(op.stage);
        const int head = op.head >= 0 ? static_cast<int>(op.head) : m_controller->currentHead();
        const StageMatrix m = stageMatrix(*trace, *stage, head);
        m_operands[k]->setMatrix(m.data, m.rows, m.cols, m.rowLabels, m.colLabels,
                                 valueScaleFor(*stage, m.data, m.rows * m.cols));
        m_operandTitles[k]->setText(tr("operand: %1%2")
                                        .arg(QString::fromStdString(op.stage))
                                        .arg(stage->rank() == 3 ? tr(" (head %1)").arg(head) : QString()));
        HeatmapHighlight h;
        if (op.rows.size() == 1 && op.cols.size() == 1) {
            h.cellRow = static_cast<int>(op.rows[0]);
            h.cellCol = static_cast<int>(op.cols[0]);
        } else if (op.rows.size() == 1 && !op.cols.empty()) {  // part of one row: q_i over head h's features
            const auto [lo, hi] = std::minmax_element(op.cols.begin(), op.cols.end());
            h.blocks = {QRect(static_cast<int>(*lo), static_cast<int>(op.rows[0]), static_cast<int>(*hi - *lo + 1), 1)};
        } else if (op.rows.size() == 1) {
            h.rows = {static_cast<int>(op.rows[0])};
        } else {
            for (auto c : op.cols) h.cols.push_back(static_cast<int>(c));
        }
        m_operands[k]->setHighlight(h);
    }
}

}  // namespace attn::ui
