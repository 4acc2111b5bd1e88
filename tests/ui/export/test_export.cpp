// Exported files checked as files: PNG size per scale, SVG as XML with one
// rectangle per cell and the labels as text, PDF as vectors, data as numbers.
#include "export/exporter.h"
#include "export/figure.h"
#include "views/lines_view.h"
#include "controller/session_controller.h"
#include "engine/forward.h"

#include <qcustomplot.h>

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>

using namespace attn;
using namespace attn::ui;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct SvgSummary {
    int rects = 0;
    QStringList texts;
    int images = 0;
};

SvgSummary parseSvg(const QByteArray& bytes, QString* error) {
    SvgSummary s;
    QXmlStreamReader xml(bytes);
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("rect")) ++s.rects;
        if (xml.isStartElement() && xml.name() == QLatin1String("image")) ++s.images;
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) s.texts << xml.readElementText().trimmed();
    }
    if (xml.hasError()) *error = xml.errorString();
    return s;
}

// Runs a program other people view our files with (librsvg, poppler; scripts/setup.sh installs them).
QString runTool(const QString& program, const QStringList& arguments) {
    QProcess p;
    p.start(program, arguments);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) return QStringLiteral("FAILED: ") + program + ' ' + p.readAllStandardError();
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The rectangles of an exported figure's <g id="cells">, in row-major order (SVG units).
QVector<QRectF> svgCells(const QByteArray& svg) {
    QXmlStreamReader xml(svg);
    QVector<QRectF> cells;
    bool inCells = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("g")) inCells = xml.attributes().value("id") == QLatin1String("cells");
        if (xml.isEndElement() && xml.name() == QLatin1String("g")) inCells = false;
        if (inCells && xml.isStartElement() && xml.name() == QLatin1String("rect")) {
            const auto a = xml.attributes();
            cells << QRectF(a.value("x").toDouble(), a.value("y").toDouble(), a.value("width").toDouble(), a.value("height").toDouble());
        }
    }
    return cells;
}

QSizeF pdfPageSize(const QByteArray& pdf) {
    const auto m = QRegularExpression(R"(/MediaBox \[0 0 ([0-9.]+) ([0-9.]+)\])").match(QString::fromLatin1(pdf));
    return m.hasMatch() ? QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()) : QSizeF();
}

}  // namespace

class TestExport : public QObject {
    Q_OBJECT
    Model model;
    Trace trace;
    QTemporaryDir dir;
    const QString stage = "encoder.layers.0.self_attn.weights";

private slots:
    void initTestCase() {
        model = make_model(Config{});
        trace = run_forward(model, {sequence_from_text(model, "the cat sat on the mat"), {}});
        QVERIFY(dir.isValid());
    }

