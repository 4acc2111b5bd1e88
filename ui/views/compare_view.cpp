#include "views/compare_view.h"

#include "teach/compare.h"
#include "views/heatmap_widget.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace attn::ui {

CompareView::CompareView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_pin(new QPushButton(tr("&Pin this trace"))),
      m_clear(new QPushButton(tr("C&lear pin"))), m_status(new QLabel), m_pinned(new HeatmapWidget),
      m_current(new HeatmapWidget), m_difference(new HeatmapWidget), m_pinnedTitle(new QLabel),
      m_currentTitle(new QLabel(tr("now"))), m_differenceTitle(new QLabel(tr("difference: now − pinned"))) {
    m_pin->setObjectName("pinTrace");
    m_clear->setObjectName("clearPin");
    m_pin->setToolTip(tr("Keep the current trace aside, then change something and compare (Ctrl+P)"));
    m_clear->setToolTip(tr("Forget the pinned trace"));
    m_status->setWordWrap(true);
    m_difference->setToolTip(tr("Blue: smaller now than when pinned; red: larger; white: unchanged"));
    for (auto* map : {m_pinned, m_current, m_difference}) map->setMinimumSize(200, 160);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_pin);
    buttons->addWidget(m_clear);
    buttons->addWidget(m_status, 1);
    auto* grid = new QGridLayout;
    grid->addWidget(m_pinnedTitle, 0, 0);
    grid->addWidget(m_currentTitle, 0, 1);
    grid->addWidget(m_differenceTitle, 0, 2);
    grid->addWidget(m_pinned, 1, 0);
    grid->addWidget(m_current, 1, 1);
    grid->addWidget(m_difference, 1, 2);
    grid->setRowStretch(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addLayout(grid, 1);

    connect(m_pin, &QPushButton::clicked, controller, &SessionController::pinTrace);
    connect(m_clear, &QPushButton::clicked, controller, &SessionController::clearPin);
    for (auto signal : {&SessionController::traceChanged, &SessionController::selectionChanged, &SessionController::pinnedChanged})
        connect(controller, signal, this, [this] { m_lazy.request(); });
    refresh();
}

QString CompareView::statusText() const { return m_status->text(); }

void CompareView::refresh() {
    const auto trace = m_controller->trace();
    const auto pinned = m_controller->pinnedTrace();
    m_clear->setEnabled(pinned != nullptr);
    const bool comparable = trace && pinned;
    for (auto* w : {static_cast<QWidget*>(m_pinned), static_cast<QWidget*>(m_difference), static_cast<QWidget*>(m_pinnedTitle),
                    static_cast<QWidget*>(m_differenceTitle)})
        w->setVisible(comparable);
    if (!trace) return;
    const std::string name = m_controller->currentStage().toStdString();
    const Stage* now = trace->find(name);
    if (!now) return;
    const int head = m_controller->currentHead();
    const QString stageName = QString::fromStdString(name);
    const StageMatrix current = stageMatrix(*trace, *now, head);
    m_current->setMatrix(current.data, current.rows, current.cols, current.rowLabels, current.colLabels,
                         valueScaleFor(*now, current.data, current.rows * current.cols));
    if (!pinned) {
        m_status->setText(tr("Pin the trace, then change a word, a weight, the positional encoding or the mask."));
        return;
    }
    m_pinnedTitle->setText(tr("pinned: “%1”").arg(m_controller->pinnedDescription()));
    const Stage* then = pinned->find(name);
    if (!then) {
        m_status->setText(tr("The pinned trace has no stage %1 (the model's layout changed).").arg(stageName));
        m_pinned->setVisible(false);
        m_difference->setVisible(false);
        return;
    }
    const StageMatrix old = stageMatrix(*pinned, *then, std::min<int>(head, then->rank() == 3 ? then->dim(0) - 1 : 0));
    m_pinned->setMatrix(old.data, old.rows, old.cols, old.rowLabels, old.colLabels,
                        valueScaleFor(*then, old.data, old.rows * old.cols));
    if (then->shape() != now->shape()) {
        m_difference->setVisible(false);
        m_differenceTitle->setVisible(false);
        m_status->setText(tr("No difference map: the shapes differ (pinned %1, now %2). Change a word for one of the "
                             "same length to compare cell by cell.")
                              .arg(shapeText(*then), shapeText(*now)));
        return;
    }
    const StageDifference diff = stage_difference(*trace, *pinned, name);
    const auto difference = std::make_shared<const Tensor>(diff.difference);
    Stage shown{*now};  // the same kind, place and axes, with the difference as its numbers
    shown.data = std::make_shared<const StageData>(difference);
    const StageMatrix d = stageMatrix(*trace, shown, head);
    m_difference->setMatrix(d.data, d.rows, d.cols, d.rowLabels, d.colLabels, ValueScale::Diverging);
    m_difference->setValueLabel(tr("now − pinned"));
    m_status->setText(diff.max_abs == 0 ? tr("No difference in this stage.")
                                        : tr("Largest change in this stage (all heads): %1").arg(formatCellValue(diff.max_abs)));
}

}  // namespace attn::ui
