#include "views/cost_view.h"

#include "engine/cost.h"
#include "views/plot_style.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <qcustomplot.h>

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace attn::ui {
namespace {

QString bytesText(double bytes) { return QLocale().formattedDataSize(static_cast<qint64>(bytes), 1, QLocale::DataSizeSIFormat); }

QString countText(int64_t n) {
    if (n < 10'000) return QString::number(n);
    if (n < 10'000'000) return QObject::tr("%1 k").arg(static_cast<double>(n) / 1e3, 0, 'f', 1);
    if (n < 10'000'000'000) return QObject::tr("%1 M").arg(static_cast<double>(n) / 1e6, 0, 'f', 1);
    return QObject::tr("%1 G").arg(static_cast<double>(n) / 1e9, 0, 'f', 1);
}

}  // namespace

CostView::CostView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_summary(new QLabel), m_table(new QTableWidget),
      m_measure(new QPushButton(tr("&Measure time and memory against length"))), m_progress(new QProgressBar),
      m_plot(new QCustomPlot) {
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_table->setColumnCount(4);
    m_table->setHorizontalHeaderLabels({tr("stage"), tr("shape"), tr("memory"), tr("multiply-adds")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setToolTip(tr("What each stage keeps (4 bytes a float) and the multiply-adds that computed it; click a row to show it"));
    m_measure->setObjectName("measureCost");
    m_measure->setToolTip(tr("Run the engine on 8, 16, … 512 random tokens with this config and plot its time and memory"));
    m_progress->hide();

    m_plot->setMinimumHeight(220);
    m_plot->xAxis->setLabel(tr("sequence length n"));
    m_plot->yAxis->setLabel(tr("time per forward pass (ms)"));
    m_plot->yAxis2->setLabel(tr("trace memory (MB)"));
    m_plot->yAxis2->setVisible(true);
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->yAxis2}) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    auto* time = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis);
    time->setName(tr("time"));
    time->setPen(QPen(QColor("#0072B2"), 2.5));
    time->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 7));
    auto* memory = m_plot->addGraph(m_plot->xAxis, m_plot->yAxis2);
    memory->setName(tr("memory"));
    memory->setPen(QPen(QColor("#D55E00"), 2.5, Qt::DashLine));
    memory->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 7));
    m_plot->legend->setVisible(true);
    // Until something is measured, say what the empty plot is for.
    m_hint = new QCPItemText(m_plot);
    m_hint->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_hint->position->setCoords(0.5, 0.5);
    m_hint->setText(tr("Press “Measure” to time the engine\non 8, 16, … 512 tokens with this model"));
    m_hint->setColor(palette().color(QPalette::PlaceholderText));
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignLeft);
    applyPlotPalette(m_plot, palette());

    auto* bottom = new QWidget;
    auto* bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto* row = new QHBoxLayout;
    row->addWidget(m_measure);
    row->addWidget(m_progress, 1);
    bottomLayout->addLayout(row);
    bottomLayout->addWidget(m_plot, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_table);
    split->addWidget(bottom);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    connect(m_measure, &QPushButton::clicked, this, [this] {
        if (isMeasuring()) m_watcher.cancel();
        else measure();
    });
    connect(&m_watcher, &QFutureWatcherBase::resultReadyAt, this, [this](int i) { addPoint(m_watcher.resultAt(i)); });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, m_progress, &QProgressBar::setValue);
    connect(&m_watcher, &QFutureWatcherBase::finished, this, [this] {
        m_progress->hide();
        m_measure->setText(tr("&Measure time and memory against length"));
    });
    connect(m_table, &QTableWidget::cellClicked, this, [this](int r, int) {
        if (auto* item = m_table->item(r, 0)) m_controller->selectStage(item->text());
    });
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    connect(controller, &SessionController::selectionChanged, this, [this] { m_lazy.request(); });
    refresh();
}

CostView::~CostView() {
    m_watcher.cancel();
    m_watcher.waitForFinished();
}

QString CostView::summary() const { return m_summary->text(); }
bool CostView::isMeasuring() const { return m_watcher.isRunning(); }
void CostView::waitForMeasurement() { m_watcher.waitForFinished(); }

