#include "views/mistakes_view.h"

#include "views/heatmap_widget.h"
#include "teach/mistakes.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace attn::ui {
namespace {

QString mistakeName(Mistake m) {
    switch (m) {
        case Mistake::ForgotScale: return MistakesView::tr("Forgetting the 1/√d_k scale");
        case Mistake::SoftmaxWrongAxis: return MistakesView::tr("Softmax over the wrong axis");
        case Mistake::MixedHeads: return MistakesView::tr("Mixing heads when reshaping");
        case Mistake::MaskAfterSoftmax: return MistakesView::tr("Adding the mask after the softmax");
        case Mistake::ValueInScore: return MistakesView::tr("A value term in the score");
        case Mistake::ChainedHeads: return MistakesView::tr("Heads chained one after another");
        case Mistake::NoScores: return MistakesView::tr("Q → K → V chained, no QKᵀ");
        case Mistake::ElementwiseCross: return MistakesView::tr("Element-wise “cross-attention”");
    }
    return {};
}

// "A value term in the score (source article 003)": the article the mistake is quoted from.
QString mistakeTitle(Mistake m) {
    const int article = source_article(m);
    if (article == 0) return mistakeName(m);
    return MistakesView::tr("%1 (source article %2)").arg(mistakeName(m), QString("%1").arg(article, 3, 10, QChar('0')));
}

QString mistakeCode(Mistake m) {
    switch (m) {
        case Mistake::ForgotScale: return QStringLiteral("softmax(Q·Kᵀ + mask)");
        case Mistake::SoftmaxWrongAxis: return QStringLiteral("softmax(scores, dim=0)");
        case Mistake::MixedHeads: return QStringLiteral("Q.view(H, T, d_k)");
        case Mistake::MaskAfterSoftmax: return QStringLiteral("softmax(scores) · (mask == 0)");
        case Mistake::ValueInScore: return QStringLiteral("softmax(q·k_j + v·k_j / √d_k)");
        case Mistake::ChainedHeads: return QStringLiteral("Q⁽²⁾ = W_Q·Q⁽¹⁾, K⁽²⁾ = W_K·K⁽¹⁾");
        case Mistake::NoScores: return QStringLiteral("K = W_K·Q, V = W_V·K");
        case Mistake::ElementwiseCross: return QStringLiteral("softmax(q_i / √d) ⊙ v_i");
    }
    return {};
}

QString rowSums(const std::vector<float>& sums) {
    QStringList parts;
    for (size_t i = 0; i < sums.size() && i < 8; ++i) parts << QString::number(sums[i], 'f', 2);
    if (sums.size() > 8) parts << QStringLiteral("…");
    return parts.join(QStringLiteral(", "));
}

}  // namespace

