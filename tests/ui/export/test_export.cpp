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
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

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

    void pngHasThePixelSizeOfItsScale() {
        ExportOptions o;
        const QSizeF size = figureSize(stageFigure(trace, *trace.find(stage.toStdString()), 0), o.style);
        for (double scale : {1.0, 2.0, 3.5}) {
            o.scale = scale;
            const QString path = dir.filePath(QStringLiteral("w%1.png").arg(scale));
            QCOMPARE(exportStage(trace, stage, 0, path, o), QString());
            const QImage image(path);
            QCOMPARE(image.width(), qRound(size.width() * scale));
            QCOMPARE(image.height(), qRound(size.height() * scale));
        }
        QCOMPARE(QImage(dir.filePath("w2.png")).width(), 2 * QImage(dir.filePath("w1.png")).width());
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
        for (const char* token : {"the", "cat", "sat", "on", "mat"}) QVERIFY(svg.texts.contains(token));
        QVERIFY(svg.texts.contains(stage + " — head 1"));
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
        QCOMPARE(exportPlot(lines.plot(), dir.filePath("lines.png"), ExportOptions{}), QString());
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
