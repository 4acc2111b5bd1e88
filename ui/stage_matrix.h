// The 2-D slice of a trace stage a heatmap shows (one head of a rank-3
// stage), with labels for its rows and columns taken from the stage's axes.
#pragma once

#include "trace.h"

#include <QString>
#include <QStringList>

namespace attn::ui {

struct StageMatrix {
    const float* data = nullptr;  // row-major rows × cols, owned by the trace
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

}  // namespace attn::ui
