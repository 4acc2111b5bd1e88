#include "views/online_softmax_view.h"

#include "controller/session_controller.h"
#include "views/heatmap_widget.h"
#include "views/stage_matrix.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace attn::ui {
namespace {

QString number(float v) {
    if (std::isinf(v)) return v < 0 ? QStringLiteral("−∞") : QStringLiteral("∞");
    if (v != 0 && std::abs(v) < 0.01f) return QString::number(v, 'g', 2);  // e^(s − m) far below the max: not "0.00"
    return formatCellValue(v);
}

QString firstFeatures(const std::vector<float>& v) {
    QStringList parts;
    for (size_t d = 0; d < v.size() && d < 4; ++d) parts << number(v[d]);
    if (v.size() > 4) parts << QStringLiteral("…");
    return QStringLiteral("(") + parts.join(QStringLiteral(", ")) + QStringLiteral(")");
}

QTableWidgetItem* cell(const QString& text, const QColor& background = {}) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignCenter);
    if (background.isValid()) item->setBackground(background);
    return item;
}

}  // namespace

OnlineSoftmaxView::OnlineSoftmaxView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_block(new QLabel), m_row(new QSpinBox), m_tile(new QSpinBox),
      m_back(new QPushButton(tr("◀ &Back"))), m_next(new QPushButton(tr("&Next tile ▶"))),
      m_all(new QPushButton(tr("&All tiles"))), m_keys(new QTableWidget), m_tiles(new QTableWidget),
      m_result(new QLabel) {
    m_row->setObjectName("onlineSoftmaxRow");
    m_row->setToolTip(tr("The query row whose softmax is computed tile by tile"));
    m_tile->setObjectName("onlineSoftmaxTile");
    m_tile->setRange(1, 4096);
    m_tile->setValue(4);
    m_tile->setToolTip(tr("Keys read at a time (FlashAttention reads 64 or 128 per tile on a GPU)"));
    m_next->setObjectName("onlineSoftmaxNext");
    m_next->setToolTip(tr("Read the next tile of keys and values: update m, rescale ℓ and o, add the tile"));
    m_back->setToolTip(tr("Go back one tile"));
    m_all->setToolTip(tr("Read every tile and compare with the full softmax"));
    m_block->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setTextFormat(Qt::RichText);
    m_keys->setRowCount(2);
    m_keys->setVerticalHeaderLabels({tr("score s_j"), tr("e^(s_j − m)")});
    m_keys->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_keys->setToolTip(tr("The row's scaled, masked scores; keys already read are shaded, the tile just read is yellow; "
                          "e^(s_j − m) uses the m of the key's own tile"));
    m_keys->setFixedHeight(fontMetrics().height() * 7);  // the header, two rows and a scroll bar
    m_tiles->setColumnCount(6);
    m_tiles->setHorizontalHeaderLabels({tr("keys"), tr("tile max"), tr("m"), tr("rescale\ne^(m_old − m)"), tr("ℓ"),
                                        tr("o (first features)")});
    m_tiles->horizontalHeader()->setSectionResizeMode(5, QHeaderView::Stretch);
    m_tiles->verticalHeader()->hide();  // the keys column says which tile a row is
    m_tiles->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tiles->setToolTip(tr("What is kept after each tile: the running max m, the running sum ℓ and the output o, "
                           "multiplied by e^(m_old − m) when a tile brings a larger score"));

    // Two short rows, so the view fits the narrow right-hand column at 1280 × 720.
    auto* sizes = new QHBoxLayout;
    sizes->addWidget(new QLabel(tr("Query row")));
    sizes->addWidget(m_row);
    sizes->addSpacing(12);
    sizes->addWidget(new QLabel(tr("Tile size")));
    sizes->addWidget(m_tile);
    sizes->addStretch(1);
    auto* steps = new QHBoxLayout;
    steps->addWidget(m_back);
    steps->addWidget(m_next);
    steps->addWidget(m_all);
    steps->addStretch(1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tiles);
    split->addWidget(m_result);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_block);
    layout->addLayout(sizes);
    layout->addLayout(steps);
    layout->addWidget(m_keys);
    layout->addWidget(split, 1);

    connect(m_row, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(m_tile, &QSpinBox::valueChanged, this, [this] {
        m_shown = 1;
        refresh();
    });
    connect(m_next, &QPushButton::clicked, this, [this] { show(m_shown + 1); });
    connect(m_back, &QPushButton::clicked, this, [this] { show(m_shown - 1); });
    connect(m_all, &QPushButton::clicked, this, [this] { show(m_run ? static_cast<int>(m_run->online.tiles.size()) : 1); });
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    connect(controller, &SessionController::selectionChanged, this, [this] { m_lazy.request(); });
    refresh();
}

QString OnlineSoftmaxView::resultText() const { return m_result->text(); }

