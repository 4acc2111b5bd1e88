// The File › Export dialogs driven as a user drives them on the real main window (offscreen): the
// file dialog answered, then the options typed, a wrong value refused where it is typed, and the
// file written at the printed width asked for.
#include "../window_fixture.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <functional>

using namespace attn;
using namespace attn::ui;

namespace {

// Answers the export's modal dialogs while it runs: the file dialog with `path`, the options dialog
// with `options` (which types into it and presses OK or Cancel).
class ExportDialogs {
public:
    ExportDialogs(const QString& path, std::function<void(QDialog*)> options) {
        QObject::connect(&m_driver, &QTimer::timeout, [path, options] {
            QWidget* modal = QApplication::activeModalWidget();
            if (auto* files = qobject_cast<QFileDialog*>(modal)) {
                files->selectFile(path);
                QMetaObject::invokeMethod(files, "accept");  // as the Save button does
            } else if (auto* dialog = qobject_cast<QDialog*>(modal); dialog && dialog->windowTitle() == "Export options") {
                options(dialog);
            }
        });
        m_driver.start(30);
    }
    void stop() { m_driver.stop(); }

private:
    QTimer m_driver;
};

}  // namespace

class TestExportDialogs : public QObject {
    Q_OBJECT
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dataHome;

private slots:
    void initTestCase() { useOwnSettings("AttentionLabExportDialogTests", dataHome); }
    void init() {
        window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    void cleanup() { closeWindow(window); }

    // File › Export › Stage view: the file dialog, then the options with a width typed as a
    // user would (a wrong one refused where it is typed), then the PNG of that printed width.
    void exportingAStageAsksItsWidthAndRefusesANonLength() {
        QTemporaryDir out;
        const QString path = out.filePath("weights.png");
        QString errorShown;
        bool okWasDisabled = false, captionOffered = false;
        ExportDialogs dialogs(path, [&](QDialog* options) {
            for (QLineEdit* e : options->findChildren<QLineEdit*>())
                if (e->text() == "Encoder layer 0 · head 0 · self-attention weights") captionOffered = true;
            auto* width = options->findChild<QComboBox*>();  // the first: Width
            QPushButton* ok = options->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            width->setCurrentText("3 furlongs");
            okWasDisabled = !ok->isEnabled();
            for (QLabel* l : options->findChildren<QLabel*>())
                if (l->isVisible() && l->text().contains("not a length")) errorShown = l->text();
            width->setCurrentText("3.3in");
            ok->click();
        });
        QAction* stageView = nullptr;
        for (QAction* a : window->findChildren<QAction*>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E)) stageView = a;
        QVERIFY(stageView);
        stageView->trigger();
        dialogs.stop();
        QVERIFY(okWasDisabled);
        QVERIFY2(captionOffered, "the readable caption, ready to edit");
        QVERIFY2(errorShown.contains("3 furlongs"), qPrintable(errorShown));
        const QStringList written = QDir(out.path()).entryList({"*.png"});  // the dialog may keep its suggested name
        QCOMPARE(written.size(), 1);
        const QImage image(out.filePath(written.first()));
        QVERIFY2(!image.isNull(), qPrintable(window->statusBar()->currentMessage()));
        QCOMPARE(image.width(), qRound(238 / 72.0 * 300));  // 3.3 in → 238 pt, at the default 300 dpi
    }

    // File › Export › Heads grid: a journal width and the heads to draw, typed as a user would; a head
    // the model lacks is refused where it is typed, with OK disabled until it is fixed.
    void theHeadsGridAsksWhichHeadsAndFitsAColumn() {
        QTemporaryDir out;
        const QString path = out.filePath("heads.png");
        QString errorShown;
        bool okWasDisabled = false, fieldsOffered = false;
        ExportDialogs dialogs(path, [&](QDialog* options) {
            auto* heads = options->findChild<QLineEdit*>("gridHeads");
            fieldsOffered = heads && options->findChild<QLineEdit*>("gridLayers");
            if (!fieldsOffered) return options->reject();
            options->findChild<QComboBox*>()->setCurrentText("3.3in");
            QPushButton* ok = options->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
            heads->setFocus();
            QTest::keyClicks(heads, "7");
            okWasDisabled = !ok->isEnabled();
            for (QLabel* l : options->findChildren<QLabel*>())
                if (l->isVisible() && l->text().contains("names 7")) errorShown = l->text();
            heads->clear();
            QTest::keyClicks(heads, "1");
            ok->click();
        });
        QAction* grid = nullptr;
        for (QAction* a : window->findChildren<QAction*>())
            if (a->text() == "&Heads grid…") grid = a;
        QVERIFY(grid);
        grid->trigger();
        dialogs.stop();
        QVERIFY(fieldsOffered);
        QVERIFY(okWasDisabled);
        QVERIFY2(errorShown.contains("only"), qPrintable(errorShown));
        const QStringList written = QDir(out.path()).entryList({"*.png"});
        QCOMPARE(written.size(), 1);
        const QImage image(out.filePath(written.first()));
        QVERIFY2(!image.isNull(), qPrintable(window->statusBar()->currentMessage()));
        QCOMPARE(image.width(), qRound(238 / 72.0 * 300));
    }
};

QTEST_MAIN(TestExportDialogs)
#include "test_export_dialogs.moc"
