#include "views/heads_view.h"

#include "views/heatmap_widget.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QFutureWatcher>
#include <QGridLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

namespace attn::ui {
namespace {

QStringList weightStages(const Trace& trace) {
    QStringList out;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) out << QString::fromStdString(s.name);
    return out;
}

// "encoder 0 self", "decoder 1 cross".
QString blockTitle(const Stage& stage) {
    return QStringLiteral("%1 %2%3")
        .arg(QString::fromUtf8(to_string(stage.at.stack)))
        .arg(stage.at.layer)
        .arg(stage.at.block == BlockKind::CrossAttention ? QObject::tr(" cross") : QObject::tr(" self"));
}

}  // namespace

HeadsView::HeadsView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_grid(new QWidget), m_layout(new QGridLayout(m_grid)) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_grid);
    scroll->setWidgetResizable(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);
    setToolTip(tr("Attention weights of every layer and head; click one to open it"));
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    // Another stage or head on the same trace only moves the orange frame.
    connect(controller, &SessionController::selectionChanged, this, &HeadsView::updateFrames);
    refresh();
}

int HeadsView::thumbnailCount() const { return static_cast<int>(m_thumbnails.size()); }
HeatmapWidget* HeadsView::thumbnail(int index) const { return m_thumbnails.value(index); }

void HeadsView::rebuild() {
    qDeleteAll(m_grid->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    m_thumbnails.clear();
    for (int h = 0; h < m_heads; ++h) {
        m_layout->addWidget(new QLabel(tr("head %1").arg(h)), 0, h + 1, Qt::AlignHCenter | Qt::AlignBottom);
        m_layout->setColumnStretch(h + 1, 1);
    }
    for (int b = 0; b < m_blocks.size(); ++b) {
        m_layout->addWidget(new QLabel(blockTitle(*m_controller->trace()->find(m_blocks[b].toStdString()))), b + 1, 0);
        for (int h = 0; h < m_heads; ++h) {
            auto* thumb = new HeatmapWidget;
            thumb->setCompact(true);
            thumb->setMinimumSize(90, 90);
            thumb->setToolTip(tr("%1, head %2: click to open").arg(m_blocks[b]).arg(h));
            const QString stage = m_blocks[b];
            connect(thumb, &HeatmapWidget::cellClicked, this, [this, stage, h] {
                m_controller->selectStage(stage);
                m_controller->selectHead(h);
            });
            m_layout->addWidget(thumb, b + 1, h + 1);
            m_layout->setRowStretch(b + 1, 1);
            m_thumbnails << thumb;
        }
    }
}

void HeadsView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QStringList blocks = weightStages(*trace);
    const int heads = m_controller->traceHeads();
    if (blocks != m_blocks || heads != m_heads) {
        m_blocks = blocks;
        m_heads = heads;
        rebuild();
    }
    const QStringList blocksNow = m_blocks;
    const int headsNow = m_heads;
    auto pool = [trace, blocksNow, headsNow] {
        QList<StageMatrix> out;
        for (const QString& block : blocksNow) {
            const Stage* stage = trace->find(block.toStdString());
            for (int h = 0; h < headsNow; ++h) out << thumbnailMatrix(*trace, *stage, h);
        }
        return out;
    };
    const Stage* first = m_blocks.isEmpty() ? nullptr : trace->find(m_blocks.front().toStdString());
    const bool long_sequence = first && first->dim(1) * first->dim(2) > 256 * 256;
    const quint64 generation = ++m_generation;
    if (!long_sequence) {
        showThumbnails(pool());
        return;
    }
    auto* watcher = new QFutureWatcher<QList<StageMatrix>>(this);
    connect(watcher, &QFutureWatcher<QList<StageMatrix>>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation == m_generation) showThumbnails(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(pool));
}

void HeadsView::updateFrames() {
    for (int b = 0; b < m_blocks.size(); ++b)
        for (int h = 0; h < m_heads && b * m_heads + h < m_thumbnails.size(); ++h)
            m_thumbnails[b * m_heads + h]->setFramed(m_controller->currentStage() == m_blocks[b] && m_controller->currentHead() == h);
}

void HeadsView::showThumbnails(const QList<StageMatrix>& matrices) {
    for (int b = 0; b < m_blocks.size(); ++b)
        for (int h = 0; h < m_heads; ++h) {
            const int k = b * m_heads + h;
            if (k >= matrices.size() || k >= m_thumbnails.size()) return;
            HeatmapWidget* thumb = m_thumbnails[k];
            const StageMatrix& m = matrices[k];
            // A pooled thumbnail of a long sequence holds means of ~1/n: coloured by its own range, not [0, 1].
            thumb->setMatrix(m.data, m.rows, m.cols, m.rowLabels, m.colLabels, m.owned ? ValueScale::Sequential : ValueScale::Probability);
            thumb->setFramed(m_controller->currentStage() == m_blocks[b] && m_controller->currentHead() == h);
        }
}

}  // namespace attn::ui
