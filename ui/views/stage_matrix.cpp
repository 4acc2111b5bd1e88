#include "views/stage_matrix.h"

#include "controller/pipeline_model.h"

#include <QCoreApplication>

#include <cmath>
#include <numeric>

#include <algorithm>

namespace attn::ui {
namespace {

QStringList labelsFor(const Trace& trace, Axis axis, int n) {
    QStringList labels;
    const auto* tokens = axis == Axis::SrcToken ? &trace.src_tokens
                         : axis == Axis::TgtToken ? &trace.tgt_tokens
                         : axis == Axis::Vocab    ? &trace.vocab
                                                  : nullptr;
    for (int i = 0; i < n; ++i)
        labels << (tokens && i < static_cast<int>(tokens->size()) ? QString::fromStdString((*tokens)[static_cast<size_t>(i)])
                                                                  : QString::number(i));
    return labels;
}

}  // namespace

QString axisTitle(Axis axis) {
    switch (axis) {
        case Axis::Head: return QCoreApplication::translate("StageMatrix", "head");
        case Axis::SrcToken: return QCoreApplication::translate("StageMatrix", "source token");
        case Axis::TgtToken: return QCoreApplication::translate("StageMatrix", "target token");
        case Axis::Feature: return QCoreApplication::translate("StageMatrix", "feature");
        case Axis::HeadFeature: return QCoreApplication::translate("StageMatrix", "head feature");
        case Axis::Hidden: return QCoreApplication::translate("StageMatrix", "hidden unit");
        case Axis::Vocab: return QCoreApplication::translate("StageMatrix", "vocabulary token");
    }
    return {};
}

bool isQueryByKey(StageKind kind) {
    return kind == StageKind::Scores || kind == StageKind::ScaledScores || kind == StageKind::AlibiBias ||
           kind == StageKind::Mask || kind == StageKind::MaskedScores || kind == StageKind::AttentionWeights ||
           kind == StageKind::AttentionRollout;
}

const Stage* selectedAttentionWeights(const Trace& trace, const QString& selectedStage) {
    if (const Stage* current = trace.find(selectedStage.toStdString()))
        if (const Stage* weights = trace.find(StageKind::AttentionWeights, current->at)) return weights;
    for (const Stage& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) return &s;
    return nullptr;
}

StageMatrix stageMatrix(const Trace& trace, const Stage& stage, int head) {
    StageMatrix m;
    const bool three = stage.rank() == 3;
    // One head of a rank-3 stage: a big trace derives that head alone (4 MB of a 50 MB stage at
    // 1024 tokens); the matrix holds it, or the whole stage, as long as it lives.
    m.tensor = three ? std::make_shared<const Tensor>(stage.slice(std::clamp(head, 0, static_cast<int>(stage.dim(0)) - 1)))
                     : stage.tensor();
    const Tensor& t = *m.tensor;
    m.rows = static_cast<int>(t.rank() == 2 ? t.dim(0) : 1);
    m.cols = static_cast<int>(t.shape.back());
    m.data = t.data.data();
    const size_t r = three ? 1 : 0;
    m.rowLabels = labelsFor(trace, stage.axes[r], m.rows);
    m.colLabels = labelsFor(trace, stage.axes[r + 1], m.cols);
    m.rowTitle = axisTitle(stage.axes[r]);
    m.colTitle = axisTitle(stage.axes[r + 1]);
    if (isQueryByKey(stage.kind == StageKind::Gradient && stage.gradient_of ? *stage.gradient_of : stage.kind)) {  // rows are queries, columns keys (cross-attention: target over source)
        m.rowTitle = QCoreApplication::translate("StageMatrix", "query (%1)").arg(m.rowTitle);
        m.colTitle = QCoreApplication::translate("StageMatrix", "key (%1)").arg(m.colTitle);
    }
    return m;
}

StageMatrix screenMatrix(const Trace& trace, const Stage& stage, int head, int focusRow) {
    StageMatrix m = stageMatrix(trace, stage, head);
    const size_t last = stage.axes.size() - 1;
    if (stage.axes[last] != Axis::Vocab || m.cols <= kVocabColumnsShown || m.rows == 0) return m;
    const int row = focusRow >= 0 && focusRow < m.rows ? focusRow : m.rows - 1;
    const float* focus = m.data + static_cast<size_t>(row) * m.cols;
    std::vector<int> order(static_cast<size_t>(m.cols));
    std::iota(order.begin(), order.end(), 0);
    std::partial_sort(order.begin(), order.begin() + kVocabColumnsShown, order.end(),
                      [focus](int a, int b) { return focus[a] > focus[b] || (focus[a] == focus[b] && a < b); });
    order.resize(kVocabColumnsShown);
    auto owned = std::make_shared<std::vector<float>>(static_cast<size_t>(m.rows) * kVocabColumnsShown);
    QStringList labels;
    for (int j = 0; j < kVocabColumnsShown; ++j) {
        const int c = order[static_cast<size_t>(j)];
        m.columns.push_back(c);
        labels << m.colLabels.value(c);
        for (int i = 0; i < m.rows; ++i) (*owned)[static_cast<size_t>(i) * kVocabColumnsShown + j] = m.data[static_cast<size_t>(i) * m.cols + c];
    }
    m.owned = owned;
    m.data = owned->data();
    m.cols = kVocabColumnsShown;
    m.colLabels = labels;
    m.colTitle = QCoreApplication::translate("StageMatrix", "the %1 most probable tokens after “%2” (of %3)")
                     .arg(kVocabColumnsShown)
                     .arg(m.rowLabels.value(row))
                     .arg(stage.shape().back());
    return m;
}

StageMatrix thumbnailOf(StageMatrix m, int side) {
    if (m.rows <= side && m.cols <= side) return m;
    const int rows = std::min(m.rows, side), cols = std::min(m.cols, side);
    auto pooled = std::make_shared<std::vector<float>>(static_cast<size_t>(rows) * cols, 0.0f);
    std::vector<int> counts(static_cast<size_t>(rows) * cols, 0);
    for (int i = 0; i < m.rows; ++i) {
        const int r = static_cast<int>(static_cast<int64_t>(i) * rows / m.rows);
        for (int j = 0; j < m.cols; ++j) {
            const float v = m.data[static_cast<size_t>(i) * m.cols + j];
            if (!std::isfinite(v)) continue;  // masked cells do not pull the mean to −∞
            const size_t k = static_cast<size_t>(r) * cols + static_cast<size_t>(static_cast<int64_t>(j) * cols / m.cols);
            (*pooled)[k] += v;
            ++counts[k];
        }
    }
    for (size_t k = 0; k < pooled->size(); ++k) (*pooled)[k] = counts[k] ? (*pooled)[k] / static_cast<float>(counts[k]) : 0.0f;
    m.owned = pooled;
    m.data = pooled->data();
    m.tensor.reset();  // the 144 thumbnails must not keep their heads' n × n weights alive (600 MB at n = 1024)
    m.rows = rows;
    m.cols = cols;
    m.rowLabels.clear();
    m.colLabels.clear();
    return m;
}

ValueScale valueScaleFor(const Stage& stage, const float* data, int count) {
    if (isProbabilityStage(stage)) return ValueScale::Probability;
    return std::any_of(data, data + count, [](float v) { return v < 0; }) ? ValueScale::Diverging : ValueScale::Sequential;
}

QString stageDescription(const Stage& stage) {
    return QCoreApplication::translate("attn", stage.description.c_str());
}

QString stageFormula(const Stage& stage) { return QCoreApplication::translate("attn", stage.formula.c_str()); }

namespace {

// The quantity a stage's numbers are, for colour bars ("masked score", not the button's "+ Mask").
const char* quantityOf(StageKind kind) {
    switch (kind) {
        case StageKind::TokenEmbedding: return QT_TRANSLATE_NOOP("StageMatrix", "embedding");
        case StageKind::PositionalEncoding: return QT_TRANSLATE_NOOP("StageMatrix", "positional encoding");
        case StageKind::StackInput: return QT_TRANSLATE_NOOP("StageMatrix", "embedding + position");
        case StageKind::Query:
        case StageKind::RotatedQuery:
        case StageKind::QueryHeads: return QT_TRANSLATE_NOOP("StageMatrix", "query");
        case StageKind::Key:
        case StageKind::RotatedKey:
        case StageKind::KeyHeads: return QT_TRANSLATE_NOOP("StageMatrix", "key");
        case StageKind::Value:
        case StageKind::ValueHeads: return QT_TRANSLATE_NOOP("StageMatrix", "value");
        case StageKind::Scores: return QT_TRANSLATE_NOOP("StageMatrix", "score");
        case StageKind::ScaledScores: return QT_TRANSLATE_NOOP("StageMatrix", "scaled score");
        case StageKind::AlibiBias: return QT_TRANSLATE_NOOP("StageMatrix", "distance penalty");
        case StageKind::Mask: return QT_TRANSLATE_NOOP("StageMatrix", "mask");
        case StageKind::MaskedScores: return QT_TRANSLATE_NOOP("StageMatrix", "masked score");
        case StageKind::AttentionWeights: return QT_TRANSLATE_NOOP("StageMatrix", "attention weight");
        case StageKind::AttentionRollout: return QT_TRANSLATE_NOOP("StageMatrix", "share of the input reaching it");
        case StageKind::ContextHeads:
        case StageKind::Context: return QT_TRANSLATE_NOOP("StageMatrix", "context");
        case StageKind::AttentionOutput: return QT_TRANSLATE_NOOP("StageMatrix", "output projection");
        case StageKind::Residual: return QT_TRANSLATE_NOOP("StageMatrix", "residual sum");
        case StageKind::LayerNorm:
        case StageKind::RmsNorm:
        case StageKind::QueryNorm:
        case StageKind::KeyNorm: return QT_TRANSLATE_NOOP("StageMatrix", "normalized value");
        case StageKind::FfnGate: return QT_TRANSLATE_NOOP("StageMatrix", "FFN gate");
        case StageKind::FfnHidden: return QT_TRANSLATE_NOOP("StageMatrix", "FFN hidden");
        case StageKind::FfnActivation: return QT_TRANSLATE_NOOP("StageMatrix", "FFN activation");
        case StageKind::FfnOutput: return QT_TRANSLATE_NOOP("StageMatrix", "FFN output");
        case StageKind::LayerOutput:
        case StageKind::StackOutput: return QT_TRANSLATE_NOOP("StageMatrix", "hidden state");
        case StageKind::Logits: return QT_TRANSLATE_NOOP("StageMatrix", "logit");
        case StageKind::Probabilities: return QT_TRANSLATE_NOOP("StageMatrix", "probability");
        case StageKind::Gradient: return QT_TRANSLATE_NOOP("StageMatrix", "gradient");
        case StageKind::KvCache: return QT_TRANSLATE_NOOP("StageMatrix", "cached key or value");
        case StageKind::TokenTypeEmbedding: return QT_TRANSLATE_NOOP("StageMatrix", "token-type embedding");
        case StageKind::HeadTransform: return QT_TRANSLATE_NOOP("StageMatrix", "head transform");
    }
    return "";
}

}  // namespace

QString valueLabelFor(const Stage& stage) {
    if (stage.kind == StageKind::Gradient && stage.gradient_of)
        return QCoreApplication::translate("StageMatrix", "∂L/∂(%1)")
            .arg(QCoreApplication::translate("StageMatrix", quantityOf(*stage.gradient_of)));
    if (stage.kind == StageKind::StackInput && stage.formula.find("⊕") != std::string::npos)  // config.pe_concat
        return QCoreApplication::translate("StageMatrix", "embedding ⊕ position");
    return QCoreApplication::translate("StageMatrix", quantityOf(stage.kind));
}

QString shapeText(const Stage& stage) {
    const auto& s = stage.shape();
    if (s.size() == 3)
        return QCoreApplication::translate("StageMatrix", "%1 × %2 × %3 heads").arg(s[1]).arg(s[2]).arg(s[0]);
    QStringList parts;
    for (auto d : s) parts << QString::number(d);
    return parts.join(QStringLiteral(" × "));
}

QString compactShapeText(const Stage& stage) {
    const auto& s = stage.shape();
    if (s.size() == 3)  // "2h · 6×6"; 简体中文 "2 头 · 6×6"
        return QCoreApplication::translate("StageMatrix", "%1h · %2×%3", "heads · rows×columns, in a pipeline chip").arg(s[0]).arg(s[1]).arg(s[2]);
    QStringList parts;
    for (auto d : s) parts << QString::number(d);
    return parts.join(QStringLiteral("×"));
}

QString figureTitleFor(const Stage& stage, int head) {
    const StageKind kind = stage.kind == StageKind::Gradient && stage.gradient_of ? *stage.gradient_of : stage.kind;
    // The noun a caption uses: plural where the stage is many numbers of one kind.
    QString noun = kind == StageKind::AttentionWeights ? QCoreApplication::translate("StageMatrix", "weights")
                   : kind == StageKind::Scores         ? QCoreApplication::translate("StageMatrix", "scores")
                   : kind == StageKind::ScaledScores   ? QCoreApplication::translate("StageMatrix", "scaled scores")
                   : kind == StageKind::MaskedScores   ? QCoreApplication::translate("StageMatrix", "masked scores")
                   : kind == StageKind::Query          ? QCoreApplication::translate("StageMatrix", "queries")
                   : kind == StageKind::Key            ? QCoreApplication::translate("StageMatrix", "keys")
                   : kind == StageKind::Value          ? QCoreApplication::translate("StageMatrix", "values")
                                                       : QCoreApplication::translate("StageMatrix", quantityOf(kind));
    if (const QString block = blockLabel(stage); !block.isEmpty() && stage.at.block != BlockKind::FeedForward)
        noun = QCoreApplication::translate("StageMatrix", "%1 %2", "a block and what it holds: self-attention weights").arg(block, noun);
    if (stage.kind == StageKind::Gradient) noun = QCoreApplication::translate("StageMatrix", "gradient of the %1").arg(noun);
    QStringList parts{sectionTitle(stage.at)};
    if (stage.rank() == 3) parts << QCoreApplication::translate("StageMatrix", "head %1").arg(head);
    parts << noun;
    return parts.join(QStringLiteral(" · "));
}

QString vocabLabel(const Trace& trace, int32_t id) {
    return static_cast<size_t>(id) < trace.vocab.size() ? QString::fromStdString(trace.vocab[static_cast<size_t>(id)]) : QString::number(id);
}

}  // namespace attn::ui