    void pngIsTheWidthTimesTheDpi() {
        ExportOptions o;
        o.style.widthPt = 3.3 * 72;  // one column of a two-column paper
        const QSizeF size = figureSize(stageFigure(trace, *trace.find(stage.toStdString()), 0), o.style);
        QCOMPARE(size.width(), 238.0);  // whole points
        for (double dpi : {150.0, 300.0, 600.0}) {
            o.dpi = dpi;
            const QString path = dir.filePath(QStringLiteral("w%1.png").arg(dpi));
            QCOMPARE(exportStage(trace, stage, 0, path, o), QString());
            const QImage image(path);
            QCOMPARE(image.width(), qRound(size.width() / 72 * dpi));
            QCOMPARE(image.height(), qRound(size.height() / 72 * dpi));
            QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), qRound(dpi));  // the PNG says its dpi
        }
    }

    void everyFormatHasTheSameSize() {
        ExportOptions o;
        o.style.widthPt = 7 * 72;
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("s.svg"), o), QString());
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("s.pdf"), o), QString());
        const QSizeF size = figureSize(stageFigure(trace, *trace.find(stage.toStdString()), 0), o.style);
        QXmlStreamReader xml(readAll(dir.filePath("s.svg")));
        xml.readNextStartElement();
        QCOMPARE(xml.attributes().value("width").toString(), QStringLiteral("504pt"));
        QCOMPARE(xml.attributes().value("height").toString(), QStringLiteral("%1pt").arg(size.height()));
        QCOMPARE(pdfPageSize(readAll(dir.filePath("s.pdf"))), QSizeF(504, size.height()));
    }

    // Cells reach under their right and lower neighbours: no renderer can leave a gap.
    void svgCellsOverlapTheirNeighbours() {
        ExportOptions o;
        o.style.widthPt = 3.3 * 72;  // fractional cell sizes
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("c.svg"), o), QString());
        const QVector<QRectF> cells = svgCells(readAll(dir.filePath("c.svg")));
        QCOMPARE(cells.size(), 36);
        for (int i = 0; i < 6; ++i)
            for (int j = 0; j < 6; ++j) {
                const QRectF c = cells[i * 6 + j];
                if (j < 5) QVERIFY2(c.right() > cells[i * 6 + j + 1].left(), "a gap to the right");
                if (i < 5) QVERIFY2(c.bottom() > cells[(i + 1) * 6 + j].top(), "a gap below");
                if (j < 5) QVERIFY(cells[i * 6 + j + 1].left() - c.left() > 20);  // overlapping, not stacked
            }
    }

    // As librsvg draws it: along the middle of every row of cells only the cells' own colours
    // (no lighter seam where two cells meet), and white values stay white on dark cells.
    void svgRendersWithoutSeamsAndWithItsColours() {
        ExportOptions o;
        o.style.widthPt = 3.3 * 72;  // fractional cell edges
        o.style.showValues = false;
        const QString stage3 = "encoder.layers.0.self_attn.scores";
        QCOMPARE(exportStage(trace, stage3, 0, dir.filePath("r.svg"), o), QString());
        QCOMPARE(runTool("rsvg-convert", {"--zoom", "1.7", dir.filePath("r.svg"), "-o", dir.filePath("r.png")}), QString());
        const QImage image(dir.filePath("r.png"));
        QVERIFY(!image.isNull());
        const double zoom = 1.7 * 96 / 72;  // rsvg: 96 px per inch, at 1.7 times
        const HeatmapFigure figure = stageFigure(trace, *trace.find(stage3.toStdString()), 0);
        const QVector<QRectF> cells = svgCells(readAll(dir.filePath("r.svg")));
        QCOMPARE(cells.size(), figure.rows * figure.cols);
        for (int i = 0; i < figure.rows; ++i) {
            QSet<QRgb> rowColours;
            for (int j = 0; j < figure.cols; ++j) rowColours << image.pixel((cells[i * figure.cols + j].center() * zoom).toPoint());
            const int y = qRound(cells[i * figure.cols].center().y() * zoom);
            const int left = qCeil(cells[i * figure.cols].left() * zoom) + 1, right = qFloor(cells[i * figure.cols + figure.cols - 1].right() * zoom) - 2;
            for (int x = left; x <= right; ++x)
                QVERIFY2(rowColours.contains(image.pixel(x, y)), qPrintable(QStringLiteral("a seam at pixel %1, row %2").arg(x).arg(i)));
        }
        // Values: the darkest cell's number is drawn white (CSS must not turn it dark).
        const HeatmapFigure weights = stageFigure(trace, *trace.find(stage.toStdString()), 0);
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("v.svg"), ExportOptions{}), QString());
        QCOMPARE(runTool("rsvg-convert", {"--zoom", "3", dir.filePath("v.svg"), "-o", dir.filePath("v.png")}), QString());
        const QImage values(dir.filePath("v.png"));
        const qsizetype darkest = std::min_element(weights.values.begin(), weights.values.end()) - weights.values.begin();
        const QVector<QRectF> valueCells = svgCells(readAll(dir.filePath("v.svg")));
        QCOMPARE(valueCells.size(), weights.values.size());
        const QRectF cell = valueCells[darkest];
        const double px = 3 * 96.0 / 72;
        int white = 0;
        for (int y = qCeil(cell.top() * px); y < qFloor(cell.bottom() * px) - 2; ++y)
            for (int x = qCeil(cell.left() * px); x < qFloor(cell.right() * px) - 2; ++x)
                white += qGray(values.pixel(x, y)) > 230;
        QVERIFY2(white > 20, qPrintable(QStringLiteral("%1 white pixels in the darkest cell").arg(white)));
    }

    void pdfFontsAreEmbeddedAndChineseIsSimplified() {
        Config c;
        c.architecture = Architecture::EncoderDecoder;
        const Model zh = make_model(c);
        const Trace t = run_forward(zh, {sequence_from_text(zh, "我 爱 机器 学习"), sequence_from_text(zh, "I love")});
        QCOMPARE(exportStage(t, "decoder.layers.0.multihead_attn.weights", 0, dir.filePath("fonts.pdf"), ExportOptions{}), QString());
        const QString fonts = runTool("pdffonts", {dir.filePath("fonts.pdf")});
        QVERIFY2(fonts.contains("NotoSansCJKsc-Regular"), qPrintable(fonts));
        QVERIFY2(!fonts.contains("CJKjp"), qPrintable(fonts));
        for (const QString& line : fonts.split('\n').mid(2))
            if (!line.trimmed().isEmpty()) QVERIFY2(line.contains(" yes "), qPrintable("not embedded: " + line));
        const QString info = runTool("pdfinfo", {dir.filePath("fonts.pdf")});
        const QSizeF size = figureSize(stageFigure(t, *t.find("decoder.layers.0.multihead_attn.weights"), 0), ExportOptions{}.style);
        QVERIFY2(info.contains(QStringLiteral("Page size:       %1 x %2 pts").arg(size.width()).arg(size.height())), qPrintable(info));
    }

    void svgIsCleanWithARealFontStack() {
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("f.svg"), ExportOptions{}), QString());
        const QByteArray svg = readAll(dir.filePath("f.svg"));
        QVERIFY(svg.contains("font-family: 'DejaVu Sans', 'Noto Sans CJK SC'"));
        QVERIFY(svg.contains("sans-serif;"));
        QVERIFY(!svg.contains("Sans Serif"));
        QVERIFY(svg.contains("<style>"));
        QVERIFY(!svg.contains("font-size=\""));  // sizes come from the shared classes
        QVERIFY(svg.count("<g") < 12);            // parts, not one group per element
    }

    void chineseUsesTheSimplifiedFaceAndIsMarked() {
        Config c;
        c.architecture = Architecture::EncoderDecoder;
        const Model zh = make_model(c);
        const Trace t = run_forward(zh, {sequence_from_text(zh, "我 爱 机器 学习"), sequence_from_text(zh, "I love")});
        const QString cross = "decoder.layers.0.multihead_attn.weights";
        QCOMPARE(exportStage(t, cross, 0, dir.filePath("zh.svg"), ExportOptions{}), QString());
        QCOMPARE(exportStage(t, cross, 0, dir.filePath("zh.pdf"), ExportOptions{}), QString());
        QXmlStreamReader xml(readAll(dir.filePath("zh.svg")));
        int chinese = 0;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement() || xml.name() != QLatin1String("text")) continue;
            const QString lang = xml.attributes().value("xml:lang").toString();
            const QString text = xml.readElementText();
            QCOMPARE(lang == QLatin1String("zh-Hans"), hasCjk(text));
            chinese += hasCjk(text);
        }
        QCOMPARE(chinese, 6);  // 我 爱 机 器 学 习: one token per character
        const QByteArray pdf = readAll(dir.filePath("zh.pdf"));
        QVERIFY2(pdf.contains("NotoSansCJKsc"), "the Simplified Chinese face is embedded");
        QVERIFY2(!pdf.contains("NotoSansCJKjp"), "not the Japanese one");
    }

    // Colour-bar ticks are round (1, 2, 2.5 or 5 × 10^k apart, multiples of their step) and
    // every minus in a figure is U+2212.
    void ticksAreRoundAndMinusSignsAreOne() {
        for (const QString& s : {QStringLiteral("encoder.layers.0.self_attn.scores"), QStringLiteral("encoder.layers.0.ffn.hidden"),
                                QStringLiteral("encoder.layers.0.self_attn.weights")}) {
            QCOMPARE(exportStage(trace, s, 0, dir.filePath("t.svg"), ExportOptions{}), QString());
            QXmlStreamReader xml(readAll(dir.filePath("t.svg")));
            QVector<double> ticks;
            while (!xml.atEnd()) {
                xml.readNext();
                if (!xml.isStartElement() || xml.name() != QLatin1String("text")) continue;
                const bool tick = xml.attributes().value("class") == QLatin1String("tick");
                const QString text = xml.readElementText();
                QVERIFY2(!QRegularExpression(R"((^|[\s(])-[0-9∞])").match(text).hasMatch(), qPrintable("an ASCII minus: " + text));
                if (tick) ticks << QString(text).replace(QChar(0x2212), '-').toDouble();
            }
            QVERIFY2(ticks.size() >= 2, qPrintable(s));
            const double step = ticks[1] - ticks[0];
            const double magnitude = std::pow(10.0, std::floor(std::log10(step)));
            const double mantissa = step / magnitude;
            QVERIFY2(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 || std::abs(mantissa - 2.5) < 1e-9 ||
                         std::abs(mantissa - 5) < 1e-9,
                     qPrintable(QStringLiteral("%1: step %2").arg(s).arg(step)));
            for (double t : ticks) QVERIFY2(std::abs(t / step - std::round(t / step)) < 1e-6, qPrintable(QString::number(t)));
        }
    }

    void labelsAllAutoOrNone() {
        QStringList words;
        for (int i = 0; i < 40; ++i) words << QStringLiteral("w%1").arg(i);
        const Trace many = run_forward(model, {sequence_from_text(model, words.join(' ').toStdString()), {}});
        auto tokenTexts = [&](LabelMode mode) {
            ExportOptions o;
            o.style.widthPt = 3.3 * 72;
            o.style.labels = mode;
            const QString path = dir.filePath("l.svg");
            if (!exportStage(many, stage, 0, path, o).isEmpty()) return -1;
            QString error;
            const SvgSummary svg = parseSvg(readAll(path), &error);
            return static_cast<int>(std::count_if(svg.texts.begin(), svg.texts.end(), [](const QString& t) { return t.startsWith('w'); }));
        };
        QCOMPARE(tokenTexts(LabelMode::All), 80);  // every row and column
        const int automatic = tokenTexts(LabelMode::Auto);
        QVERIFY2(automatic > 0 && automatic < 80, qPrintable(QString::number(automatic)));
        QCOMPARE(tokenTexts(LabelMode::None), 0);
    }

    // A causal model's weights: the cells the mask hides are grey with no number and a "masked"
    // legend (never 0.00); the caption and the axis titles are the user's when given.
    void maskedCellsCaptionAndAxisTitles() {
        Config c;
        c.architecture = Architecture::DecoderOnly;
        c.causal = true;
        const Model gpt = make_model(c);
        const Trace t = run_forward(gpt, {sequence_from_text(gpt, "the quick brown fox jumps"), {}});
        const QString weights = "decoder.layers.0.self_attn.weights";
        QCOMPARE(exportStage(t, weights, 1, dir.filePath("m.svg"), ExportOptions{}), QString());
        QXmlStreamReader xml(readAll(dir.filePath("m.svg")));
        int grey = 0, values = 0;
        QStringList texts;
        QString group;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == QLatin1String("g")) group = xml.attributes().value("id").toString();
            if (!xml.isStartElement()) continue;
            if (group == "cells" && xml.name() == QLatin1String("rect")) grey += xml.attributes().value("fill") == QLatin1String("#bebebe");
            if (xml.name() == QLatin1String("text")) {
                texts << xml.readElementText();
                values += group == "values";
            }
        }
        QCOMPARE(grey, 5 * 4 / 2);     // above the diagonal
        QCOMPARE(values, 5 * 6 / 2);   // a number in every cell the query may see, and only there
        QVERIFY(texts.contains("masked"));
        QVERIFY(texts.contains("Decoder layer 0 · head 1 · self-attention weights"));
        QVERIFY(texts.contains("query (source token)"));
        QVERIFY(texts.contains("key (source token)"));
        ExportOptions o;
        o.title = "Causal attention";
        o.rowTitle = "predicting";
        o.colTitle = "seen";
        QCOMPARE(exportStage(t, weights, 1, dir.filePath("t.svg"), o), QString());
        QString error;
        const SvgSummary own = parseSvg(readAll(dir.filePath("t.svg")), &error);
        for (const char* text : {"Causal attention", "predicting", "seen"}) QVERIFY2(own.texts.contains(text), text);
        o.title = QString();  // --no-title
        QCOMPARE(exportStage(t, weights, 1, dir.filePath("n.svg"), o), QString());
        QVERIFY(!parseSvg(readAll(dir.filePath("n.svg")), &error).texts.contains("Causal attention"));
        QVERIFY(!readAll(dir.filePath("n.svg")).contains("class=\"title\""));
    }

    void tooNarrowAWidthIsRefused() {
        ExportOptions o;
        o.style.widthPt = 30;
        QVERIFY(exportStage(trace, stage, 0, dir.filePath("n.png"), o).contains("too narrow"));
        QString error;
        QCOMPARE(parseLength("8.4 cm", &error), 8.4 * 72 / 2.54);
        QCOMPARE(parseLength("240", &error), 240.0);
        QCOMPARE(parseLength("wide", &error), 0.0);
        QVERIFY(error.contains("not a length"));
    }

    void transparentPngHasNoBackground() {
        ExportOptions o;
        o.style.transparent = true;
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("t.png"), o), QString());
        QCOMPARE(qAlpha(QImage(dir.filePath("t.png")).pixel(1, 1)), 0);
        o.style.transparent = false;
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("o.png"), o), QString());
        QCOMPARE(QImage(dir.filePath("o.png")).pixel(1, 1), qRgb(255, 255, 255));
    }

    void svgIsVectorsWithOneRectanglePerCellAndTextLabels() {
        ExportOptions o;
        QCOMPARE(exportStage(trace, stage, 1, dir.filePath("w.svg"), o), QString());
        QString error;
        const SvgSummary svg = parseSvg(readAll(dir.filePath("w.svg")), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(svg.images, 0);
        QCOMPARE(svg.rects, 6 * 6 + 2);  // cells, background, colour bar
        QVERIFY(svg.texts.contains("attention weight"));  // the colour bar names the quantity
        for (const char* token : {"the", "cat", "sat", "on", "mat"}) QVERIFY(svg.texts.contains(token));
        QVERIFY(svg.texts.contains("Encoder layer 0 · head 1 · self-attention weights"));  // a caption, not the stage's name
        o.style.transparent = true;
        QCOMPARE(exportStage(trace, stage, 1, dir.filePath("wt.svg"), o), QString());
        QCOMPARE(parseSvg(readAll(dir.filePath("wt.svg")), &error).rects, 6 * 6 + 1);
    }

    void pdfIsVector() {
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("w.pdf"), ExportOptions{}), QString());
        const QByteArray pdf = readAll(dir.filePath("w.pdf"));
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY(!pdf.contains("/Subtype /Image"));  // no raster anywhere
        QVERIFY(pdf.size() > 1000);
    }

    void dataFormatsFollowTheExtension() {
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("w.csv"), ExportOptions{}), QString());
        QVERIFY(readAll(dir.filePath("w.csv")).startsWith("source token \\ source token,the,cat,sat,on,the,mat\n"));
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("w.npy"), ExportOptions{}), QString());
        QVERIFY(readAll(dir.filePath("w.npy")).startsWith("\x93NUMPY"));
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("w.json"), ExportOptions{}), QString());
        QVERIFY(readAll(dir.filePath("w.json")).contains("\"head\": 0"));
    }

    void sameExportTwiceGivesTheSameBytes() {
        for (const char* ext : {"png", "csv", "npy", "json", "svg"}) {
            const QString a = dir.filePath(QStringLiteral("a.%1").arg(ext)), b = dir.filePath(QStringLiteral("b.%1").arg(ext));
            QCOMPARE(exportStage(trace, stage, 1, a, ExportOptions{}), QString());
            QCOMPARE(exportStage(trace, stage, 1, b, ExportOptions{}), QString());
            QCOMPARE(readAll(a), readAll(b));
        }
    }

    void allHeadsWritesOneFilePerHeadAndTheGrid() {
        int written = 0;
        QCOMPARE(exportAllHeads(trace, dir.filePath("heads"), "png", ExportOptions{}, &written), QString());
        QCOMPARE(written, 2 + 1);
        QVERIFY(QFile::exists(dir.filePath("heads/" + stage + ".head1.png")));
        const QImage grid(dir.filePath("heads/all-heads.png"));
        QVERIFY(grid.width() > QImage(dir.filePath("heads/" + stage + ".head0.png")).width());
    }

    void linesViewExportsAsVectors() {
        SessionController controller;
        LinesView lines(&controller);
        lines.resize(600, 400);
        lines.show();
        QVERIFY(QTest::qWaitForWindowExposed(&lines));
        QCOMPARE(exportPlot(lines.plot(), dir.filePath("lines.svg"), ExportOptions{}), QString());
        QString error;
        const SvgSummary svg = parseSvg(readAll(dir.filePath("lines.svg")), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(svg.images, 0);
        QVERIFY(svg.texts.contains("cat"));
        ExportOptions o;
        o.dpi = 192;  // plots are drawn at their size on screen (96 dpi): twice that
        QCOMPARE(exportPlot(lines.plot(), dir.filePath("lines.png"), o), QString());
        QCOMPARE(QImage(dir.filePath("lines.png")).width(), 2 * lines.plot()->width());
    }

    void positionsViewExportsBothHeatmaps() {
        QCOMPARE(exportPositions(model, 8, dir.filePath("pe.svg"), ExportOptions{}), QString());
        QString error;
        const SvgSummary svg = parseSvg(readAll(dir.filePath("pe.svg")), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(svg.rects, 8 * 8 + 8 * 8 + 1 + 2);  // table (8 × d_model 8), similarity (8 × 8), background, 2 colour bars
        QCOMPARE(svg.images, 0);
    }

    void unwritablePlacesGiveAReason() {
        const QString missing = exportStage(trace, stage, 0, "/no/such/folder/w.png", ExportOptions{});
        QVERIFY2(missing.contains("does not exist"), qPrintable(missing));
        const QString denied = exportStage(trace, stage, 0, "/proc/w.csv", ExportOptions{});
        QVERIFY(!denied.isEmpty());
        QVERIFY(exportStage(trace, "no.such.stage", 0, dir.filePath("x.png"), ExportOptions{}).contains("no stage"));
        // A name with spaces and CJK characters is fine.
        QCOMPARE(exportStage(trace, stage, 0, dir.filePath("注意力 weights.png"), ExportOptions{}), QString());
        QVERIFY(QFile::exists(dir.filePath("注意力 weights.png")));
    }
};

QTEST_MAIN(TestExport)
#include "test_export.moc"
