#include "export/exporter.h"

#include "base/file_io.h"
#include "io/matrix_export.h"
#include "io/npy.h"
#include "teach/positional_view.h"
#include "engine/trace.h"

#include <qcustomplot.h>

#include <cmath>
#include <QDir>
#include <QFileInfo>

namespace attn::ui {
namespace {

QVector<HeatmapFigure> headFigures(const Trace& trace) {
    QVector<HeatmapFigure> figures;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights)
            for (int h = 0; h < s.dim(0); ++h) figures << stageFigure(trace, s, h);
    return figures;
}

int headCount(const Trace& trace) {
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) return static_cast<int>(s.dim(0));
    return 1;
}

FigureFile fileOf(QSizeF size, const ExportOptions& o, const QString& title) {
    return {size, o.dpi, o.style.transparent, o.style.fontPt, title};
}

// The caption and axis titles the user chose, over the figure's own.
HeatmapFigure labelled(HeatmapFigure figure, const ExportOptions& o) {
    if (o.title) figure.title = *o.title;
    if (!o.rowTitle.isEmpty()) figure.rowTitle = o.rowTitle;
    if (!o.colTitle.isEmpty()) figure.colTitle = o.colTitle;
    return figure;
}

QString saveOneFigure(const HeatmapFigure& figure, const QString& path, const ExportOptions& o) {
    const auto format = imageFormatForPath(path);
    if (!format) return QObject::tr("cannot tell the format of '%1': use .png, .svg or .pdf").arg(path);
    if (QString problem = figureProblem(figure, o.style); !problem.isEmpty()) return problem;
    return saveFigure([&](FigureCanvas& c) { drawFigure(c, figure, o.style); }, fileOf(figureSize(figure, o.style), o, figure.title),
                      *format, path);
}

QString saveGrid(const QVector<HeatmapFigure>& figures, int columns, const QString& title, const QString& path,
                 const ExportOptions& o) {
    const auto format = imageFormatForPath(path);
    if (!format) return QObject::tr("cannot tell the format of '%1': use .png, .svg or .pdf").arg(path);
    if (QString problem = gridProblem(figures, columns, o.style); !problem.isEmpty()) return problem;
    return saveFigure([&](FigureCanvas& c) { drawGrid(c, figures, columns, title, o.style); },
                      fileOf(gridSize(figures, columns, title, o.style), o, title), *format, path);
}

}  // namespace

