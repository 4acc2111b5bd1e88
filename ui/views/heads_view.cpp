#include "views/heads_view.h"

#include "views/busy_overlay.h"

#include "controller/pipeline_model.h"

#include "views/heatmap_widget.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"
#include "teach/attention_sinks.h"
#include "teach/head_detector.h"
#include "engine/interventions.h"

#include <QFutureWatcher>
#include <QGridLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QEvent>
#include <QMenu>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace attn::ui {
namespace {

bool sameModel(const std::shared_ptr<const Model>& a, const std::shared_ptr<const Model>& b) {
    return a && b && (a == b || (a->config == b->config && a->weights == b->weights));
}

QStringList weightStages(const Trace& trace) {
    QStringList out;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) out << QString::fromStdString(s.name);
    return out;
}

// "Encoder layer 0 · self-attention", in the language in force (as the pipeline strip says it).
QString blockTitle(const Stage& stage) { return sectionTitle(stage.at) + QStringLiteral(" · ") + blockLabel(stage); }

// A badge or mark no wider than its thumbnail: its font shrinks (to 7 pt at least) rather than be cut.
void fitWidth(QLabel* label, int width) {
    QFont font = label->parentWidget()->font();
    label->setFont(font);
    while (label->sizeHint().width() > width && font.pointSizeF() > 7) {
        font.setPointSizeF(font.pointSizeF() - 0.5);
        label->setFont(font);
    }
    label->adjustSize();
}

// Small enough that four heads fit the dock beside the heatmap at 1280 × 720 without scrolling.
constexpr int kThumbnailSide = 60;

}  // namespace

HeadsView::HeadsView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_grid(new QWidget), m_layout(new QGridLayout(m_grid)) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_grid);
    scroll->setWidgetResizable(true);
    // Which heads are knocked out, and a way back: shown while any is.
    m_knockBar = new QLabel;
    m_knockBar->setObjectName("KnockOutBar");
    m_knockBar->setWordWrap(true);
    m_restore = new QPushButton(tr("&Restore every head"));
    m_restore->setToolTip(tr("Put every knocked-out head back (undo with Ctrl+Z)"));
    connect(m_restore, &QPushButton::clicked, controller, &SessionController::restoreAllHeads);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    bar->addWidget(m_knockBar, 1);
    bar->addWidget(m_restore);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(scroll);
    auto* knock = new QAction(tr("Knock out the selected head"), this);
    knock->setShortcut(Qt::Key_K);
    knock->setShortcutContext(Qt::WindowShortcut);
    connect(knock, &QAction::triggered, this, &HeadsView::toggleSelectedHead);
    addAction(knock);
    connect(controller, &SessionController::sessionChanged, this, &HeadsView::updateKnockOuts);
    new BusyOverlay(controller, scroll);
    setToolTip(tr("Attention weights of every layer and head; click one to open it, right-click to knock it out"));
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    // Another stage or head on the same trace only moves the orange frame.
    connect(controller, &SessionController::selectionChanged, this, &HeadsView::updateFrames);
    refresh();
    updateKnockOuts();
}

std::optional<std::pair<int, int>> HeadsView::knockable(int index) const {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    if (!trace || !model || index < 0 || index >= m_blocks.size() * m_heads) return std::nullopt;
    const Stage* stage = trace->find(m_blocks[index / m_heads].toStdString());
    if (!stage || stage->at.block != BlockKind::SelfAttention || stage->at.stack != predicting_stack(model->config)) return std::nullopt;
    return std::pair{stage->at.layer, index % m_heads};
}

bool HeadsView::canKnockOut(int index) const { return knockable(index).has_value(); }

