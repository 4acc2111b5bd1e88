// The 2-D slice of a trace stage a heatmap shows (one head of a rank-3
// stage), with labels for its rows and columns taken from the stage's axes.
#pragma once

#include "views/heatmap_widget.h"
#include "engine/trace.h"

#include <QString>
#include <QStringList>

namespace attn::ui {

struct StageMatrix {
    const float* data = nullptr;  // row-major rows × cols, inside `tensor`
    std::shared_ptr<const Tensor> tensor;
    int rows = 0, cols = 0;
    QStringList rowLabels, colLabels;
    QString rowTitle, colTitle;
};

StageMatrix stageMatrix(const Trace& trace, const Stage& stage, int head);
// "6 × 6 × 2 heads", "6 × 8"
QString shapeText(const Stage& stage);
// "2h · 6×6", "6×8": for the pipeline chips
QString compactShapeText(const Stage& stage);
QString axisTitle(Axis axis);
// How a stage is coloured: weights in [0, 1]; signed values diverging around 0; else sequential.
ValueScale valueScaleFor(const Stage& stage, const float* data, int count);
// The stage's one-line description in the user's language (core keeps English).
QString stageDescription(const Stage& stage);
// Its formula, the few words in it translated ("over each row").
QString stageFormula(const Stage& stage);
// The colour bar's label: "attention weight" for weights, the pipeline label otherwise.
// The quantity a stage's numbers are ("masked score", "FFN hidden"): colour bars' labels.
QString valueLabelFor(const Stage& stage);
// A caption for a figure of one head of a stage: "Encoder layer 0 · head 1 · self-attention weights".
QString figureTitleFor(const Stage& stage, int head);
// Stages whose rows are queries and columns keys (scores, mask, weights).
bool isQueryByKey(StageKind kind);

}  // namespace attn::ui
