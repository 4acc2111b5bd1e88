// Everything the app exports, without dialogs (the menu actions in
// export_dialog.cpp ask for paths and options, then call these):
// a stage as PNG/SVG/PDF or CSV/NPY/JSON, the heads grid, every head into a
// folder, and the lines and positional-encoding views. Each returns an empty
// string on success, else a one-line reason.
#pragma once

#include "export/figure.h"
#include "export/figure_export.h"
#include "export/heads_grid.h"
#include "model/model.h"

#include <QString>

#include <optional>

class QCustomPlot;

namespace attn {
class Trace;
}

namespace attn::ui {

struct ExportOptions {
    FigureStyle style;
    double dpi = 300;  // PNG pixels per inch of the printed size
    // One stage's figure: the caption instead of "Encoder layer 0 · head 1 · self-attention
    // weights" ("" for none), and axis titles instead of "query (source token)" / "key (…)".
    std::optional<QString> title;
    QString rowTitle, colTitle;
    HeadsGridSelection grid;  // the heads grid: which layers and heads (empty: all)
};

// Up to this many tokens the heads grid draws each head as a full figure with its tokens, when
// that fits the width; past it, or when it does not fit, small panels under one colour bar.
constexpr int kFullFigureTokens = 32;
// A heads grid in SVG or PDF draws at most this many cells (pooling more): about 10 MB of SVG.
constexpr double kVectorGridCells = 150'000;

// The format follows the file's extension: png, svg, pdf, csv, npy or json.
QString exportStage(const Trace& trace, const QString& stage, int head, const QString& path, const ExportOptions& options);

// All attention weights, blocks × heads (or those options.grid names), in one image.
QString exportHeadsGrid(const Trace& trace, const QString& path, const ExportOptions& options);

// One file per block and head (<stage>.head<h>.<ext>) and the grid (all-heads.<ext>) into folder.
QString exportAllHeads(const Trace& trace, const QString& folder, const QString& extension, const ExportOptions& options,
                       int* written = nullptr);

// The positional-encoding view: its table and position-similarity heatmaps
// for T positions, side by side.
QString exportPositions(const Model& model, int T, const QString& path,
                        const ExportOptions& options);

// A QCustomPlot view as it is on screen (lines, positional curves).
QString exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options);

// The stage figure as an image, for the clipboard.
QImage stageImage(const Trace& trace, const QString& stage, int head, const ExportOptions& options);

}  // namespace attn::ui
