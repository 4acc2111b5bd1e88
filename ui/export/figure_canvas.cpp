#include "export/figure_canvas.h"

#include <QLinearGradient>
#include <QPainter>

namespace attn::ui {

QStringList figureFontFamilies() { return {QStringLiteral("DejaVu Sans"), QStringLiteral("Noto Sans CJK SC")}; }

FigureFonts::FigureFonts(double labelPt) : m_labelPt(labelPt), m_device(1, 1, QImage::Format_ARGB32_Premultiplied) {
    const int dotsPerMeter = qRound(72 / 0.0254);
    m_device.setDotsPerMeterX(dotsPerMeter);
    m_device.setDotsPerMeterY(dotsPerMeter);
}

double FigureFonts::pointSize(TextRole role) const {
    switch (role) {
        case TextRole::Title: return m_labelPt * 9.0 / 8.0;
        case TextRole::Label: return m_labelPt;
        case TextRole::Value: return m_labelPt * 6.5 / 8.0;
        case TextRole::Tick: return m_labelPt * 7.0 / 8.0;
    }
    return m_labelPt;
}

QFont FigureFonts::font(TextRole role, double shrink) const {
    QFont f;
    f.setFamilies(figureFontFamilies());
    f.setPointSizeF(pointSize(role) * shrink);
    f.setBold(role == TextRole::Title);
    f.setHintingPreference(QFont::PreferNoHinting);  // the same advances at every resolution
    return f;
}

QFontMetricsF FigureFonts::metrics(TextRole role, double shrink) const { return QFontMetricsF(font(role, shrink), &m_device); }

bool hasCjk(const QString& text) {
    for (const QChar c : text) {
        const ushort u = c.unicode();
        if ((u >= 0x3000 && u <= 0x30FF) || (u >= 0x3400 && u <= 0x9FFF) || (u >= 0xF900 && u <= 0xFAFF) ||
            (u >= 0xFF00 && u <= 0xFFEF) || c.isHighSurrogate())
            return true;
    }
    return false;
}

// ---- QPainter ----

PainterCanvas::PainterCanvas(QPainter& painter, const FigureFonts& fonts) : m_painter(painter), m_fonts(fonts) {
    m_painter.setRenderHint(QPainter::Antialiasing, false);  // cells tile without seams
    m_painter.setRenderHint(QPainter::TextAntialiasing, true);
}

void PainterCanvas::rect(const QRectF& r, const QColor& fill) { m_painter.fillRect(r, fill); }

void PainterCanvas::line(QPointF from, QPointF to, const QColor& color, double width) {
    m_painter.setPen(QPen(color, width, Qt::SolidLine, Qt::SquareCap));
    m_painter.drawLine(from, to);
}

void PainterCanvas::text(QPointF anchor, const QString& text, TextRole role, Qt::Alignment align, double degrees,
                         const QColor& color, double shrink) {
    const QFont font = m_fonts.font(role, shrink);
    const double width = m_fonts.metrics(role, shrink).horizontalAdvance(text);
    const double dx = align & Qt::AlignRight ? -width : align & Qt::AlignHCenter ? -width / 2 : 0;
    m_painter.save();
    m_painter.translate(anchor);
    m_painter.rotate(degrees);
    m_painter.setFont(font);
    m_painter.setPen(color);
    m_painter.drawText(QPointF(dx, 0), text);
    m_painter.restore();
}

void PainterCanvas::gradientRect(const QRectF& r, const QVector<std::pair<double, QColor>>& stops) {
    QLinearGradient g(r.bottomLeft(), r.topLeft());
    for (const auto& [at, color] : stops) g.setColorAt(at, color);
    m_painter.fillRect(r, g);
}

// ---- SVG ----

QString svgNumber(double v) {
    QString s = QString::number(v, 'f', 2);
    while (s.contains('.') && (s.endsWith('0') || s.endsWith('.'))) s.chop(1);
    return s == QLatin1String("-0") ? QStringLiteral("0") : s;
}

namespace {

QString colorText(const QColor& c) { return c.name(QColor::HexRgb); }

QString escaped(const QString& s) { return s.toHtmlEscaped(); }

QString roleClass(TextRole role) {
    switch (role) {
        case TextRole::Title: return QStringLiteral("title");
        case TextRole::Label: return QStringLiteral("label");
        case TextRole::Value: return QStringLiteral("value");
        case TextRole::Tick: return QStringLiteral("tick");
    }
    return {};
}

}  // namespace

SvgCanvas::SvgCanvas(QSizeF sizePt, const FigureFonts& fonts, const QString& title, bool transparent)
    : m_size(sizePt), m_fonts(fonts), m_title(title), m_transparent(transparent) {}

void SvgCanvas::beginGroup(const QString& id) {
    m_body += m_indent + QStringLiteral("<g id=\"%1\">\n").arg(id);
    m_indent += QStringLiteral("  ");
}

void SvgCanvas::endGroup() {
    m_indent.chop(2);
    m_body += m_indent + QStringLiteral("</g>\n");
}

void SvgCanvas::rect(const QRectF& r, const QColor& fill) {
    m_body += m_indent + QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>\n")
                             .arg(svgNumber(r.x()), svgNumber(r.y()), svgNumber(r.width()), svgNumber(r.height()), colorText(fill));
}

void SvgCanvas::line(QPointF from, QPointF to, const QColor& color, double width) {
    m_body += m_indent + QStringLiteral("<line x1=\"%1\" y1=\"%2\" x2=\"%3\" y2=\"%4\" stroke=\"%5\" stroke-width=\"%6\"/>\n")
                             .arg(svgNumber(from.x()), svgNumber(from.y()), svgNumber(to.x()), svgNumber(to.y()), colorText(color),
                                  svgNumber(width));
}

void SvgCanvas::text(QPointF anchor, const QString& text, TextRole role, Qt::Alignment align, double degrees,
                     const QColor& color, double shrink) {
    // Colours by class or inline style, never the fill attribute: CSS (the `text` rule) beats
    // presentation attributes, so white values on dark cells would turn dark in browsers.
    const bool chinese = hasCjk(text), light = color == QColor(Qt::white);
    QString attributes = QStringLiteral(" class=\"%1%2%3\"")
                             .arg(roleClass(role), chinese ? QStringLiteral(" zh") : QString(), light ? QStringLiteral(" light") : QString());
    if (chinese) attributes += QStringLiteral(" xml:lang=\"zh-Hans\"");
    if (align & Qt::AlignRight) attributes += QStringLiteral(" text-anchor=\"end\"");
    else if (align & Qt::AlignHCenter) attributes += QStringLiteral(" text-anchor=\"middle\"");
    QStringList style;
    if (shrink != 1.0) style << QStringLiteral("font-size: %1px").arg(svgNumber(m_fonts.pointSize(role) * shrink));
    if (!light && color != QColor(20, 20, 20) && color != QColor(Qt::black)) style << QStringLiteral("fill: %1").arg(colorText(color));
    if (!style.isEmpty()) attributes += QStringLiteral(" style=\"%1\"").arg(style.join(QStringLiteral("; ")));
    const QString x = svgNumber(anchor.x()), y = svgNumber(anchor.y());
    if (degrees != 0) attributes += QStringLiteral(" transform=\"rotate(%1 %2 %3)\"").arg(svgNumber(degrees), x, y);
    m_body += m_indent + QStringLiteral("<text x=\"%1\" y=\"%2\"%3>%4</text>\n").arg(x, y, attributes, escaped(text));
}

void SvgCanvas::gradientRect(const QRectF& r, const QVector<std::pair<double, QColor>>& stops) {
    const QString id = QStringLiteral("gradient%1").arg(++m_gradients);
    m_defs += QStringLiteral("    <linearGradient id=\"%1\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n").arg(id);
    for (const auto& [at, color] : stops)
        m_defs += QStringLiteral("      <stop offset=\"%1\" stop-color=\"%2\"/>\n").arg(svgNumber(at), colorText(color));
    m_defs += QStringLiteral("    </linearGradient>\n");
    m_body += m_indent + QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"url(#%5)\"/>\n")
                             .arg(svgNumber(r.x()), svgNumber(r.y()), svgNumber(r.width()), svgNumber(r.height()), id);
}