QString exportStage(const Trace& trace, const QString& stageName, int head, const QString& path, const ExportOptions& options) {
    const Stage* stage = trace.find(stageName.toStdString());
    if (!stage) return QObject::tr("the trace has no stage named '%1'").arg(stageName);
    const QString suffix = QFileInfo(path).suffix().toLower();
    try {
        if (suffix == "csv") write_file_atomically(path.toStdString(), stage_csv(trace, *stage, head));
        else if (suffix == "json") write_file_atomically(path.toStdString(), stage_json(trace, *stage, head));
        else if (suffix == "npy") write_npy(path.toStdString(), stage_tensor(*stage, head));
        else return saveOneFigure(labelled(stageFigure(trace, *stage, head), options), path, options);
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString exportHeadsGrid(const Trace& trace, const QString& path, const ExportOptions& options) {
    const auto format = imageFormatForPath(path);
    if (!format) return QObject::tr("cannot tell the format of '%1': use .png, .svg or .pdf").arg(path);
    // A few short heads: each a full figure with its tokens, while that fits the width asked for.
    const QString title = options.title.value_or(QObject::tr("Attention weights: every layer and head"));
    int tokens = 0;
    for (const auto& s : trace.stages())
        if (s.kind == StageKind::AttentionWeights) tokens = std::max<int>(tokens, static_cast<int>(std::max(s.dim(1), s.dim(2))));
    if (options.grid.blocks.isEmpty() && options.grid.heads.isEmpty() && tokens <= kFullFigureTokens) {
        const QVector<HeatmapFigure> figures = headFigures(trace);
        const int columns = headCount(trace);
        if (gridProblem(figures, columns, options.style).isEmpty() &&
            gridSize(figures, columns, title, options.style).width() <= kMaxNaturalGridPt)
            return saveGrid(figures, columns, title, path, options);
    }
    // Else small panels under one colour bar, pooled to the pixels a PNG has; SVG and PDF at most a
    // cell a point and kVectorGridCells rectangles in all, so the file stays a few megabytes.
    const double panelPt = headsGridPanelPt(trace, options.grid, options.style);
    double budget = std::floor(panelPt * (*format == ImageFormat::Png ? options.dpi / 72 : 1.0));
    if (*format != ImageFormat::Png) {
        const HeadsGridShape shape = headsGridShape(trace);
        const auto panels = static_cast<double>(options.grid.blocks.isEmpty() ? shape.blocks : options.grid.blocks.size()) *
                            static_cast<double>(options.grid.heads.isEmpty() ? shape.heads : options.grid.heads.size());
        budget = std::min(budget, std::floor(std::sqrt(kVectorGridCells / std::max(panels, 1.0))));
    }
    QString error;
    HeadsGridFigure figure = headsGridFigure(trace, options.grid, static_cast<int>(std::max(1.0, budget)), &error);
    if (!error.isEmpty()) return error;
    figure.title = title;
    if (QString problem = headsGridProblem(figure, options.style); !problem.isEmpty()) return problem;
    return saveFigure([&](FigureCanvas& c) { drawHeadsGrid(c, figure, options.style); },
                      fileOf(headsGridSize(figure, options.style), options, title), *format, path);
}

QString exportAllHeads(const Trace& trace, const QString& folder, const QString& extension, const ExportOptions& options,
                       int* written) {
    if (!QDir().mkpath(folder)) return QObject::tr("cannot create the folder '%1'").arg(folder);
    int count = 0;
    for (const auto& s : trace.stages()) {
        if (s.kind != StageKind::AttentionWeights) continue;
        const QString name = QString::fromStdString(s.name);
        for (int h = 0; h < s.dim(0); ++h) {
            const QString error = exportStage(trace, name, h, QDir(folder).filePath(QStringLiteral("%1.head%2.%3").arg(name).arg(h).arg(extension)), options);
            if (!error.isEmpty()) return error;
            ++count;
        }
    }
    if (imageFormatForPath("x." + extension)) {
        const QString error = exportHeadsGrid(trace, QDir(folder).filePath("all-heads." + extension), options);
        if (!error.isEmpty()) return error;
        ++count;
    }
    if (written) *written = count;
    return {};
}

QString exportPositions(const Model& model, int T, const QString& path,
                        const ExportOptions& options) {
    const PositionalView view = positional_view(model, T);
    auto figure = [](const Mat& m, const QString& title, const QString& rowTitle, const QString& colTitle, const QString& quantity) {
        HeatmapFigure f;
        f.title = title;
        f.valueLabel = quantity;
        f.rows = static_cast<int>(m.rows());
        f.cols = static_cast<int>(m.cols());
        f.values = QVector<float>(m.data(), m.data() + m.size());
        for (int i = 0; i < f.rows; ++i) f.rowLabels << QString::number(i);
        for (int j = 0; j < f.cols; ++j) f.colLabels << QString::number(j);
        f.rowTitle = rowTitle;
        f.colTitle = colTitle;
        f.scale = m.minCoeff() < 0 ? ValueScale::Diverging : ValueScale::Sequential;
        return f;
    };
    const QVector<HeatmapFigure> figures = {
        figure(view.table, QString::fromStdString(view.table_title), QObject::tr("position"), QObject::tr("column"),
               QObject::tr("encoding value")),
        figure(view.similarity, QString::fromStdString(view.similarity_title), QObject::tr("position i"), QObject::tr("position j"),
               QObject::tr("similarity"))};
    ExportOptions o = options;
    o.style.showValues = options.style.showValues && T <= 12;
    const QString title = QObject::tr("Positional encoding: %1").arg(to_string(model.config.positional_encoding));
    return saveGrid(figures, 2, title, path, o);
}

QString exportPlot(QCustomPlot* plot, const QString& path, const ExportOptions& options) {
    const auto format = imageFormatForPath(path);
    if (!format) return QObject::tr("cannot tell the format of '%1': use .png, .svg or .pdf").arg(path);
    return saveImage(QSizeF(plot->size()), plotPainting(plot), *format, options.dpi / 96.0, options.style.transparent, path);
}

QImage stageImage(const Trace& trace, const QString& stageName, int head, const ExportOptions& options) {
    const Stage* stage = trace.find(stageName.toStdString());
    if (!stage) return {};
    const HeatmapFigure figure = labelled(stageFigure(trace, *stage, head), options);
    return renderFigure([&](FigureCanvas& c) { drawFigure(c, figure, options.style); },
                        fileOf(figureSize(figure, options.style), options, figure.title));
}

}  // namespace attn::ui
