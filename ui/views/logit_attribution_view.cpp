#include "views/logit_attribution_view.h"

#include "controller/session_controller.h"
#include "engine/generate.h"
#include "engine/interventions.h"
#include "views/heatmap_widget.h"
#include "views/stage_matrix.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <numeric>

namespace attn::ui {
namespace {

constexpr int kTokensOffered = 5;

QString signedValue(double v) { return (v >= 0 ? QStringLiteral("+") : QString()) + formatCellValue(static_cast<float>(v)); }

const std::vector<std::string>& predictedTokens(const Trace& trace) { return trace.tgt_tokens.empty() ? trace.src_tokens : trace.tgt_tokens; }

}  // namespace

LogitAttributionView::LogitAttributionView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_message(new QLabel), m_position(new QSpinBox), m_token(new QComboBox),
      m_map(new HeatmapWidget), m_totals(new QLabel), m_hover(new QLabel) {
    m_message->setWordWrap(true);
    m_totals->setWordWrap(true);
    m_hover->setWordWrap(true);
    m_position->setObjectName("attributionPosition");
    m_position->setToolTip(tr("The position whose prediction is split (the last one by default)"));
    m_token->setObjectName("attributionToken");
    m_token->setToolTip(tr("The token whose logit is split: one of the model's top guesses at this position"));
    m_map->setObjectName("attributionMap");
    m_map->setMinimumSize(240, 180);
    m_map->setToolTip(tr("Red: the head raises this token's logit; blue: it lowers it. Click a head to see its attention pattern."));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Position")));
    controls->addWidget(m_position);
    controls->addWidget(new QLabel(tr("Token")));
    controls->addWidget(m_token, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(controls);
    layout->addWidget(m_map, 1);
    layout->addWidget(m_hover);
    layout->addWidget(m_totals);
    connect(m_position, &QSpinBox::valueChanged, this, [this] {
        if (m_filling) return;
        m_followLast = m_position->value() == m_position->maximum();
        refreshTokens();
    });
    connect(m_token, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_filling) refreshMap();
    });
    connect(m_map, &HeatmapWidget::cellHovered, this, &LogitAttributionView::hover);
    connect(m_map, &HeatmapWidget::cellClicked, this, &LogitAttributionView::openHead);
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    refresh();
}

QString LogitAttributionView::message() const { return m_message->text(); }
QString LogitAttributionView::totals() const { return m_totals->text(); }
QString LogitAttributionView::hoverText() const { return m_hover->text(); }
void LogitAttributionView::setFontScale(double scale) { m_map->setFontScale(scale); }

void LogitAttributionView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace || !m_controller->model()) return;
    const int last = static_cast<int>(predictedTokens(*trace).size()) - 1;
    m_filling = true;
    m_position->setRange(0, std::max(0, last));
    if (m_followLast) m_position->setValue(last);  // follows the text's end as it grows, unless another position was chosen
    m_filling = false;
    refreshTokens();
}

void LogitAttributionView::refreshTokens() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const Stage* logits = trace->find("output.logits");
    const QVariant previous = m_token->currentData();
    m_filling = true;
    m_token->clear();
    if (logits) {
        const Tensor row = logits->slice(m_position->value());  // one row, not T × V
        for (const Candidate& c : top_candidates(ConstRowVecMap(row.data.data(), row.numel()), kTokensOffered))
            m_token->addItem(QStringLiteral("%1  (%2 %)").arg(vocabLabel(*trace, c.id)).arg(100.0 * c.probability, 0, 'f', 1), c.id);
        if (const int kept = m_token->findData(previous); kept >= 0) m_token->setCurrentIndex(kept);  // the same token, if still offered
    }
    m_filling = false;
    refreshMap();
}