void OnlineSoftmaxView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    // The selected block (else the first), head and cell row.
    const Stage* weights = selectedAttentionWeights(*trace, m_controller->currentStage());
    if (!weights) return;
    const std::string block = weights->at.block_path();
    const Stage* current = trace->find(m_controller->currentStage().toStdString());
    const int heads = static_cast<int>(weights->dim(0)), rows = static_cast<int>(weights->dim(1));
    const int head = std::clamp(m_controller->currentHead(), 0, heads - 1);
    if (QString::fromStdString(block) != m_shownBlock || head != m_shownHead) m_shown = 1;
    m_shownBlock = QString::fromStdString(block), m_shownHead = head;
    {
        const QSignalBlocker blocker(m_row);
        const bool fresh = m_row->maximum() != rows - 1;
        m_row->setRange(0, rows - 1);
        if (fresh) m_row->setValue(rows - 1);  // the last query: in a causal model it sees every key
        const QPoint cell = m_controller->currentCell();
        if (current && current->at.block_path() == block && cell.y() >= 0 && cell.y() < rows) m_row->setValue(cell.y());
    }
    m_run = online_softmax_row(*trace, block, head, m_row->value(), m_tile->value());
    m_keyLabels = stageMatrix(*trace, *weights, head).colLabels;
    m_block->setText(tr("%1, head %2 (K/V head %3), query row %4: %5 keys, d_v = %6")
                         .arg(m_shownBlock)
                         .arg(head)
                         .arg(m_run->kv_head)
                         .arg(m_run->row)
                         .arg(m_run->scores.size())
                         .arg(m_run->full_result.size()));
    show(m_shown);
}

void OnlineSoftmaxView::show(int tiles) {
    if (!m_run) return;
    const auto& all = m_run->online.tiles;
    m_shown = std::clamp(tiles, 1, static_cast<int>(all.size()));
    m_back->setEnabled(m_shown > 1);
    m_next->setEnabled(m_shown < static_cast<int>(all.size()));
    m_all->setEnabled(m_shown < static_cast<int>(all.size()));

    const int S = static_cast<int>(m_run->scores.size());
    m_keys->setColumnCount(S);
    m_keys->setHorizontalHeaderLabels(m_keyLabels);
    const QColor read = palette().color(QPalette::AlternateBase), now(255, 236, 150);
    for (int t = 0; t < static_cast<int>(all.size()); ++t) {
        const auto& tile = all[static_cast<size_t>(t)];
        const QColor background = t + 1 == m_shown ? now : t < m_shown ? read : QColor();
        for (int64_t j = tile.first; j < tile.end; ++j) {
            const auto jj = static_cast<int>(j);
            m_keys->setItem(0, jj, cell(number(m_run->scores[static_cast<size_t>(j)]), background));
            const bool seen = t < m_shown;
            m_keys->setItem(1, jj, cell(seen ? number(tile.exps[static_cast<size_t>(j - tile.first)]) : QStringLiteral("·"),
                                        background));
            if (t + 1 == m_shown) m_keys->scrollToItem(m_keys->item(0, jj));
        }
    }

    m_tiles->setRowCount(m_shown);
    for (int t = 0; t < m_shown; ++t) {
        const auto& tile = all[static_cast<size_t>(t)];
        const bool raised = tile.max > tile.max_before && t > 0;
        m_tiles->setItem(t, 0, cell(tr("%1–%2").arg(tile.first).arg(tile.end - 1)));
        m_tiles->setItem(t, 1, cell(number(tile.tile_max)));
        m_tiles->setItem(t, 2, cell(raised ? tr("%1 → %2").arg(number(tile.max_before), number(tile.max)) : number(tile.max)));
        m_tiles->setItem(t, 3, cell(t == 0 ? tr("— (first tile)") : number(tile.rescale), raised ? QColor(255, 236, 150) : QColor()));
        m_tiles->setItem(t, 4, cell(number(tile.sum)));
        m_tiles->setItem(t, 5, cell(firstFeatures(tile.output)));
    }
    m_tiles->resizeColumnsToContents();
    m_keys->resizeColumnsToContents();
    m_tiles->scrollToBottom();

    const auto kept = m_run->online.floats_kept;
    const QString memory = tr("Kept for this row: m, ℓ and o, %1 floats, however many keys there are; the full softmax "
                              "holds the row's %2 weights. The arithmetic is the same %2 exponentials and multiply-adds "
                              "with V, plus one rescale of ℓ and o per tile: FlashAttention saves memory, not arithmetic.")
                               .arg(kept)
                               .arg(S);
    const auto& last = all[static_cast<size_t>(m_shown - 1)];
    QString state;
    if (m_shown < static_cast<int>(all.size())) {
        state = tr("With %1 of %2 tiles read, o / ℓ = %3: the attention over the keys read so far. The next tile may "
                   "bring a larger score, and then everything kept is multiplied by e^(m_old − m_new).")
                    .arg(m_shown)
                    .arg(all.size())
                    .arg(firstFeatures(last.so_far));
    } else {
        state = tr("<b>Done.</b> o / ℓ = %1; the full softmax·V of the trace = %2. Largest difference: %3 "
                   "(float32 rounding of a different order of additions; the tests allow 10⁻⁶).")
                    .arg(firstFeatures(last.so_far), firstFeatures(m_run->full_result))
                    .arg(QString::number(m_run->max_difference, 'g', 2));
    }
    m_result->setText(state + QStringLiteral("<br><br>") + memory);
}

}  // namespace attn::ui
