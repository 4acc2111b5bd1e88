// Saving what a painting draws as PNG (a scale factor, optional transparent
// background), SVG (vectors: text stays text) or PDF (vector), written
// atomically: a failed write leaves any previous file intact.
#pragma once

#include <QImage>
#include <QSizeF>
#include <QString>

#include <functional>
#include <optional>

class QCPPainter;
class QCustomPlot;

namespace attn::ui {

enum class ImageFormat { Png, Svg, Pdf };

// From a file name's extension; nullopt for anything else.
std::optional<ImageFormat> imageFormatForPath(const QString& path);

// Draws in units of pixels at scale 1 (points in a PDF).
using Painting = std::function<void(QCPPainter&)>;

class FigureCanvas;
class FigureFonts;

// Draws a figure laid out in points (export/figure.h) on whatever canvas it is given.
using FigureDrawing = std::function<void(FigureCanvas&)>;

struct FigureFile {
    QSizeF sizePt;         // the printed size: the PDF page, the SVG's width and height
    double dpi = 300;      // PNG: pixels = size in inches × dpi (recorded in the file)
    bool transparent = false;
    double labelPt = 8;    // the figure's FigureStyle::fontPt
    QString title;         // the SVG's <title>, the PDF's title
};

// PNG, SVG or PDF of one physical size. Empty string on success, else a one-line reason.
QString saveFigure(const FigureDrawing& draw, const FigureFile& file, ImageFormat format, const QString& path);
QImage renderFigure(const FigureDrawing& draw, const FigureFile& file);

// Views drawn by QCustomPlot (lines, curves), in screen pixels: returns an empty string on
// success, else a one-line reason naming the path.
QString saveImage(const QSizeF& size, const Painting& paint, ImageFormat format, double scale, bool transparent,
                  const QString& path);
QImage renderImage(const QSizeF& size, const Painting& paint, double scale, bool transparent);

// A QCustomPlot view (lines, curves) as a painting of its current size.
Painting plotPainting(QCustomPlot* plot);

// Writes bytes atomically (QSaveFile); empty string or a one-line reason.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

}  // namespace attn::ui