MistakesView::MistakesView(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_mistake(new QComboBox), m_block(new QLabel), m_explanation(new QLabel),
      m_correctTitle(new QLabel), m_mistakenTitle(new QLabel), m_correct(new HeatmapWidget), m_mistaken(new HeatmapWidget) {
    for (Mistake m : kAllMistakes) m_mistake->addItem(mistakeTitle(m), QString::fromLatin1(to_string(m)));
    m_mistake->setToolTip(tr("A bug people often write; its weights are computed on the same input as the trace"));
    m_mistake->setObjectName("mistake");
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    for (auto* map : {m_correct, m_mistaken}) map->setMinimumSize(200, 160);
    m_correct->setToolTip(tr("The weights the model really computes"));
    m_mistaken->setToolTip(tr("What the buggy code computes from the same queries, keys and mask"));

    auto* top = new QHBoxLayout;
    top->addWidget(m_mistake);
    top->addWidget(m_block, 1);
    auto* grid = new QGridLayout;
    grid->addWidget(m_correctTitle, 0, 0);
    grid->addWidget(m_mistakenTitle, 0, 1);
    grid->addWidget(m_correct, 1, 0);
    grid->addWidget(m_mistaken, 1, 1);
    grid->setRowStretch(1, 1);
    grid->setColumnStretch(0, 1);  // the two heatmaps share the width equally
    grid->setColumnStretch(1, 1);
    for (QLabel* title : {m_correctTitle, m_mistakenTitle}) title->setWordWrap(true);  // a long title wraps, not widens
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_explanation);
    layout->addLayout(grid, 1);

    connect(m_mistake, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    connect(controller, &SessionController::selectionChanged, this, [this] { m_lazy.request(); });
    refresh();
}

void MistakesView::showMistake(const QString& id) {
    if (const int index = m_mistake->findData(id); index >= 0) m_mistake->setCurrentIndex(index);
}

void MistakesView::refresh() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const Stage* weights = selectedAttentionWeights(*trace, m_controller->currentStage());
    if (!weights) return;
    const std::string block = weights->at.block_path();
    const int head = std::clamp(m_controller->currentHead(), 0, static_cast<int>(weights->dim(0)) - 1);
    const Mistake mistake = kAllMistakes.at(static_cast<size_t>(std::max(0, m_mistake->currentIndex())));
    MistakeComparison r;
    try {
        r = compare_with_mistake(*trace, *m_controller->model(), block, head, mistake);
    } catch (const Error& e) {  // e.g. a value term needs a self-attention block
        m_explanation->setText(tr("This mistake cannot be computed here: %1").arg(QString::fromStdString(e.what()).toHtmlEscaped()));
        m_mistaken->hide();  // no stale picture beside the message
        m_mistakenTitle->hide();
        return;
    }
    m_mistaken->show();
    m_mistakenTitle->show();

    m_block->setText(tr("%1, head %2").arg(QString::fromStdString(block)).arg(head));
    const StageMatrix labels = stageMatrix(*trace, *weights, head);
    m_correct->setMatrix(r.correct.data(), static_cast<int>(r.correct.rows()), static_cast<int>(r.correct.cols()),
                         labels.rowLabels, labels.colLabels, ValueScale::Probability);
    m_mistaken->setMatrix(r.mistaken.data(), static_cast<int>(r.mistaken.rows()), static_cast<int>(r.mistaken.cols()),
                          labels.rowLabels, labels.colLabels, ValueScale::Probability);
    for (auto* map : {m_correct, m_mistaken}) {
        map->setAxisTitles(labels.rowTitle, labels.colTitle);
        map->setValueLabel(tr("attention weight"));
    }
    m_correctTitle->setText(tr("correct: softmax(Q·Kᵀ/√d_k + mask) along each row"));
    m_mistakenTitle->setText(tr("mistake: %1").arg(mistakeCode(mistake)));

    QString why;
    switch (mistake) {
        case Mistake::ForgotScale:
            why = tr("Without dividing by √d_k = %1 the scores spread %1 times wider, so the softmax saturates: the largest "
                     "weight is %2 instead of %3. With larger heads this gets worse and gradients vanish.")
                      .arg(QString::number(std::sqrt(static_cast<double>(m_controller->session().config.head_dim())), 'g', 3))
                      .arg(formatCellValue(r.mistaken_max), formatCellValue(r.correct_max));
            break;
        case Mistake::SoftmaxWrongAxis:
            why = tr("Normalising down the columns makes each key's column sum to 1, not each query's row: row sums are "
                     "%1 instead of 1. A query no longer gets a probability distribution over the keys.")
                      .arg(rowSums(r.mistaken_row_sums));
            break;
        case Mistake::MixedHeads:
            why = tr("Reshaping (T, D) straight to (H, T, d_k) without the transpose gives this head a run of %1 numbers "
                     "that mixes several tokens and heads. The shapes fit, so no error is raised: only the numbers are wrong.")
                      .arg(r.correct.rows() * m_controller->session().config.head_dim());
            break;
        case Mistake::MaskAfterSoftmax:
            why = tr("Hidden keys still took part in the softmax, then were zeroed: row sums are %1 instead of 1, and "
                     "what a query sees depended on keys it must not see.")
                      .arg(rowSums(r.mistaken_row_sums));
            break;
        case Mistake::ValueInScore:
            why = tr("The score must compare a query with a key, q_i·k_j / √d_k. Adding v_i·k_j mixes in what token i "
                     "<i>passes on</i>, and scaling only that term leaves q·k unscaled: the largest weight is %1 instead of %2.")
                      .arg(formatCellValue(r.mistaken_max), formatCellValue(r.correct_max));
            break;
        case Mistake::ChainedHeads:
            why = tr("Heads run side by side on the same input, each with its own column block of W_Q and W_K. Projecting "
                     "the previous queries and keys again computes a different pattern (largest weight %1 instead of %2), "
                     "and attention has no “backward” direction: the mask alone decides what a query may see.")
                      .arg(formatCellValue(r.mistaken_max), formatCellValue(r.correct_max));
            break;
        case Mistake::NoScores:
            why = tr("With K computed from Q and V from K there is no Q·Kᵀ and no softmax: each token's output depends on "
                     "that token alone, as if every weight sat on the diagonal. Nothing moves between tokens.");
            break;
        case Mistake::ElementwiseCross:
            why = tr("Multiplying q_i by k_i feature by feature pairs target token i with source token i only, as if "
                     "the two sentences were aligned word for word. Cross-attention scores every target token against "
                     "every source token (rows sum to %1), so 猫 can find cats wherever they are.")
                      .arg(rowSums(r.correct_row_sums));
            break;
    }
    m_explanation->setText(why);
}

}  // namespace attn::ui
