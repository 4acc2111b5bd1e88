#include "panels/positional_panel.h"

#include "views/heatmap_widget.h"
#include "teach/positional_view.h"
#include "controller/session_controller.h"

#include "views/plot_style.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QCoreApplication>
#include <QGridLayout>
#include <QLabel>

namespace attn::ui {
namespace {

struct Choice {
    const char* id;
    PositionalEncoding encoding;
    double base;
};
const Choice kChoices[] = {{"sinusoidal", PositionalEncoding::Sinusoidal, 10000.0},
                           {"base2", PositionalEncoding::Sinusoidal, 2.0},
                           {"binary", PositionalEncoding::Binary, 10000.0},
                           {"learned", PositionalEncoding::Learned, 10000.0},
                           {"rope", PositionalEncoding::Rope, 10000.0},
                           {"alibi", PositionalEncoding::Alibi, 10000.0},
                           {"none", PositionalEncoding::None, 10000.0}};
const QColor kCurveColors[] = {QColor("#0072B2"), QColor("#D55E00"), QColor("#009E73"), QColor("#CC79A7")};

}  // namespace

PositionalPanel::PositionalPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_encoding(new QComboBox), m_tableTitle(new QLabel),
      m_similarityTitle(new QLabel), m_table(new HeatmapWidget), m_curves(new QCustomPlot), m_similarity(new HeatmapWidget) {
    m_encoding->addItems({tr("Sinusoidal (base 10000)"), tr("Sinusoidal, base 2"), tr("Binary: sin, cos of p / 2^j"), tr("Learned"), tr("RoPE (rotary)"),
                          tr("ALiBi (linear bias)"), tr("None")});
    m_encoding->setToolTip(tr("Switch the model's positional encoding and watch the attention change (undoable)"));
    connect(m_encoding, &QComboBox::activated, this, &PositionalPanel::choose);
    m_curves->setToolTip(tr("A few columns of the table plotted against position"));
    m_curves->xAxis->setLabel(tr("position"));
    m_curves->legend->setVisible(true);

    auto* layout = new QGridLayout(this);
    layout->addWidget(new QLabel(tr("Encoding:")), 0, 0);
    layout->addWidget(m_encoding, 0, 1);
    layout->addWidget(m_tableTitle, 1, 0, 1, 2);
    layout->addWidget(m_table, 2, 0, 1, 2);
    layout->addWidget(m_curves, 3, 0, 1, 2);
    layout->addWidget(m_similarityTitle, 1, 2);
    layout->addWidget(m_similarity, 2, 2, 2, 1);
    layout->setRowStretch(2, 1);
    layout->setRowStretch(3, 1);
    layout->setColumnStretch(1, 1);
    layout->setColumnStretch(2, 1);
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    refresh();
}

void PositionalPanel::choose(int index) {
    Config c = m_controller->session().config;
    c.positional_encoding = kChoices[index].encoding;
    if (c.positional_encoding != PositionalEncoding::Sinusoidal && c.positional_encoding != PositionalEncoding::Binary)
        c.pe_concat = 0;  // only a fixed table can be concatenated
    if (c.positional_encoding == PositionalEncoding::Sinusoidal) c.pe_base = kChoices[index].base;
    m_controller->setConfig(c, tr("Positional encoding: %1").arg(m_encoding->itemText(index)));
}

void PositionalPanel::refresh() {
    const auto model = m_controller->model();
    const auto trace = m_controller->trace();
    if (!model || !trace) return;
    const Config& c = model->config;
    for (int i = 0; i < static_cast<int>(std::size(kChoices)); ++i)
        if (kChoices[i].encoding == c.positional_encoding) {
            const bool base2 = c.positional_encoding == PositionalEncoding::Sinusoidal && c.pe_base == 2.0;
            m_encoding->setCurrentIndex(base2 ? 1 : i);
            break;
        }

    // Enough positions to see the pattern, even for a short sentence.
    const int64_t T = std::min<int64_t>(std::max<int64_t>(static_cast<int64_t>(trace->src_tokens.size()), 32), c.max_len);
    const PositionalView view = positional_view(*model, T);
    QStringList positions, columns, similarityLabels;
    for (int64_t p = 0; p < T; ++p) positions << QString::number(p);
    for (int64_t j = 0; j < view.table.cols(); ++j) columns << QString::number(j);

    m_tableTitle->setText(QCoreApplication::translate("attn", view.table_title.c_str()));
    const bool signedTable = view.table.minCoeff() < 0;
    m_table->setMatrix(view.table.data(), static_cast<int>(view.table.rows()), static_cast<int>(view.table.cols()),
                       positions, columns, signedTable ? ValueScale::Diverging : ValueScale::Sequential);
    m_table->setAxisTitles(tr("position"), view.columns_are_heads ? tr("head") : tr("column"));
    m_table->setShowValues(false);
    m_similarityTitle->setText(QCoreApplication::translate("attn", view.similarity_title.c_str()));
    m_similarity->setMatrix(view.similarity.data(), static_cast<int>(T), static_cast<int>(T), positions, positions,
                            view.similarity.minCoeff() < 0 ? ValueScale::Diverging : ValueScale::Sequential);
    m_similarity->setAxisTitles(tr("position i"), tr("position j"));
    m_similarity->setShowValues(false);

    m_curves->clearGraphs();
    for (size_t k = 0; k < view.curve_columns.size(); ++k) {
        const int col = view.curve_columns[k];
        QVector<double> x, y;
        for (int64_t p = 0; p < T; ++p) {
            x << static_cast<double>(p);
            y << view.table(p, col);
        }
        QCPGraph* graph = m_curves->addGraph();
        graph->setData(x, y);
        graph->setName(view.columns_are_heads ? tr("head %1").arg(col) : tr("column %1").arg(col));
        graph->setPen(QPen(kCurveColors[k % 4], 2));
    }
    m_curves->rescaleAxes();
    m_curves->replot(QCustomPlot::rpQueuedReplot);
}

void PositionalPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPlotPalette(m_curves, palette());
    }
}

}  // namespace attn::ui
