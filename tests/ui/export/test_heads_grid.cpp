// The heads grid as a journal figure (export/heads_grid.h): GPT-2's 12 × 12 heads fit a 3.3 in
// column and a 7 in page in every format, long texts are pooled (each cell the largest weight of
// its block, checked against the trace's own numbers), the natural size stays a size a viewer
// opens, and the layers and heads asked for are the ones drawn.
#include "export/exporter.h"
#include "export/heads_grid.h"
#include "engine/forward.h"
#include "engine/sequence.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

using namespace attn;
using namespace attn::ui;

namespace {

// A decoder-shaped stack with GPT-2 small's 12 layers of 12 heads, narrow enough to compute at once.
Model twelveByTwelve(int maxLen = 64, int layers = 12) {
    Config c;
    c.d_model = 48;
    c.nhead = 12;
    c.num_encoder_layers = layers;
    c.num_decoder_layers = 0;
    c.dim_feedforward = 96;
    c.causal = true;
    c.max_len = maxLen;
    return make_model(c);
}

std::string words(int n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += "w" + std::to_string(i) + " ";
    return text;
}

struct Svg {
    int cells = 0;
    QStringList texts;
};

Svg readSvg(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QXmlStreamReader xml(f.readAll());
    Svg s;
    bool inCells = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == QLatin1String("g")) inCells = xml.attributes().value("id") == QLatin1String("cells");
        if (xml.isEndElement() && xml.name() == QLatin1String("g")) inCells = false;
        if (inCells && xml.isStartElement() && xml.name() == QLatin1String("rect")) ++s.cells;
        if (xml.isStartElement() && xml.name() == QLatin1String("text")) s.texts << xml.readElementText().trimmed();
    }
    return s;
}

}  // namespace

class TestHeadsGrid : public QObject {
    Q_OBJECT
    QTemporaryDir dir;

private slots:
    // The review's case: at 3.3 in and 7 in the 12 × 12 grid failed ("6 pt is too narrow").
    void twelveByTwelveHeadsFitAColumnAndAPage() {
        const Model model = twelveByTwelve();
        const Trace trace = run_forward(model, {sequence_from_text(model, "the cat sat on the mat"), {}});
        for (double inches : {3.3, 7.0}) {
            ExportOptions o;
            o.style.widthPt = inches * 72;
            for (const char* ext : {"png", "svg", "pdf"}) {
                const QString path = dir.filePath(QStringLiteral("grid%1.%2").arg(inches).arg(ext));
                QCOMPARE(exportHeadsGrid(trace, path, o), QString());
                QVERIFY(QFile(path).size() > 0);
            }
            QCOMPARE(QImage(dir.filePath(QStringLiteral("grid%1.png").arg(inches))).width(), qRound(std::round(inches * 72) / 72 * 300));
            const Svg svg = readSvg(dir.filePath(QStringLiteral("grid%1.svg").arg(inches)));
            QCOMPARE(svg.cells, 144 * 6 * 6);  // every head, every weight: 6 tokens need no pooling
            for (const char* text : {"head", "layer", "0", "11", "attention weight"}) QVERIFY2(svg.texts.contains(text), text);
        }
    }

