#include "controller/pipeline_model.h"

#include <QCoreApplication>

namespace attn::ui {
namespace {

// Translation context of the stage labels (lupdate reads Pipeline::tr).
struct Pipeline {
    Q_DECLARE_TR_FUNCTIONS(Pipeline)
};

}  // namespace

QString sectionTitle(const StageCoords& at) {
    if (at.layer >= 0)
        return (at.stack == StackKind::Encoder ? Pipeline::tr("Encoder layer %1") : Pipeline::tr("Decoder layer %1")).arg(at.layer);
    switch (at.stack) {
        case StackKind::Source: return Pipeline::tr("Source embeddings");
        case StackKind::Target: return Pipeline::tr("Target embeddings");
        case StackKind::Encoder: return Pipeline::tr("Encoder output");
        case StackKind::Decoder: return Pipeline::tr("Decoder output");
        case StackKind::Output: return Pipeline::tr("Output head");
    }
    return Pipeline::tr("Other");
}

QVector<PipelineSection> pipelineSections(const Trace& trace) {
    QVector<PipelineSection> sections;
    for (const auto& stage : trace.stages()) {
        if (is_head_split(stage.kind)) continue;  // the heads' slices are shown through Q, K and V
        const QString title = stage.kind == StageKind::Gradient ? Pipeline::tr("Backward · %1").arg(sectionTitle(stage.at))
                                                                : sectionTitle(stage.at);
        if (sections.isEmpty() || sections.back().title != title) sections.push_back({title, {}});
        sections.back().stages.push_back(QString::fromStdString(stage.name));
    }
    return sections;
}

QStringList pipelineStages(const Trace& trace) {
    QStringList all;
    for (const auto& section : pipelineSections(trace)) all += section.stages;
    return all;
}

int sectionOf(const QVector<PipelineSection>& sections, const Trace& trace, const QString& stage) {
    for (int i = 0; i < sections.size(); ++i)
        if (sections[i].stages.contains(stage)) return i;
    const Stage* s = trace.find(stage.toStdString());
    if (!s) return -1;
    const QString title = sectionTitle(s->at);
    for (int i = 0; i < sections.size(); ++i)
        if (sections[i].title == title) return i;
    return -1;
}

QString blockLabel(const Stage& stage) {
    switch (stage.at.block) {
        case BlockKind::SelfAttention: return Pipeline::tr("self-attention");
        case BlockKind::CrossAttention: return Pipeline::tr("cross-attention");
        case BlockKind::FeedForward: return Pipeline::tr("feed-forward");
        case BlockKind::None: break;
    }
    return {};
}

bool isProbabilityStage(const Stage& stage) {
    return stage.kind == StageKind::AttentionWeights || stage.kind == StageKind::Probabilities ||
           stage.kind == StageKind::AttentionRollout;  // rows of shares summing to 1
}

QString counterpartIn(const Trace& trace, const PipelineSection& section, const Stage& stage) {
    for (const QString& name : section.stages) {
        const Stage* s = trace.find(name.toStdString());
        if (s && s->kind == stage.kind && s->at.block == stage.at.block && s->at.sublayer == stage.at.sublayer) return name;
    }
    return section.stages.front();
}

QString shortLabel(const Stage& stage) {
    switch (stage.kind) {
        case StageKind::TokenEmbedding: return Pipeline::tr("Embeddings");
        case StageKind::PositionalEncoding: return Pipeline::tr("Positions");
        case StageKind::StackInput: return Pipeline::tr("Emb + Pos");
        case StageKind::Query: return QStringLiteral("Q");
        case StageKind::Key: return QStringLiteral("K");
        case StageKind::Value: return QStringLiteral("V");
        case StageKind::RotatedQuery: return Pipeline::tr("RoPE Q");
        case StageKind::RotatedKey: return Pipeline::tr("RoPE K");
        case StageKind::QueryHeads: return QStringLiteral("Q_h");
        case StageKind::KeyHeads: return QStringLiteral("K_h");
        case StageKind::ValueHeads: return QStringLiteral("V_h");
        case StageKind::Scores: return QStringLiteral("QKᵀ");
        case StageKind::ScaledScores: return QStringLiteral("÷√dₖ");
        case StageKind::AlibiBias: return Pipeline::tr("ALiBi");
        case StageKind::Mask: return Pipeline::tr("Mask");
        case StageKind::MaskedScores: return Pipeline::tr("+ Mask");
        case StageKind::AttentionWeights: return Pipeline::tr("Softmax");
        case StageKind::AttentionRollout: return Pipeline::tr("Rollout");
        case StageKind::ContextHeads: return Pipeline::tr("× V");
        case StageKind::Context: return Pipeline::tr("Concat");
        case StageKind::AttentionOutput: return QStringLiteral("·W_O");
        case StageKind::Residual: return Pipeline::tr("+ Residual");
        case StageKind::LayerNorm:
        case StageKind::RmsNorm:
            if (stage.at.stack == StackKind::Source || stage.at.stack == StackKind::Target) return Pipeline::tr("Emb norm");
            if (stage.at.stack == StackKind::Output) return Pipeline::tr("Head norm");
            return stage.at.layer < 0 ? Pipeline::tr("Final norm") : Pipeline::tr("Norm %1").arg(stage.at.sublayer);
        case StageKind::FfnHidden: return Pipeline::tr("FFN ·W₁");
        case StageKind::FfnGate: return Pipeline::tr("Gate ·W_g");
        case StageKind::QueryNorm: return Pipeline::tr("Norm Q");
        case StageKind::KeyNorm: return Pipeline::tr("Norm K");
        case StageKind::FfnActivation: return Pipeline::tr("Activation");
        case StageKind::FfnOutput: return Pipeline::tr("FFN ·W₂");
        case StageKind::LayerOutput:
        case StageKind::StackOutput: return Pipeline::tr("Output");
        case StageKind::Logits: return Pipeline::tr("Logits");
        case StageKind::TokenTypeEmbedding: return Pipeline::tr("Types");
        case StageKind::HeadTransform: return Pipeline::tr("Head ·W_t");
        case StageKind::Probabilities: return Pipeline::tr("Probabilities");
        case StageKind::Gradient:
            if (stage.gradient_of) {
                Stage forward = stage;
                forward.kind = *stage.gradient_of;
                return QStringLiteral("∂ ") + shortLabel(forward);
            }
            break;
        case StageKind::KvCache: break;
    }
    return QString::fromStdString(stage.name).section('.', -1);
}

}  // namespace attn::ui