QMenu* HeadsView::knockOutMenu(int index) {
    const auto head = knockable(index);
    if (!head) return nullptr;
    delete m_menu;
    m_menu = new QMenu(this);
    const auto [layer, h] = *head;
    auto* out = m_menu->addAction(tr("Knock out head %1.%2").arg(layer).arg(h));
    out->setCheckable(true);
    out->setChecked(m_controller->isKnockedOut(layer, h));
    out->setToolTip(tr("Its output is removed before W_O: the predictions and every later stage show what it did"));
    connect(out, &QAction::toggled, this, [this, layer, h](bool on) { m_controller->setKnockedOut(layer, h, on); });
    auto* mean = m_menu->addAction(tr("Knocked-out heads pass on their mean"));
    mean->setCheckable(true);
    mean->setChecked(m_controller->session().knock_out_mean);
    mean->setToolTip(tr("Mean ablation: each knocked-out head passes on its mean output over the text instead of zeros"));
    connect(mean, &QAction::toggled, m_controller, &SessionController::setKnockOutMean);
    m_menu->addSeparator();
    auto* restore = m_menu->addAction(tr("Restore every head"));
    restore->setEnabled(!m_controller->session().knocked_out.empty());
    connect(restore, &QAction::triggered, m_controller, &SessionController::restoreAllHeads);
    return m_menu;
}

bool HeadsView::knockedOutMarkShown(int index) const {
    return index >= 0 && index < m_knockMarks.size() && !m_knockMarks[index]->isHidden();
}

QString HeadsView::knockedOutSummary() const { return m_knockBar->isHidden() ? QString() : m_knockBar->text(); }

void HeadsView::toggleSelectedHead() {
    const int b = static_cast<int>(m_blocks.indexOf(m_controller->currentStage()));
    if (b < 0) return;
    const auto head = knockable(b * m_heads + m_controller->currentHead());
    if (head) m_controller->setKnockedOut(head->first, head->second, !m_controller->isKnockedOut(head->first, head->second));
}

void HeadsView::updateKnockOuts() {
    const Session& s = m_controller->session();
    for (int i = 0; i < m_knockMarks.size(); ++i) {
        const auto head = knockable(i);
        m_knockMarks[i]->setVisible(head && m_controller->isKnockedOut(head->first, head->second));
    }
    QStringList heads;
    for (const std::string& h : s.knocked_out) heads << QString::fromStdString(h);
    m_knockBar->setText(s.knock_out_mean ? tr("Knocked out: %1 (each passes on its mean)").arg(heads.join(QStringLiteral(", ")))
                                         : tr("Knocked out: %1 (each passes on zeros)").arg(heads.join(QStringLiteral(", "))));
    m_knockBar->setVisible(!heads.isEmpty());
    m_restore->setVisible(!heads.isEmpty());
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
    m_badges.clear();
    m_knockMarks.clear();
    m_marks.clear();
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
            m_layout->addWidget(bar, 0, g * group, 1, group);
        }
    }
    for (int h = 0; h < m_heads; ++h) {
        m_layout->addWidget(new QLabel(tr("head %1").arg(h)), first - 1, h, Qt::AlignHCenter | Qt::AlignBottom);
        m_layout->setColumnStretch(h, 1);
    }
    // Each block's title on a line of its own above its heads: the thumbnails get the dock's width.
    for (int b = 0; b < m_blocks.size(); ++b) {
        const int row = first + 2 * b;
        m_layout->addWidget(new QLabel(blockTitle(*m_controller->trace()->find(m_blocks[b].toStdString()))), row, 0, 1, m_heads);
        for (int h = 0; h < m_heads; ++h) {
            auto* thumb = new HeatmapWidget;
            thumb->setCompact(true);
            thumb->setMinimumSize(kThumbnailSide, kThumbnailSide);
            thumb->setToolTip(tr("%1, head %2: click to open").arg(m_blocks[b]).arg(h));
            const QString stage = m_blocks[b];
            connect(thumb, &HeatmapWidget::cellClicked, this, [this, stage, h] {
                m_controller->selectStage(stage);
                m_controller->selectHead(h);
            });
            m_layout->addWidget(thumb, row + 1, h);
            m_layout->setRowStretch(row + 1, 1);
            m_thumbnails << thumb;
            // A corner badge over the thumbnail, shown when the head detector marks the head.
            auto* badge = new QLabel(thumb);
            badge->setAttribute(Qt::WA_TransparentForMouseEvents);
            badge->setAutoFillBackground(true);
            badge->setBackgroundRole(QPalette::ToolTipBase);
            badge->setForegroundRole(QPalette::ToolTipText);
            badge->move(3, 3);
            badge->hide();
            m_badges << badge;
            // A knocked-out head: crossed out in the corner below, whatever its marks.
            auto* out = new QLabel(tr("✕ knocked out"), thumb);
            out->setAttribute(Qt::WA_TransparentForMouseEvents);
            out->setStyleSheet(QStringLiteral("background: #C0392B; color: white; padding: 1px 3px;"));
            out->hide();
            thumb->installEventFilter(this);  // placed at the foot as the thumbnail resizes
            m_knockMarks << out;
            const int index = static_cast<int>(m_thumbnails.size()) - 1;
            thumb->setContextMenuPolicy(Qt::CustomContextMenu);
            connect(thumb, &QWidget::customContextMenuRequested, this, [this, index, thumb](const QPoint& at) {
                if (QMenu* menu = knockOutMenu(index)) menu->popup(thumb->mapToGlobal(at));
            });
            m_marks << QStringList();
        }
    }
}

