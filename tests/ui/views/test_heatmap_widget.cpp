// The heatmap under a real mouse: QTest::mouseMove over the plot, so the
// hit-testing and QCustomPlot's bottom-left origin (flipped here so that row 0
// is at the top, as in a matrix) are what is tested, not a signal emitted by hand.
#include "views/heatmap_widget.h"

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTest>

using namespace attn::ui;

class TestHeatmapWidget : public QObject {
    Q_OBJECT

    // The pixel at the centre of cell (row, col), from the plot's own axes.
    static QPoint centreOf(HeatmapWidget& w, int row, int col) {
        QCustomPlot* plot = w.plot();
        return QPoint(static_cast<int>(plot->xAxis2->coordToPixel(col)), static_cast<int>(plot->yAxis->coordToPixel(row)));
    }

private slots:
    void hoverReportsTheCellUnderThePointerWithRowZeroAtTheTop() {
        HeatmapWidget w;
        // 3 rows × 4 columns, value = 10·row + col, so a cell's value names it.
        QVector<float> values;
        for (int r = 0; r < 3; ++r)
            for (int c = 0; c < 4; ++c) values << static_cast<float>(10 * r + c);
        w.setMatrix(values.data(), 3, 4, {"q0", "q1", "q2"}, {"k0", "k1", "k2", "k3"}, ValueScale::Sequential);
        w.resize(520, 400);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.plot()->replot();
        QSignalSpy hovered(&w, &HeatmapWidget::cellHovered);

        const QPoint topLeft = centreOf(w, 0, 0), bottomRight = centreOf(w, 2, 3);
        QVERIFY2(topLeft.y() < bottomRight.y(), "row 0 is drawn above row 2");
        QVERIFY(topLeft.x() < bottomRight.x());

        QTest::mouseMove(w.plot(), topLeft);
        QTRY_COMPARE(hovered.count(), 1);
        QCOMPARE(hovered.last(), (QVariantList{0, 0}));
        QCOMPARE(w.plot()->toolTip(), QStringLiteral("q0 → k0: 0.00"));

        QTest::mouseMove(w.plot(), bottomRight);
        QTRY_COMPARE(hovered.count(), 2);
        QCOMPARE(hovered.last(), (QVariantList{2, 3}));
        QVERIFY2(w.plot()->toolTip().startsWith(QStringLiteral("q2 → k3: 23")), qPrintable(w.plot()->toolTip()));

        // A quarter of a cell away from the centre is still the same cell; no second report.
        const int quarter = (bottomRight.y() - topLeft.y()) / 8;
        QTest::mouseMove(w.plot(), bottomRight - QPoint(0, quarter));
        QTest::qWait(20);
        QCOMPARE(hovered.count(), 2);

        // Off the matrix (the plot's left margin, where the row labels are): no cell.
        QTest::mouseMove(w.plot(), QPoint(2, topLeft.y()));
        QTRY_COMPARE(hovered.count(), 3);
        QCOMPARE(hovered.last(), (QVariantList{-1, -1}));
        QVERIFY(w.plot()->toolTip().isEmpty());
    }

    void clickSelectsTheCellUnderThePointer() {
        HeatmapWidget w;
        const float values[] = {1, 2, 3, 4};
        w.setMatrix(values, 2, 2, {"a", "b"}, {"a", "b"}, ValueScale::Sequential);
        w.resize(400, 400);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.plot()->replot();
        QSignalSpy clicked(&w, &HeatmapWidget::cellClicked);
        QTest::mouseClick(w.plot(), Qt::LeftButton, {}, centreOf(w, 1, 0));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.last(), (QVariantList{1, 0}));
    }
};

QTEST_MAIN(TestHeatmapWidget)
#include "test_heatmap_widget.moc"