void CostView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const Config& config = m_controller->session().config;
    const std::vector<StageCost> costs = stage_costs(*trace, config);
    m_table->setRowCount(static_cast<int>(costs.size()));
    int64_t floats = 0, madds = 0, row = 0;
    for (size_t i = 0; i < costs.size(); ++i) {
        const StageCost& c = costs[i];
        const Stage& stage = trace->stages()[i];
        const bool alias = !stage.alias_of.empty();  // shares its tensor with the stage it names
        if (!alias) floats += c.floats;
        madds += c.multiply_adds;
        const QStringList cells = {QString::fromStdString(c.stage), shapeText(stage),
                                   alias ? tr("(shared)") : bytesText(4.0 * static_cast<double>(c.floats)),
                                   c.multiply_adds ? countText(c.multiply_adds) : QStringLiteral("–")};
        for (int col = 0; col < 4; ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            if (col > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(static_cast<int>(row), col, item);
        }
        if (QString::fromStdString(c.stage) == m_controller->currentStage()) m_table->selectRow(static_cast<int>(row));
        ++row;
    }

    // The mask of the selected block (or the first one): the share of QKᵀ a sparse kernel would compute.
    QString sparsity;
    const Stage* current = trace->find(m_controller->currentStage().toStdString());
    const Stage* mask = current ? trace->find(StageKind::Mask, current->at) : nullptr;
    for (const Stage& s : trace->stages())
        if (!mask && s.kind == StageKind::Mask) mask = &s;
    if (mask) {
        const double open = attended_fraction(*mask->tensor());
        sparsity = tr("<br>The mask of <i>%1</i> lets through %2% of the query–key pairs: a kernel that skips hidden "
                      "pairs (sliding window, block-sparse) would do that share of the QKᵀ and weights·V work. "
                      "This engine computes every pair, to show them all.")
                       .arg(QString::fromStdString(mask->name))
                       .arg(100.0 * open, 0, 'f', 0);
    }
    const int64_t T = static_cast<int64_t>(trace->src_tokens.size());
    m_summary->setText(tr("<b>%1 multiply-adds</b> and <b>%2</b> of intermediates for n = %3 tokens, d_model = %4. "
                          "Scores and weights grow as n², projections and the feed-forward as n.")
                           .arg(countText(madds), bytesText(4.0 * static_cast<double>(floats)))
                           .arg(T)
                           .arg(config.d_model) +
                       sparsity);
}

void CostView::measure(int maxLength) {
    if (isMeasuring()) return;
    for (int g = 0; g < m_plot->graphCount(); ++g) m_plot->graph(g)->data()->clear();
    QList<int> lengths;
    for (int n = 8; n <= maxLength; n *= 2) lengths << n;
    const Config config = m_controller->session().config;
    // Lengths whose trace would not fit in memory are left out, not attempted.
    const bool two = config.has_encoder() && config.has_decoder();
    while (!lengths.isEmpty() &&
           !memory_problem(config, lengths.back(), two ? lengths.back() : 0, SessionController::kMaxTraceBytes).empty())
        lengths.removeLast();
    if (lengths.isEmpty()) {
        m_summary->setText(m_summary->text() + tr("<br>This model is too big to measure here."));
        return;
    }
    m_progress->setRange(0, static_cast<int>(lengths.size()));
    m_progress->setValue(0);
    m_progress->show();
    m_measure->setText(tr("Stop &measuring"));
    m_watcher.setFuture(QtConcurrent::run([config, lengths](QPromise<LengthMeasurement>& promise) {
        promise.setProgressRange(0, static_cast<int>(lengths.size()));
        for (int i = 0; i < lengths.size(); ++i) {
            if (promise.isCanceled()) return;
            promise.addResult(measure_length(config, lengths[i]));
            promise.setProgressValue(i + 1);
        }
    }));
}

void CostView::addPoint(const LengthMeasurement& m) {
    m_hint->setVisible(false);
    m_plot->graph(0)->addData(m.n, m.ms);
    m_plot->graph(1)->addData(m.n, m.trace_mb);
    m_plot->rescaleAxes();
    m_plot->replot();
}

}  // namespace attn::ui
