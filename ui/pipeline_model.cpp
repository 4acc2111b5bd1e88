#include "pipeline_model.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace attn::ui {
namespace {

// Translation context of the stage labels (lupdate reads Pipeline::tr).
struct Pipeline {
    Q_DECLARE_TR_FUNCTIONS(Pipeline)
};

QString sectionTitle(const QString& name) {
    static const QRegularExpression layer(QStringLiteral("^(encoder|decoder)\\.layers\\.(\\d+)\\."));
    const auto m = layer.match(name);
    if (m.hasMatch())
        return (m.captured(1) == "encoder" ? Pipeline::tr("Encoder layer %1") : Pipeline::tr("Decoder layer %1")).arg(m.captured(2));
    if (name.startsWith("src.")) return Pipeline::tr("Source embeddings");
    if (name.startsWith("tgt.")) return Pipeline::tr("Target embeddings");
    if (name.startsWith("encoder.")) return Pipeline::tr("Encoder output");
    if (name.startsWith("decoder.")) return Pipeline::tr("Decoder output");
    return Pipeline::tr("Other");
}

bool hiddenFromStrip(const QString& name) {
    return name.endsWith(".q_heads") || name.endsWith(".k_heads") || name.endsWith(".v_heads");
}

}  // namespace

QVector<PipelineSection> pipelineSections(const Trace& trace) {
    QVector<PipelineSection> sections;
    for (const auto& stage : trace.stages()) {
        const QString name = QString::fromStdString(stage.name);
        if (hiddenFromStrip(name)) continue;
        const QString title = sectionTitle(name);
        if (sections.isEmpty() || sections.back().title != title) sections.push_back({title, {}});
        sections.back().stages.push_back(name);
    }
    return sections;
}

QStringList pipelineStages(const Trace& trace) {
    QStringList all;
    for (const auto& section : pipelineSections(trace)) all += section.stages;
    return all;
}

int sectionOf(const QVector<PipelineSection>& sections, const QString& stage) {
    for (int i = 0; i < sections.size(); ++i)
        if (sections[i].stages.contains(stage)) return i;
    return -1;
}

QString blockLabel(const QString& stage) {
    if (stage.contains(".self_attn.")) return Pipeline::tr("self-attention");
    if (stage.contains(".multihead_attn.")) return Pipeline::tr("cross-attention");
    if (stage.contains(".ffn.")) return Pipeline::tr("feed-forward");
    return {};
}

bool isProbabilityStage(const QString& stage) { return stage.endsWith(".weights"); }

QString shortLabel(const QString& stage) {
    const QString last = stage.section('.', -1);
    static const QRegularExpression numbered(QStringLiteral("^(residual|norm)(\\d)$"));
    const auto m = numbered.match(last);
    if (m.hasMatch()) return m.captured(1) == "residual" ? Pipeline::tr("+ Residual") : Pipeline::tr("Norm %1").arg(m.captured(2));
    if (stage.endsWith(".ffn.hidden")) return Pipeline::tr("FFN ·W₁");
    if (stage.endsWith(".ffn.activation")) return Pipeline::tr("Activation");
    if (stage.endsWith(".ffn.output")) return Pipeline::tr("FFN ·W₂");
    if (stage == "encoder.norm" || stage == "decoder.norm") return Pipeline::tr("Final norm");
    if (stage.startsWith("src.") || stage.startsWith("tgt.")) {
        if (last == "embeddings") return Pipeline::tr("Embeddings");
        if (last == "positional") return Pipeline::tr("Positions");
        if (last == "input") return Pipeline::tr("Emb + Pos");
    }
    if (last == "q") return QStringLiteral("Q");
    if (last == "k") return QStringLiteral("K");
    if (last == "v") return QStringLiteral("V");
    if (last == "q_rotated") return Pipeline::tr("RoPE Q");
    if (last == "k_rotated") return Pipeline::tr("RoPE K");
    if (last == "scores") return QStringLiteral("QKᵀ");
    if (last == "scaled_scores") return QStringLiteral("÷√dₖ");
    if (last == "alibi_bias") return Pipeline::tr("ALiBi");
    if (last == "mask") return Pipeline::tr("Mask");
    if (last == "masked_scores") return Pipeline::tr("+ Mask");
    if (last == "weights") return Pipeline::tr("Softmax");
    if (last == "context_heads") return Pipeline::tr("× V");
    if (last == "context") return Pipeline::tr("Concat");
    if (last == "output" && !blockLabel(stage).isEmpty()) return QStringLiteral("·W_O");
    if (last == "output") return Pipeline::tr("Output");
    return last;
}

}  // namespace attn::ui
