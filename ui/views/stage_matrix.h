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
    // When only some columns are shown (a vocabulary of 50 257): the stage's column of each
    // shown column; empty when every column is shown in order.
    QVector<int> columns;
    std::shared_ptr<std::vector<float>> owned;  // the shown columns' numbers, when a subset

    int stageColumn(int shown) const { return columns.isEmpty() ? shown : columns.value(shown, -1); }
    int shownColumn(int stageColumn) const { return columns.isEmpty() ? stageColumn : static_cast<int>(columns.indexOf(stageColumn)); }
};

StageMatrix stageMatrix(const Trace& trace, const Stage& stage, int head);

// The attention weights of the block the selected stage belongs to, else the first block's (null:
// the trace has no attention). The views that follow one block and head start from it.
const Stage* selectedAttentionWeights(const Trace& trace, const QString& selectedStage);
// What the stage view shows: the whole matrix, except that a vocabulary axis wider than
// kVocabColumnsShown shows only the most probable (highest) tokens of row `focusRow`
// (−1: the last row), most probable first — a heatmap of 50 257 columns would show nothing.
inline constexpr int kVocabColumnsShown = 100;
// A thumbnail's matrix: at most `side` × `side` cells, each the mean of the block of cells of `m`
// it stands for (a 1024-token head becomes 64 × 64; its diagonal and columns stay where they
// were). It holds nothing of the stage afterwards.
StageMatrix thumbnailOf(StageMatrix m, int side = 64);
StageMatrix screenMatrix(const Trace& trace, const Stage& stage, int head, int focusRow);
// "6 × 6 × 2 heads", "6 × 8"
// A vocabulary entry's label in this trace (its number when the trace has no labels for it).
QString vocabLabel(const Trace& trace, int32_t id);
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