bool HeadsView::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Resize)
        if (const int k = static_cast<int>(m_thumbnails.indexOf(static_cast<HeatmapWidget*>(watched))); k >= 0 && k < m_knockMarks.size()) {
            QLabel* mark = m_knockMarks[k];
            fitWidth(mark, m_thumbnails[k]->width() - 6);
            fitWidth(m_badges[k], m_thumbnails[k]->width() - 6);
            mark->move(3, m_thumbnails[k]->height() - mark->height() - 3);
        }
    return QWidget::eventFilter(watched, event);
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
        updateKnockOuts();
    }
    const QStringList blocksNow = m_blocks;
    const int headsNow = m_heads;
    const auto model = m_controller->model();
    const auto induction = model && sameModel(m_inductionModel, model) ? m_induction : nullptr;
    // Measuring a big model's induction heads (four forward passes) is one job of its own.
    const bool big_probe = model && !induction &&
                           static_cast<int64_t>(model->config.d_model) * model->config.d_model *
                                   (model->config.encoder_layers() + model->config.decoder_layers()) > 4'000'000;
    if (big_probe && !sameModel(m_probing, model)) startInductionProbe(model);
    auto pool = [trace, blocksNow, headsNow, model, induction, big_probe] {
        Overview out;
        out.induction = induction;
        out.inductionModel = model;
        bool measured = false;  // previous-token and induction scores: the stack that reads the text
        try {  // a model without a vocab has no induction probe
            if (model && !out.induction && !big_probe)
                out.induction = std::make_shared<const std::vector<std::vector<double>>>(induction_scores_of(*model));
            measured = model != nullptr;
        } catch (const std::exception&) {  // the thumbnails are drawn unmarked
        }
        static const std::vector<std::vector<double>> notYet;  // the probe's marks come when it ends
        const auto& induction_table = out.induction ? *out.induction : notYet;
        const std::vector<std::string> measuredStages = measured ? self_attention_stages(model->config) : std::vector<std::string>{};
        for (const QString& block : blocksNow) {
            const Stage* stage = trace->find(block.toStdString());
            const auto it = std::find(measuredStages.begin(), measuredStages.end(), stage->name);
            for (int h = 0; h < headsNow; ++h) {
                // One head at a time: a big trace derives it alone (4 MB at 1024 tokens; a layer is 50 MB).
                StageMatrix head = stageMatrix(*trace, *stage, h);
                const ConstMatMap weights(head.data, head.rows, head.cols);
                Scores scores;
                scores.firstToken = first_key_share(weights);
                if (it != measuredStages.end()) {
                    const HeadScores s = score_head(stage->name, static_cast<int>(it - measuredStages.begin()), h, weights, induction_table);
                    scores = {s.previous_token, s.induction, s.first_token};
                }
                out.thumbnails << thumbnailOf(std::move(head));
                out.scores.push_back(scores);
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

void HeadsView::startInductionProbe(std::shared_ptr<const Model> model) {
    m_probing = model;
    ++m_probes;
    using Scores = std::shared_ptr<const std::vector<std::vector<double>>>;
    auto* watcher = new QFutureWatcher<Scores>(this);
    connect(watcher, &QFutureWatcher<Scores>::finished, this, [this, watcher, model] {
        watcher->deleteLater();
        if (m_probing == model) m_probing.reset();
        // A model the probe cannot measure (no vocab to draw from) is not probed again either.
        m_induction = watcher->result() ? watcher->result() : std::make_shared<const std::vector<std::vector<double>>>();
        m_inductionModel = model;
        if (sameModel(model, m_controller->model())) m_lazy.request();  // mark the heads of the trace on screen
    });
    watcher->setFuture(QtConcurrent::run([model]() -> Scores {
        try {
            return std::make_shared<const std::vector<std::vector<double>>>(induction_scores_of(*model));
        } catch (const std::exception&) {  // no vocab to probe with: no induction marks
            return nullptr;
        }
    }));
}

void HeadsView::updateFrames() {
    for (int b = 0; b < m_blocks.size(); ++b)
        for (int h = 0; h < m_heads && b * m_heads + h < m_thumbnails.size(); ++h)
            m_thumbnails[b * m_heads + h]->setFramed(m_controller->currentStage() == m_blocks[b] && m_controller->currentHead() == h);
}

int HeadsView::sinkCount() const {
    return static_cast<int>(std::count_if(m_marks.begin(), m_marks.end(), [](const QStringList& m) { return m.contains("sink"); }));
}

QStringList HeadsView::marksOf(int index) const { return m_marks.value(index); }

void HeadsView::showThumbnails(const Overview& overview) {
    const QList<StageMatrix>& matrices = overview.thumbnails;
    if (overview.induction) {  // a probe that ended meanwhile is not undone by a job started before it
        m_induction = overview.induction;
        m_inductionModel = overview.inductionModel;
    }
    for (int b = 0; b < m_blocks.size(); ++b)
        for (int h = 0; h < m_heads; ++h) {
            const int k = b * m_heads + h;
            if (k >= matrices.size() || k >= m_thumbnails.size()) return;
            HeatmapWidget* thumb = m_thumbnails[k];
            const StageMatrix& m = matrices[k];
            const Scores& scores = overview.scores[static_cast<size_t>(k)];
            QStringList marks, badgeLines;
            QString tip = tr("%1, head %2: click to open").arg(m_blocks[b]).arg(h);
            if (scores.previousToken >= kPreviousTokenThreshold) {
                marks << "previous-token";
                badgeLines << tr("prev %1%").arg(qRound(100 * scores.previousToken));
                tip += "\n" + tr("Previous-token head: on average %1% of each token's weight goes to the token before it")
                                   .arg(qRound(100 * scores.previousToken));
            }
            if (scores.induction >= kInductionThreshold) {
                marks << "induction";
                badgeLines << tr("induction %1%").arg(qRound(100 * scores.induction));
                tip += "\n" + tr("Induction head: on a random sequence repeated twice, %1% of the weight goes to the token after the "
                                  "earlier occurrence of the current one").arg(qRound(100 * scores.induction));
            }
            if (scores.firstToken > kSinkShare) {
                marks << "sink";
                badgeLines << tr("sink %1%").arg(qRound(100 * scores.firstToken));
                tip += "\n" + tr("Attention sink: on average %1% of this head's weight goes to the first token").arg(qRound(100 * scores.firstToken));
            }
            m_marks[k] = marks;
            QLabel* badge = m_badges[k];
            badge->setVisible(!marks.isEmpty());
            badge->setText(badgeLines.join('\n'));
            fitWidth(badge, thumb->width() - 6);
            thumb->setToolTip(tip);
            // A pooled thumbnail of a long sequence holds means of ~1/n: coloured by its own range, not [0, 1].
            thumb->setMatrix(m.data, m.rows, m.cols, m.rowLabels, m.colLabels, m.owned ? ValueScale::Sequential : ValueScale::Probability);
            thumb->setFramed(m_controller->currentStage() == m_blocks[b] && m_controller->currentHead() == h);
        }
}

}  // namespace attn::ui
