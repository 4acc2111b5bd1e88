#include "views/compare_view.h"

#include "teach/compare.h"
#include "views/heatmap_widget.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"
#include "engine/interventions.h"
#include "session/run.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace attn::ui {

CompareView::CompareView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_pin(new QPushButton(tr("&Pin this trace"))),
      m_clear(new QPushButton(tr("C&lear pin"))), m_status(new QLabel), m_pinned(new HeatmapWidget),
      m_current(new HeatmapWidget), m_difference(new HeatmapWidget), m_pinnedTitle(new QLabel),
      m_currentTitle(new QLabel(tr("now"))), m_differenceTitle(new QLabel(tr("difference: now − pinned"))), m_patching(new QWidget),
      m_patchLayer(new QSpinBox), m_patchHead(new QSpinBox), m_patch(new QPushButton(tr("P&atch from pinned"))), m_patchStatus(new QLabel),
      m_patchTable(new QTableWidget(0, 4)) {
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
    m_patchLayer->setObjectName("patchLayer");
    m_patchHead->setObjectName("patchHead");
    m_patchLayer->setToolTip(tr("The layer of the head to patch (the selected head's, by default)"));
    m_patchHead->setToolTip(tr("The head to patch, within its layer"));
    m_patch->setObjectName("patchButton");
    m_patch->setToolTip(tr("Run this prompt again with the head's output taken from the pinned prompt (activation patching): "
                           "how far it moves the prediction is how much of the pinned prompt's answer the head carries"));
    m_patchStatus->setWordWrap(true);
    m_patchTable->setObjectName("patchTable");
    m_patchTable->setHorizontalHeaderLabels({tr("Token"), tr("This prompt"), tr("Patched"), tr("Pinned")});
    m_patchTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_patchTable->verticalHeader()->hide();
    m_patchTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_patchTable->setMaximumHeight(170);
    m_patchTable->setToolTip(tr("The next-token probabilities at the last position: as this prompt computes them, with the head "
                                "patched in, and on the pinned prompt"));
    auto* patchRow = new QHBoxLayout;
    patchRow->setContentsMargins(0, 0, 0, 0);
    patchRow->addWidget(new QLabel(tr("Head")));
    patchRow->addWidget(m_patchLayer);
    patchRow->addWidget(new QLabel(QStringLiteral(".")));
    patchRow->addWidget(m_patchHead);
    patchRow->addWidget(m_patch);
    patchRow->addStretch(1);
    auto* patching = new QVBoxLayout(m_patching);  // the status on its own line: the dock is often narrow
    patching->setContentsMargins(0, 0, 0, 0);
    patching->addLayout(patchRow);
    patching->addWidget(m_patchStatus);
    patching->addWidget(m_patchTable);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addLayout(grid, 1);
    layout->addWidget(m_patching);
    connect(m_patch, &QPushButton::clicked, this, &CompareView::patchHead);
    connect(&m_patchWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_patch->setEnabled(true);
        if (m_patchWatcher.future().resultCount() > 0) showPatch(m_patchWatcher.result());
    });

    connect(m_pin, &QPushButton::clicked, controller, &SessionController::pinTrace);
    connect(m_clear, &QPushButton::clicked, controller, &SessionController::clearPin);
    for (auto signal : {&SessionController::traceChanged, &SessionController::selectionChanged, &SessionController::pinnedChanged})
        connect(controller, signal, this, [this] { m_lazy.request(); });
    refresh();
}

CompareView::~CompareView() { m_patchWatcher.waitForFinished(); }

QString CompareView::statusText() const { return m_status->text(); }
QString CompareView::patchText() const { return m_patchStatus->text(); }
void CompareView::waitForPatch() { m_patchWatcher.waitForFinished(); }

void CompareView::refresh() {
    refreshPatching();
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

void CompareView::refreshPatching() {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    const auto pinned = m_controller->pinnedTrace();
    m_patching->setVisible(trace && model && pinned && trace->find("output.logits"));
    if (!m_patching->isVisible()) return;
    const Config& c = model->config;
    m_patchLayer->setRange(0, (predicting_stack(c) == StackKind::Decoder ? c.decoder_layers() : c.encoder_layers()) - 1);
    m_patchHead->setRange(0, c.nhead - 1);
    if (const Stage* selected = trace->find(m_controller->currentStage().toStdString());
        selected && selected->at.block == BlockKind::SelfAttention && selected->at.stack == predicting_stack(c)) {
        m_patchLayer->setValue(selected->at.layer);  // the head on screen, by default
        m_patchHead->setValue(m_controller->currentHead());
    }
    if (m_patchedTrace != trace) {  // a patch of another trace is not this one's
        m_patchTable->setRowCount(0);
        m_patchTable->setVisible(false);
        m_patchStatus->setText(tr("Patch one head's output from the pinned prompt into this one (same number of tokens)."));
    }
}

void CompareView::patchHead() {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    const auto pinned = m_controller->pinnedTrace();
    if (!trace || !model || !pinned) return;
    const Session session = m_controller->session();
    const int layer = m_patchLayer->value(), head = m_patchHead->value();
    m_patch->setEnabled(false);
    m_patchStatus->setText(tr("Patching head %1.%2…").arg(layer).arg(head));
    m_patchedTrace = trace;
    m_patchWatcher.setFuture(QtConcurrent::run([session, model, trace, pinned, layer, head] {
        try {
            return PatchOutcome{patch_head(*model, inputs_of_run(session, *model, *trace), *trace, *pinned, layer, head), {}};
        } catch (const Error& e) {
            return PatchOutcome{std::nullopt, e.what()};
        } catch (const std::bad_alloc&) {
            return PatchOutcome{std::nullopt, tr("out of memory: use fewer tokens or a smaller model").toStdString()};
        }
    }));
}

void CompareView::showPatch(const PatchOutcome& outcome) {
    const auto trace = m_controller->trace();
    if (!trace || trace != m_patchedTrace) return;  // the text changed while it ran
    if (!outcome.effect) {  // what cannot be patched, said beside the button
        m_patchStatus->setText(QString::fromStdString(outcome.error));
        return;
    }
    const PatchEffect& effect = *outcome.effect;
    const auto label = [&trace](int32_t id) { return vocabLabel(*trace, id); };
    const auto percent = [](double p) { return QStringLiteral("%1 %").arg(100.0 * p, 0, 'f', 1); };
    m_patchTable->setRowCount(static_cast<int>(effect.tokens.size()));
    for (int r = 0; r < static_cast<int>(effect.tokens.size()); ++r) {
        const PatchedToken& t = effect.tokens[static_cast<size_t>(r)];
        const QString arrow = t.patched > t.target + 0.005 ? QStringLiteral(" ▲") : t.patched < t.target - 0.005 ? QStringLiteral(" ▼") : QString();
        const QStringList cells{label(t.id), percent(t.target), percent(t.patched) + arrow, percent(t.source)};
        for (int col = 0; col < 4; ++col) m_patchTable->setItem(r, col, new QTableWidgetItem(cells[col]));
    }
    m_patchTable->setVisible(true);
    m_patchStatus->setText(tr("Head %1.%2 from the pinned prompt, at position %3:").arg(effect.layer).arg(effect.head).arg(effect.position));
}

}  // namespace attn::ui
