#include "export/figure_export.h"

#include "export/figure_canvas.h"

#include <qcustomplot.h>

#include <QBuffer>
#include <QFileInfo>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cerrno>
#include <cmath>
#include <cstring>

namespace attn::ui {

std::optional<ImageFormat> imageFormatForPath(const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == "png") return ImageFormat::Png;
    if (suffix == "svg") return ImageFormat::Svg;
    if (suffix == "pdf") return ImageFormat::Pdf;
    return std::nullopt;
}

namespace {

// QSaveFile often says only "Unknown error" when the disk is full; errno knows better.
QString reasonOf(const QSaveFile& file, int error) {
    const QString said = file.errorString();
    return (said.isEmpty() || said == QLatin1String("Unknown error")) && error ? QString::fromLocal8Bit(std::strerror(error))
                                                                               : said;
}

}  // namespace

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return QObject::tr("cannot write '%1': the folder '%2' does not exist").arg(path, info.absolutePath());
    QSaveFile file(path);
    errno = 0;
    if (!file.open(QIODevice::WriteOnly)) return QObject::tr("cannot write '%1': %2").arg(path, reasonOf(file, errno));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = reasonOf(file, errno);
        file.cancelWriting();
        return QObject::tr("cannot write '%1': %2").arg(path, reason);
    }
    if (!file.commit()) return QObject::tr("cannot write '%1': %2").arg(path, reasonOf(file, errno));
    return {};
}

QImage renderImage(const QSizeF& size, const Painting& paint, double scale, bool transparent) {
    const QSize pixels(static_cast<int>(std::lround(size.width() * scale)), static_cast<int>(std::lround(size.height() * scale)));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(transparent ? Qt::transparent : Qt::white);
    const int dotsPerMeter = static_cast<int>(std::lround(96.0 * scale / 0.0254));  // records the DPI in the PNG
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QCPPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.scale(scale, scale);
    paint(painter);
    painter.end();
    return image;
}

QString saveImage(const QSizeF& size, const Painting& paint, ImageFormat format, double scale, bool transparent,
                  const QString& path) {
    if (!(scale > 0 && scale <= 16)) return QObject::tr("the scale must be between 0 and 16, not %1").arg(scale);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (format == ImageFormat::Png) {
        if (!renderImage(size, paint, scale, transparent).save(&buffer, "PNG"))
            return QObject::tr("cannot encode '%1' as PNG (the image may be too large)").arg(path);
    } else if (format == ImageFormat::Svg) {
        QSvgGenerator svg;
        svg.setOutputDevice(&buffer);
        svg.setSize(size.toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), size));
        svg.setResolution(96);
        svg.setTitle(QStringLiteral("Attention Lab figure"));
        svg.setDescription(QStringLiteral("Attention Lab"));
        QCPPainter painter(&svg);
        paint(painter);
        painter.end();
    } else {
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("Attention Lab"));
        pdf.setTitle(QFileInfo(path).completeBaseName());
        pdf.setResolution(72);  // one unit = one point
        pdf.setPageSize(QPageSize(size, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter(&pdf);
        paint(painter);
        painter.end();
    }
    buffer.close();
    return writeFileAtomically(path, bytes);
}

QImage renderFigure(const FigureDrawing& draw, const FigureFile& file) {
    const double scale = file.dpi / 72.0;
    const QSize pixels(std::max(1, static_cast<int>(std::lround(file.sizePt.width() * scale))),
                       std::max(1, static_cast<int>(std::lround(file.sizePt.height() * scale))));
    QImage image(pixels, QImage::Format_ARGB32_Premultiplied);
    image.fill(file.transparent ? Qt::transparent : Qt::white);
    auto setDpi = [&](double dpi) {
        image.setDotsPerMeterX(static_cast<int>(std::lround(dpi / 0.0254)));
        image.setDotsPerMeterY(static_cast<int>(std::lround(dpi / 0.0254)));
    };
    setDpi(72);  // while painting one unit is one point, as in the PDF
    {
        QPainter painter(&image);
        painter.scale(scale, scale);
        const FigureFonts fonts(file.labelPt);
        PainterCanvas canvas(painter, fonts);
        draw(canvas);
    }
    setDpi(file.dpi);  // what the PNG records
    return image;
}

QString saveFigure(const FigureDrawing& draw, const FigureFile& file, ImageFormat format, const QString& path) {
    if (!(file.dpi >= 10 && file.dpi <= 2400)) return QObject::tr("the resolution must be between 10 and 2400 dpi, not %1").arg(file.dpi);
    const double inches = std::max(file.sizePt.width(), file.sizePt.height()) / 72.0;
    if (format == ImageFormat::Png && inches * file.dpi > 30000)
        return QObject::tr("'%1' would be %2 pixels across: lower the width or the dpi").arg(path).arg(std::lround(inches * file.dpi));
    QByteArray bytes;
    if (format == ImageFormat::Png) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!renderFigure(draw, file).save(&buffer, "PNG"))
            return QObject::tr("cannot encode '%1' as PNG (the image may be too large)").arg(path);
    } else if (format == ImageFormat::Svg) {
        const FigureFonts fonts(file.labelPt);
        SvgCanvas canvas(file.sizePt, fonts, file.title, file.transparent);
        draw(canvas);
        bytes = canvas.finish();
    } else {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&buffer);
        pdf.setCreator(QStringLiteral("Attention Lab"));
        pdf.setTitle(file.title.isEmpty() ? QFileInfo(path).completeBaseName() : file.title);
        pdf.setResolution(72);  // one unit = one point
        pdf.setPageSize(QPageSize(file.sizePt, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        if (!file.transparent) painter.fillRect(QRectF(QPointF(0, 0), file.sizePt), Qt::white);
        const FigureFonts fonts(file.labelPt);
        PainterCanvas canvas(painter, fonts);
        draw(canvas);
    }
    return writeFileAtomically(path, bytes);
}

Painting plotPainting(QCustomPlot* plot) {
    return [plot](QCPPainter& painter) {
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, plot->width(), plot->height());
    };
}

}  // namespace attn::ui
