// How the trace is laid out as a pipeline: sections (source embeddings,
// encoder layer 0, …) of stages in computation order, with the short labels
// of the pipeline strip. Pure presentation, from each stage's kind and place.
#pragma once

#include "engine/trace.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace attn::ui {

struct PipelineSection {
    QString title;       // "Encoder layer 0"
    QStringList stages;  // full stage names, in order
};

// "Encoder layer 0", "Source embeddings", "Output head": the part of the model a stage is in.
QString sectionTitle(const StageCoords& at);
QVector<PipelineSection> pipelineSections(const Trace& trace);
// Every stage of the strip, in order (the sections flattened).
QStringList pipelineStages(const Trace& trace);
// "QKᵀ", "÷√dₖ", "Softmax", …
QString shortLabel(const Stage& stage);
// "self-attention", "cross-attention", "feed-forward" or "" for the group a stage belongs to.
QString blockLabel(const Stage& stage);
// Index of the section holding the stage, or -1. A stage the strip does not list (a per-head copy
// such as k_heads, reached from a lesson or Explain) belongs to the section of its layer.
int sectionOf(const QVector<PipelineSection>& sections, const Trace& trace, const QString& stage);
// True for attention weights, whose values are probabilities in [0, 1].
bool isProbabilityStage(const Stage& stage);
// The stage of `section` that plays the part `stage` plays in its own (same kind,
// block and sub-layer), else the section's first stage.
QString counterpartIn(const Trace& trace, const PipelineSection& section, const Stage& stage);

}  // namespace attn::ui