    // Each pooled cell is the largest weight of its block, masked cells left out; a block that the
    // causal mask hides throughout stays masked. Checked against the trace's weights.
    void longTextsArePooledToTheLargestWeightOfEachBlock() {
        const Model model = twelveByTwelve(400, 6);  // layers 0 and 5 are drawn
        const Trace trace = run_forward(model, {sequence_from_text(model, words(300)), {}});
        QString error;
        const HeadsGridFigure f = headsGridFigure(trace, {{0, 5}, {3}}, 50, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(f.pool, 6);  // ⌈300 / 50⌉
        QCOMPARE(f.panels.size(), 2);
        QCOMPARE(f.panelRows[1], 50);
        QVERIFY2(f.note.contains("largest of 6 × 6"), qPrintable(f.note));
        QCOMPARE(f.rowLabels, QStringList({"0", "5"}));
        QCOMPARE(f.heads, QVector<int>({3}));
        const Tensor& w = *trace.tensor("encoder.layers.5.self_attn.weights");
        const auto weights = w.slice(3);
        for (auto [bi, bj] : {std::pair{0, 0}, std::pair{7, 2}, std::pair{49, 49}, std::pair{20, 20}}) {
            float largest = 0;
            for (int i = bi * 6; i < bi * 6 + 6; ++i)
                for (int j = bj * 6; j <= std::min(bj * 6 + 5, i); ++j) largest = std::max(largest, weights(i, j));  // j ≤ i: not masked
            QCOMPARE(f.panels[1][bi * 50 + bj], largest);
            QVERIFY(!f.masked[1][bi * 50 + bj]);
        }
        QVERIFY(f.masked[1][0 * 50 + 1]);  // rows 0–5, keys 6–11: all in the future
    }

    // Natural size: at most 14 in wide (4200 px at 300 dpi, which Qt's own reader opens), and an SVG of
// a few megabytes, at 600 tokens.
    void theNaturalSizeIsOneAViewerOpens() {
        const Model model = twelveByTwelve(200);
        const Trace trace = run_forward(model, {sequence_from_text(model, words(200)), {}});
        QCOMPARE(exportHeadsGrid(trace, dir.filePath("natural.png"), ExportOptions{}), QString());
        const QImage png(dir.filePath("natural.png"));
        QVERIFY(!png.isNull());
        QVERIFY2(png.width() <= 4200 && png.height() <= 4600, qPrintable(QStringLiteral("%1 × %2").arg(png.width()).arg(png.height())));
        QVERIFY(png.width() >= 4000);  // the cap, not less: panels of about 75 pt
        QCOMPARE(exportHeadsGrid(trace, dir.filePath("natural.svg"), ExportOptions{}), QString());
        const Svg svg = readSvg(dir.filePath("natural.svg"));
        QVERIFY2(svg.cells <= kVectorGridCells, qPrintable(QString::number(svg.cells)));
        QVERIFY(QFile(dir.filePath("natural.svg")).size() < 20'000'000);
        QVERIFY(svg.texts.filter("largest of").size() == 1);
    }

    void theLayersAndHeadsAskedForAreDrawn() {
        const Model model = twelveByTwelve();
        const Trace trace = run_forward(model, {sequence_from_text(model, "the cat sat on the mat"), {}});
        ExportOptions o;
        o.style.widthPt = 3.3 * 72;
        QString error;
        o.grid.blocks = parseIndexList("0,9-11", 12, "layers", &error);
        o.grid.heads = parseIndexList("4", 12, "heads", &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(o.grid.blocks, QVector<int>({0, 9, 10, 11}));
        QCOMPARE(exportHeadsGrid(trace, dir.filePath("some.svg"), o), QString());
        const Svg svg = readSvg(dir.filePath("some.svg"));
        QCOMPARE(svg.cells, 4 * 1 * 6 * 6);
        for (const char* text : {"0", "9", "10", "11", "4"}) QVERIFY2(svg.texts.contains(text), text);
        QVERIFY(!svg.texts.contains("5"));
    }

    void badListsAndTooManyHeadsForTheWidthSayWhy() {
        QString error;
        QVERIFY(parseIndexList("", 12, "heads", &error).isEmpty() && error.isEmpty());  // all
        for (const char* bad : {"12", "3-1", "x", "1,,2", "-1"}) {
            error.clear();
            parseIndexList(bad, 12, "heads", &error);
            QVERIFY2(!error.isEmpty(), bad);
            QVERIFY2(error.contains(bad), qPrintable(error));
        }
        parseIndexList("0-12", 12, "heads", &error);
        QVERIFY2(error.contains("only 12 (0 to 11)"), qPrintable(error));
        // 64 heads side by side in one column: each would be under 4 pt.
        Config c;
        c.d_model = 64;
        c.nhead = 64;
        c.dim_feedforward = 64;
        const Model wide = make_model(c);
        const Trace trace = run_forward(wide, {sequence_from_text(wide, "the cat sat on the mat"), {}});
        ExportOptions o;
        o.style.widthPt = 3.3 * 72;
        const QString problem = exportHeadsGrid(trace, dir.filePath("wide.png"), o);
        QVERIFY2(problem.contains("64 heads") && problem.contains("fewer heads"), qPrintable("[" + problem + "]"));
        o.grid.heads = {0, 1, 2, 3};
        QCOMPARE(exportHeadsGrid(trace, dir.filePath("wide.png"), o), QString());
    }

    // A few short heads keep the full figures with their tokens (as before).
    void aSmallGridKeepsItsTokenLabels() {
        const Model model = make_model(Config{});
        const Trace trace = run_forward(model, {sequence_from_text(model, "the cat sat on the mat"), {}});
        QCOMPARE(exportHeadsGrid(trace, dir.filePath("small.svg"), ExportOptions{}), QString());
        QVERIFY(readSvg(dir.filePath("small.svg")).texts.contains("cat"));
    }
};

QTEST_MAIN(TestHeadsGrid)
#include "test_heads_grid.moc"