QByteArray SvgCanvas::finish() {
    const QString w = svgNumber(m_size.width()), h = svgNumber(m_size.height());
    auto size = [&](TextRole role) { return svgNumber(m_fonts.pointSize(role)); };
    QString out;
    out += QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out += QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%1pt\" height=\"%2pt\" "
                          "viewBox=\"0 0 %1 %2\" xml:lang=\"en\">\n")
               .arg(w, h);
    out += QStringLiteral("  <title>%1</title>\n  <desc>Attention Lab figure; units are points</desc>\n").arg(escaped(m_title));
    out += QStringLiteral("  <style>\n"
                          "    text { font-family: 'DejaVu Sans', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
                          "'Microsoft YaHei', sans-serif; fill: #141414; }\n"
                          "    text.zh { font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
                          "'Microsoft YaHei', sans-serif; }\n"
                          "    .title { font-size: %1px; font-weight: bold; }\n"
                          "    .label { font-size: %2px; }\n"
                          "    .value { font-size: %3px; }\n"
                          "    .tick { font-size: %4px; }\n"
                          "    .light { fill: #ffffff; }\n"
                          "    #cells rect { shape-rendering: crispEdges; }\n"
                          "  </style>\n")
               .arg(size(TextRole::Title), size(TextRole::Label), size(TextRole::Value), size(TextRole::Tick));
    if (!m_defs.isEmpty()) out += QStringLiteral("  <defs>\n") + m_defs + QStringLiteral("  </defs>\n");
    if (!m_transparent) out += QStringLiteral("  <rect id=\"background\" width=\"%1\" height=\"%2\" fill=\"#ffffff\"/>\n").arg(w, h);
    out += m_body;
    out += QStringLiteral("</svg>\n");
    return out.toUtf8();
}

}  // namespace attn::ui
