#include "views/logit_lens_view.h"

#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QScrollBar>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <numeric>

namespace attn::ui {

LogitLensView::LogitLensView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_message(new QLabel), m_positions(new QSpinBox), m_table(new QTableWidget) {
    m_message->setWordWrap(true);
    m_positions->setObjectName("lensPositions");
    m_positions->setRange(1, 1024);
    m_positions->setValue(12);
    m_positions->setToolTip(tr("How many of the last positions to read (each reads the whole vocabulary at every layer)"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setToolTip(tr("Each cell: the most probable token read from the residual stream after that layer, through the final "
                           "norm and the output head; hover for the top three"));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Last positions")));
    controls->addWidget(m_positions);
    controls->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(controls);
    layout->addWidget(m_table, 1);
    connect(m_positions, &QSpinBox::valueChanged, this, [this] { refresh(); });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_watcher.isCanceled() || m_watcher.future().resultCount() == 0) return;
        if (const Result& result = m_watcher.result(); result.error.empty()) show(result);
        else m_message->setText(QString::fromStdString(result.error));  // said where the table would be
    });
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    refresh();
}

LogitLensView::~LogitLensView() {
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

QString LogitLensView::message() const { return m_message->text(); }
void LogitLensView::waitForLens() { m_watcher.waitForFinished(); }

void LogitLensView::refresh() {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    if (!trace || !model) return;
    if (!trace->find("output.logits")) {
        m_message->setText(tr("This model has no output head, so there is no guess to read after each layer."));
        m_table->clear();
        m_table->setRowCount(0), m_table->setColumnCount(0);
        return;
    }
    m_message->setText(tr("What the model would predict at each position, read after each layer as if the layers after it were "
                          "not there (the logit lens): the last row is its prediction."));
    const auto T = static_cast<int64_t>(model->config.architecture == Architecture::EncoderDecoder ? trace->tgt_tokens.size()
                                                                                                  : trace->src_tokens.size());
    std::vector<int64_t> positions(static_cast<size_t>(std::min<int64_t>(T, m_positions->value())));
    std::iota(positions.begin(), positions.end(), T - static_cast<int64_t>(positions.size()));
    m_watcher.setFuture(QtConcurrent::run([model, trace, positions] {
        try {
            return Result{logit_lens(*model, *trace, 3, positions), trace, {}};
        } catch (const Error& e) {
            return Result{{}, trace, e.what()};
        } catch (const std::bad_alloc&) {
            return Result{{}, trace, tr("out of memory: use fewer tokens or a smaller model").toStdString()};
        }
    }));
}

void LogitLensView::show(const Result& result) {
    const LogitLens& lens = result.lens;
    const Trace& trace = *result.trace;
    const auto& tokens = trace.tgt_tokens.empty() ? trace.src_tokens : trace.tgt_tokens;
    m_table->clear();
    m_table->setRowCount(static_cast<int>(lens.rows.size()));
    m_table->setColumnCount(static_cast<int>(lens.positions.size()));
    QStringList columns, rows;
    for (int64_t p : lens.positions) columns << QStringLiteral("%1 %2").arg(p).arg(QString::fromStdString(tokens.at(static_cast<size_t>(p))));
    for (const LensRow& row : lens.rows) rows << (row.layer == "embeddings" ? tr("embeddings") : tr("layer %1").arg(QString::fromStdString(row.layer)));
    m_table->setHorizontalHeaderLabels(columns);
    m_table->setVerticalHeaderLabels(rows);
    const auto label = [&trace](int32_t id) { return vocabLabel(trace, id); };
    for (int r = 0; r < static_cast<int>(lens.rows.size()); ++r)
        for (int c = 0; c < static_cast<int>(lens.positions.size()); ++c) {
            const auto& top = lens.rows[static_cast<size_t>(r)].top[static_cast<size_t>(c)];
            auto* item = new QTableWidgetItem(QStringLiteral("%1  %2 %").arg(label(top.front().id)).arg(100.0 * top.front().probability, 0, 'f', 0));
            QStringList tip;
            for (const Candidate& candidate : top) tip << QStringLiteral("%1: %2 %").arg(label(candidate.id)).arg(100.0 * candidate.probability, 0, 'f', 1);
            item->setToolTip(tip.join('\n'));
            QColor shade(0, 114, 178);  // deeper blue for a surer guess
            shade.setAlphaF(0.15 + 0.6 * static_cast<float>(top.front().probability));
            item->setBackground(shade);
            item->setTextAlignment(Qt::AlignCenter);
            m_table->setItem(r, c, item);
        }
    // The last position is the one a learner asks about: scrolled into view once the columns have
    // their sizes (ResizeToContents sets them at the next layout, after which a scroll made now is short).
    QTimer::singleShot(0, m_table, [table = m_table] { table->horizontalScrollBar()->setValue(table->horizontalScrollBar()->maximum()); });
}

}  // namespace attn::ui
