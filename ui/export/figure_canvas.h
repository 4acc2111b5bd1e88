// What a figure is drawn on. The figure code (figure.cpp) lays everything out
// in points and calls these few primitives; two canvases draw them:
//   PainterCanvas  QPainter on an image (PNG) or a PDF page, fonts from FigureFonts
//   SvgCanvas      a hand-written SVG: shared CSS classes instead of per-element
//                  attributes, a real font stack, xml:lang on Chinese text, grouped
//                  by part (cells, labels, colour bar) so it edits well in Inkscape
// QSvgGenerator is not used for figures: it wraps every element in its own <g>
// repeating all attributes and names the font "Sans Serif".
#pragma once

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QVector>

#include <utility>

class QPainter;

namespace attn::ui {

enum class TextRole { Title, Label, Value, Tick };

// The faces figures use: DejaVu Sans for Latin text and, for Chinese, the
// Simplified Chinese face of Noto Sans CJK (not the Japanese one fontconfig
// picks by default, which draws 器 and 写 in their Japanese forms).
QStringList figureFontFamilies();
// Sizes in points; measured on a 72-dpi device, where one point is one unit.
class FigureFonts {
public:
    explicit FigureFonts(double labelPt);
    QFont font(TextRole role, double shrink = 1.0) const;
    QFontMetricsF metrics(TextRole role, double shrink = 1.0) const;
    double pointSize(TextRole role) const;

private:
    double m_labelPt;
    QImage m_device;  // 72 dpi: point sizes are measured in figure units
};

// Whether a text holds CJK characters (it is then marked Chinese in SVG).
bool hasCjk(const QString& text);

class FigureCanvas {
public:
    virtual ~FigureCanvas() = default;
    virtual void beginGroup(const QString& id) = 0;  // a named part: "cells", "labels", "colorbar"
    virtual void endGroup() = 0;
    virtual void rect(const QRectF& r, const QColor& fill) = 0;
    virtual void line(QPointF from, QPointF to, const QColor& color, double width) = 0;
    // Text on a baseline through `anchor`, aligned left, centred or right of it
    // (Qt::AlignLeft, Qt::AlignHCenter, Qt::AlignRight), turned by `degrees` about it;
    // `shrink` < 1 draws it smaller than its role's size (token labels that must all fit).
    virtual void text(QPointF anchor, const QString& text, TextRole role, Qt::Alignment align, double degrees,
                      const QColor& color, double shrink = 1.0) = 0;
    // A rectangle filled by a vertical gradient; stops run from the bottom (0) to the top (1).
    virtual void gradientRect(const QRectF& r, const QVector<std::pair<double, QColor>>& stops) = 0;
};

class PainterCanvas : public FigureCanvas {
public:
    // The painter's units must be points at 72 dpi (see renderFigure / saveFigure).
    PainterCanvas(QPainter& painter, const FigureFonts& fonts);
    void beginGroup(const QString&) override {}
    void endGroup() override {}
    void rect(const QRectF& r, const QColor& fill) override;
    void line(QPointF from, QPointF to, const QColor& color, double width) override;
    void text(QPointF anchor, const QString& text, TextRole role, Qt::Alignment align, double degrees,
              const QColor& color, double shrink = 1.0) override;
    void gradientRect(const QRectF& r, const QVector<std::pair<double, QColor>>& stops) override;

private:
    QPainter& m_painter;
    const FigureFonts& m_fonts;
};

class SvgCanvas : public FigureCanvas {
public:
    // sizePt: the figure's size in points (the SVG's width and height, and its viewBox).
    SvgCanvas(QSizeF sizePt, const FigureFonts& fonts, const QString& title, bool transparent);
    void beginGroup(const QString& id) override;
    void endGroup() override;
    void rect(const QRectF& r, const QColor& fill) override;
    void line(QPointF from, QPointF to, const QColor& color, double width) override;
    void text(QPointF anchor, const QString& text, TextRole role, Qt::Alignment align, double degrees,
              const QColor& color, double shrink = 1.0) override;
    void gradientRect(const QRectF& r, const QVector<std::pair<double, QColor>>& stops) override;
    // The whole document.
    QByteArray finish();

private:
    QString m_body;
    QString m_defs;
    QString m_indent = QStringLiteral("  ");
    QSizeF m_size;
    const FigureFonts& m_fonts;
    QString m_title;
    bool m_transparent;
    int m_gradients = 0;
};

// A number for SVG: at most two decimals, no trailing zeros.
QString svgNumber(double v);

}  // namespace attn::ui
