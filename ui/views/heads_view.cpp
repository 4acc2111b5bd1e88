#include "views/heads_view.h"

#include "controller/pipeline_model.h"

#include "views/heatmap_widget.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"
#include "teach/attention_sinks.h"

#include <QFutureWatcher>
#include <QGridLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace attn::ui {
namespace {

QStringList weightStages(const Trace& trace) {
    QStringList out;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) out << QString::fromStdString(s.name);
    return out;
}

// "Encoder layer 0" over "self-attention", in the language in force (as the pipeline strip says it).
QString blockTitle(const Stage& stage) { return sectionTitle(stage.at) + '\n' + blockLabel(stage); }

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

QStringList HeadsView::kvGroups() const {
    QStringList out;
    for (const QLabel* bar : m_grid->findChildren<QLabel*>("KvGroup")) out << bar->text();
    return out;
}

int HeadsView::thumbnailCount() const { return static_cast<int>(m_thumbnails.size()); }
HeatmapWidget* HeadsView::thumbnail(int index) const { return m_thumbnails.value(index); }

void HeadsView::rebuild() {
    qDeleteAll(m_grid->findChildren<QWidget*>(QString(), Qt::FindDirectChildrenOnly));
    m_thumbnails.clear();
    m_sinkBadges.clear();
    // Grouped-query attention: a bar over each group of query heads names the K/V head they share.
    const bool grouped = m_kvHeads > 0 && m_kvHeads < m_heads && m_heads % m_kvHeads == 0;
    const int first = grouped ? 2 : 1;  // the row of the first block
    if (grouped) {
        const int group = m_heads / m_kvHeads;
        for (int g = 0; g < m_kvHeads; ++g) {
            auto* bar = new QLabel(tr("K/V head %1").arg(g));
            bar->setObjectName("KvGroup");
            bar->setAlignment(Qt::AlignCenter);
            bar->setFrameShape(QFrame::Box);
            bar->setAutoFillBackground(true);
            bar->setBackgroundRole(g % 2 ? QPalette::AlternateBase : QPalette::Midlight);
            bar->setToolTip(tr("Query heads %1–%2 read the same keys and values: K/V head %3 (grouped-query attention)")
                                .arg(g * group)
                                .arg((g + 1) * group - 1)
                                .arg(g));
            m_layout->addWidget(bar, 0, g * group + 1, 1, group);
        }
    }
    for (int h = 0; h < m_heads; ++h) {
        m_layout->addWidget(new QLabel(tr("head %1").arg(h)), first - 1, h + 1, Qt::AlignHCenter | Qt::AlignBottom);
        m_layout->setColumnStretch(h + 1, 1);
    }
    for (int b = 0; b < m_blocks.size(); ++b) {
        m_layout->addWidget(new QLabel(blockTitle(*m_controller->trace()->find(m_blocks[b].toStdString()))), b + first, 0);
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
            m_layout->addWidget(thumb, b + first, h + 1);
            m_layout->setRowStretch(b + first, 1);
            m_thumbnails << thumb;
            // A corner badge over the thumbnail, shown when the head is an attention sink.
            auto* badge = new QLabel(thumb);
            badge->setAttribute(Qt::WA_TransparentForMouseEvents);
            badge->setAutoFillBackground(true);
            badge->setBackgroundRole(QPalette::ToolTipBase);
            badge->setForegroundRole(QPalette::ToolTipText);
            badge->move(3, 3);
            badge->hide();
            m_sinkBadges << badge;
        }
    }
}

void HeadsView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QStringList blocks = weightStages(*trace);
    const int heads = m_controller->traceHeads(), kvHeads = m_controller->traceKvHeads();
    if (blocks != m_blocks || heads != m_heads || kvHeads != m_kvHeads) {
        m_blocks = blocks;
        m_heads = heads;
        m_kvHeads = kvHeads;
        rebuild();
    }
    const QStringList blocksNow = m_blocks;
    const int headsNow = m_heads;
    auto pool = [trace, blocksNow, headsNow] {
        Overview out;
        for (const QString& block : blocksNow) {
            const Stage* stage = trace->find(block.toStdString());
            const std::vector<double> shares = first_key_share(*stage->tensor());
            for (int h = 0; h < headsNow; ++h) {
                out.thumbnails << thumbnailMatrix(*trace, *stage, h);
                out.firstKeyShares.push_back(h < static_cast<int>(shares.size()) ? shares[static_cast<size_t>(h)] : 0.0);
            }
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
    auto* watcher = new QFutureWatcher<Overview>(this);
    connect(watcher, &QFutureWatcher<Overview>::finished, this, [this, watcher, generation] {
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

int HeadsView::sinkCount() const {
    return static_cast<int>(std::count_if(m_sinkBadges.begin(), m_sinkBadges.end(), [](const QLabel* b) { return !b->isHidden(); }));
}

void HeadsView::showThumbnails(const Overview& overview) {
    const QList<StageMatrix>& matrices = overview.thumbnails;
    for (int b = 0; b < m_blocks.size(); ++b)
        for (int h = 0; h < m_heads; ++h) {
            const int k = b * m_heads + h;
            if (k >= matrices.size() || k >= m_thumbnails.size()) return;
            HeatmapWidget* thumb = m_thumbnails[k];
            const StageMatrix& m = matrices[k];
            const double share = overview.firstKeyShares[static_cast<size_t>(k)];
            QLabel* badge = m_sinkBadges[k];
            badge->setVisible(share > kSinkShare);
            badge->setText(tr("sink %1%").arg(qRound(100 * share)));
            badge->adjustSize();
            thumb->setToolTip(tr("%1, head %2: click to open").arg(m_blocks[b]).arg(h) +
                              (share > kSinkShare ? "\n" + tr("Attention sink: on average %1% of this head's weight goes to the first token")
                                                               .arg(qRound(100 * share))
                                                  : QString()));
            // A pooled thumbnail of a long sequence holds means of ~1/n: coloured by its own range, not [0, 1].
            thumb->setMatrix(m.data, m.rows, m.cols, m.rowLabels, m.colLabels, m.owned ? ValueScale::Sequential : ValueScale::Probability);
            thumb->setFramed(m_controller->currentStage() == m_blocks[b] && m_controller->currentHead() == h);
        }
}

}  // namespace attn::ui
