// Sessions on disk, driven through the real window: saved and opened again bit for bit, a failed
// save that keeps the previous file, work recovered after the process is killed, bad files refused
// with the session kept, the question before unsaved work is closed, inputs too big for memory.
#include "../window_fixture.h"
#include "controller/presets.h"
#include "controller/session_controller.h"
#include "window/main_window.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace attn;
using namespace attn::ui;

namespace {

// Answers the next modal message box with `button` and records its text.
void answerNextMessageBox(QMessageBox::StandardButton button, QString* text) {
    QTimer::singleShot(50, [button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) return;
        if (text) *text = box->text();
        box->button(button)->click();
    });
}


}  // namespace

class TestSessionFiles : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<MainWindow> window;
    QTemporaryDir dataHome;
    SessionController* c() { return window->controller(); }

private slots:
    void initTestCase() {
        // A child started by the autosave test keeps its parent's data folder.
        const QByteArray parentData = qgetenv("XDG_DATA_HOME");
        useOwnSettings("AttentionLabSessionFileTests", dataHome);
        if (!qEnvironmentVariableIsEmpty("ATTN_AUTOSAVE_CHILD")) qputenv("XDG_DATA_HOME", parentData);
    }
    void init() {
        window = std::make_unique<MainWindow>();
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    }
    void cleanup() { closeWindow(window); }

    void saveThenOpenReproducesTheTrace() {
        QTemporaryDir dir;
        c()->setEmbeddingValue("cat", 3, -1.25f);
        c()->selectStage("encoder.layers.0.self_attn.scores");
        const auto saved = c()->trace();
        const QString path = dir.filePath("s.attn.json");
        QVERIFY(window->saveSessionFile(path));
        QVERIFY(!c()->isModified());
        c()->setSourceText("something else");
        QVERIFY(window->openSessionFile(path));
        QVERIFY(sameTrace(*c()->trace(), *saved));
        QCOMPARE(c()->currentStage(), QString("encoder.layers.0.self_attn.scores"));
    }

    // One list: every built-in example file is named in the Model panel, and every name loads.
    void everyPresetFileIsListedAndLoads() {
        QStringList listed, files;
        for (const Preset& p : presets()) {
            listed << p.id;
            QVERIFY(validate(loadPreset(p.id).config).empty());
        }
        for (const QString& f : QDir(":/presets").entryList({"*.json"})) files << f.chopped(5);
        listed.sort(), files.sort();
        QCOMPARE(listed, files);
    }

    void aFailedSaveKeepsThePreviousFile() {
        QTemporaryDir dir;
        const QString path = dir.filePath("s.attn.json");
        QString error;
        QVERIFY(c()->saveSession(path, &error));
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray saved = original.readAll();
        original.close();
        c()->setSourceText("a change that will not be saved");
        QVERIFY(QDir().mkdir(dir.filePath(".s.attn.json.tmp")));  // the temporary file cannot be created: the write fails
        QVERIFY(!c()->saveSession(path, &error));
        QVERIFY2(error.contains("cannot write"), qPrintable(error));
        QVERIFY(c()->isModified());
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), saved);
    }

    // Runs only as the child process of recoversUnsavedWorkAfterTheProcessIsKilled.
    void autosaveChild() {
        if (qEnvironmentVariableIsEmpty("ATTN_AUTOSAVE_CHILD")) QSKIP("helper of recoversUnsavedWorkAfterTheProcessIsKilled");
        c()->setSourceText("recover me please");
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(MainWindow::autosavePath()), 20000);
        QTest::qWait(60000);  // killed here, as by a crash
    }

    void recoversUnsavedWorkAfterTheProcessIsKilled() {
        if (!qEnvironmentVariableIsEmpty("ATTN_AUTOSAVE_CHILD")) QSKIP("parent only");
        QTemporaryDir data;
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("ATTN_AUTOSAVE_CHILD", "1");
        env.insert("ATTN_AUTOSAVE_MS", "100");
        env.insert("XDG_DATA_HOME", data.path());
        env.insert("QT_QPA_PLATFORM", "offscreen");
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {"autosaveChild"});
        QVERIFY(child.waitForStarted());
        const QByteArray oldData = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", data.path().toUtf8());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(MainWindow::autosavePath()), 60000);
        QTest::qWait(300);  // let the atomic write finish its rename
        child.kill();       // SIGKILL: no chance to clean up
        QVERIFY(child.waitForFinished());

        MainWindow restarted;
        restarted.show();
        QVERIFY(restarted.recoveryBar()->isVisible());
        QTest::mouseClick(restarted.recoveryBar()->findChild<QPushButton*>("recover"), Qt::LeftButton);
        QCOMPARE(QString::fromStdString(restarted.controller()->session().src_text), QString("recover me please"));
        QVERIFY(restarted.controller()->isModified());
        QVERIFY(!restarted.recoveryBar()->isVisible());
        QVERIFY(!QFile::exists(MainWindow::autosavePath()));
        restarted.controller()->markSaved();
        qputenv("XDG_DATA_HOME", oldData);
    }

    void badFilesAreRefusedAndTheSessionIsKept() {
        QTemporaryDir dir;
        const Session before = c()->session();
        const auto trace = c()->trace();
        QFile junk(dir.filePath("junk.safetensors"));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray("\x40\0\0\0\0\0\0\0{\"truncated", 19));  // header length 64, file 19 bytes
        junk.close();
        QString error;
        QVERIFY(!c()->loadWeightsFile(junk.fileName(), &error));
        QVERIFY2(error.contains("runs past the end of the file"), qPrintable(error));
        QFile session(dir.filePath("bad.attn.json"));
        QVERIFY(session.open(QIODevice::WriteOnly));
        session.write("{\"format\": \"attention-lab-session\", \"version\": 1, \"config\": {\"nhead\": \"two\"}}");
        session.close();
        QString shown;
        answerNextMessageBox(QMessageBox::Ok, &shown);
        QVERIFY(!window->openSessionFile(session.fileName()));
        QVERIFY2(shown.contains("'nhead' must be a whole number"), qPrintable(shown));
        QVERIFY(c()->session() == before);
        QCOMPARE(c()->trace(), trace);
    }

    void closingWithUnsavedChangesAsksFirst() {
        c()->setSourceText("unsaved words");
        QString question;
        answerNextMessageBox(QMessageBox::Cancel, &question);
        QVERIFY(!window->close());
        QVERIFY(window->isVisible());
        QVERIFY(question.contains("not saved"));
        answerNextMessageBox(QMessageBox::Discard, nullptr);
        QVERIFY(window->close());
    }

    void hugeInputsAreRefusedWithTheMemoryFigure() {
        Session s = c()->session();
        s.config.d_model = 4096;
        s.config.nhead = 64;
        s.config.max_len = 65536;
        s.config.num_encoder_layers = 48;
        std::string text;
        for (int i = 0; i < 20000; ++i) text += "w ";
        s.src_text = text;
        const auto before = c()->trace();
        c()->applySession(s, "huge");
        c()->waitForIdle();
        QCOMPARE(c()->trace(), before);
        QVERIFY2(c()->errors().value("size").contains("GB"), qPrintable(c()->errors().value("size")));
    }
};

QTEST_MAIN(TestSessionFiles)
#include "test_session_files.moc"
