// MainWindow's autosave and crash recovery: the session is written aside every
// few seconds while it has unsaved changes, and offered back (as a banner, not a
// dialog) when the app starts after a crash. Split from main_window.cpp; wiring only.
#include "window/main_window.h"

#include "controller/session_controller.h"
#include "io/session.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>

namespace attn::ui {

QString MainWindow::autosavePath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)).filePath("autosave.attn.json");
}

void MainWindow::writeAutosave() {
    if (!m_controller->isModified() || !m_changedSinceAutosave) return;  // nothing new since the last autosave
    m_changedSinceAutosave = false;
    QDir().mkpath(QFileInfo(autosavePath()).path());
    QString error;
    if (!m_controller->writeCopy(autosavePath(), &error)) statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 5000);
}

void MainWindow::removeAutosave() { QFile::remove(autosavePath()); }

// A banner, not a dialog: the app opens normally and the user decides when ready.
void MainWindow::offerRecovery() {
    const QFileInfo info(autosavePath());
    auto* layout = new QHBoxLayout(m_recoveryBar);
    m_recoveryBar->setStyleSheet("QFrame { background: #fff3cd; } QLabel { color: #664d03; }");
    auto* text = new QLabel(tr("Attention Lab did not close properly. Unsaved work from %1 can be recovered.")
                                .arg(QLocale().toString(info.lastModified(), QLocale::ShortFormat)));
    auto* recover = new QPushButton(tr("&Recover"));
    auto* discard = new QPushButton(tr("&Discard"));
    recover->setObjectName("recover");
    discard->setObjectName("discard");
    recover->setToolTip(tr("Open the unsaved session (then save it where you like)"));
    discard->setToolTip(tr("Delete the unsaved copy and keep the example"));
    layout->addWidget(text, 1);
    layout->addWidget(recover);
    layout->addWidget(discard);
    m_recoveryBar->setVisible(info.exists());
    connect(recover, &QPushButton::clicked, this, [this] {
        auto recoverNow = [this] {
            QString error;
            if (m_controller->openSession(autosavePath(), &error)) {
                m_controller->markModified();
                m_path.clear();
                updateTitle();
            } else {
                QMessageBox::warning(this, tr("Cannot recover"), error);
            }
            removeAutosave();
            m_recoveryBar->hide();
        };
        // Work on a Hugging Face model needs its folder open first (read on a worker).
        try {
            const QString folder = QString::fromStdString(load_session(autosavePath().toStdString()).model_folder);
            if (!folder.isEmpty() && !m_controller->hasImportedModel(folder)) {
                openModelFolder(folder, recoverNow);
                return;
            }
        } catch (const Error&) {  // said by openSession below
        }
        recoverNow();
    });
    connect(discard, &QPushButton::clicked, this, [this] {
        removeAutosave();
        m_recoveryBar->hide();
    });
}

}  // namespace attn::ui