void LogitAttributionView::refreshMap() {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    m_shown.reset();
    m_hover->clear();
    const bool ready = trace && model && m_token->count() > 0;
    if (!ready) m_message->setText(tr("This model has no output head, so there is no logit to split."));
    try {
        if (ready) m_shown = attribute_logit(*model, *trace, m_position->value(), m_token->currentData().toInt());
    } catch (const Error& e) {  // a post-norm model: the reason, in one sentence
        m_message->setText(QString::fromStdString(e.what()));
    }
    m_map->setVisible(m_shown.has_value());
    m_totals->setVisible(m_shown.has_value());
    if (!m_shown) return;
    const LogitAttribution& a = *m_shown;
    const QString token = vocabLabel(*trace, a.token);
    m_message->setText(tr("How much each head's output adds to the logit of “%1” at position %2, read straight through W_O, the final "
                          "norm (its scale frozen) and the output head. Red raises it, blue lowers it.")
                           .arg(token)
                           .arg(a.position));
    const bool cross = a.cross_heads.size() > 0;
    const int layers = static_cast<int>(a.heads.rows()), heads = static_cast<int>(a.heads.cols());
    m_rowLayers.clear(), m_rowCross.clear();
    std::vector<float> values;
    QStringList rows, cols;
    for (int l = 0; l < layers; ++l)
        for (bool isCross : cross ? std::vector<bool>{false, true} : std::vector<bool>{false}) {
            const Mat& from = isCross ? a.cross_heads : a.heads;
            for (int h = 0; h < heads; ++h) values.push_back(from(l, h));
            rows << (isCross ? tr("layer %1 cross").arg(l) : tr("layer %1").arg(l));
            m_rowLayers.push_back(l), m_rowCross.push_back(isCross);
        }
    for (int h = 0; h < heads; ++h) cols << tr("head %1").arg(h);
    m_map->setMatrix(values.data(), static_cast<int>(rows.size()), heads, rows, cols, ValueScale::Diverging);
    m_map->setAxisTitles(tr("layer"), tr("head"));
    m_map->setValueLabel(tr("adds to the logit"));
    const double headSum = a.heads.sum() + (cross ? a.cross_heads.sum() : 0.0);
    const double ffn = std::accumulate(a.feed_forward.begin(), a.feed_forward.end(), 0.0);
    const double biases = std::accumulate(a.attention_bias.begin(), a.attention_bias.end(), 0.0);
    m_totals->setText(tr("logit %1 = heads %2, feed-forward layers %3, embeddings %4, attention biases %5, final norm's β and "
                         "output bias %6")
                          .arg(formatCellValue(a.logit), signedValue(headSum), signedValue(ffn), signedValue(a.embeddings),
                               signedValue(biases), signedValue(a.constant)));
}

void LogitAttributionView::hover(int row, int col) {
    if (!m_shown || row < 0 || col < 0 || row >= static_cast<int>(m_rowLayers.size())) return m_hover->clear();
    const LogitAttribution& a = *m_shown;
    const int layer = m_rowLayers[static_cast<size_t>(row)];
    const double value = m_rowCross[static_cast<size_t>(row)] ? a.cross_heads(layer, col) : a.heads(layer, col);
    const auto trace = m_controller->trace();
    m_hover->setText((m_rowCross[static_cast<size_t>(row)] ? tr("Layer %1 cross-attention head %2 adds %3 to the logit of “%4”.")
                                                           : tr("Layer %1 head %2 adds %3 to the logit of “%4”."))
                         .arg(layer)
                         .arg(col)
                         .arg(signedValue(value), trace ? vocabLabel(*trace, a.token) : QString()));
}

void LogitAttributionView::openHead(int row, int col) {
    if (!m_shown || row < 0 || col < 0 || row >= static_cast<int>(m_rowLayers.size())) return;
    const auto model = m_controller->model();
    if (!model) return;
    const bool decoder = predicting_stack(model->config) == StackKind::Decoder;
    const QString block = m_rowCross[static_cast<size_t>(row)] ? QStringLiteral("multihead_attn") : QStringLiteral("self_attn");
    m_controller->selectStage(QStringLiteral("%1.layers.%2.%3.weights")
                                  .arg(decoder ? QStringLiteral("decoder") : QStringLiteral("encoder"))
                                  .arg(m_rowLayers[static_cast<size_t>(row)])
                                  .arg(block));
    m_controller->selectHead(col);
}

}  // namespace attn::ui
