// MainWindow: session files (open, save, save as, ask before losing changes), weights files and
// the recent-files menu.
#include "window/main_window.h"

#include "controller/session_controller.h"
#include "controller/step_player.h"
#include "io/session.h"

#include <QAction>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QUndoStack>

namespace attn::ui {

bool MainWindow::maybeSave() {
    if (!m_controller->isModified()) return true;
    const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                             tr("This session has changes that are not saved. Save them first?"),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save) return save();
    return answer == QMessageBox::Discard;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_player->setPlaying(false);
    savePreferences();
    if (!m_recoveryBar->isVisible()) removeAutosave();  // a closed window left nothing unsaved (or chose to discard it)
    event->accept();
}

bool MainWindow::openSessionFile(const QString& path) {
    // A session made on a Hugging Face model needs its folder open first (on a worker, with progress).
    try {
        const Session session = load_session(path.toStdString());
        const QString folder = QString::fromStdString(session.model_folder);
        if (!folder.isEmpty() && !m_controller->hasImportedModel(folder)) {
            openModelFolder(folder, [this, path] { openSessionFile(path); });
            return true;
        }
    } catch (const Error&) {  // said below, by the controller's own reading
    }
    QString error;
    if (!m_controller->openSession(path, &error)) {
        QMessageBox::warning(this, tr("Cannot open session"), error);
        return false;
    }
    m_path = path;
    addRecentFile(path);
    updateTitle();
    return true;
}

bool MainWindow::saveSessionFile(const QString& path) {
    QString error;
    if (!m_controller->saveSession(path, &error)) {
        QMessageBox::warning(this, tr("Cannot save session"), error);
        return false;
    }
    m_path = path;
    addRecentFile(path);
    updateTitle();
    removeAutosave();
    statusBar()->showMessage(tr("Saved %1").arg(path), 4000);
    return true;
}

void MainWindow::openSession() {
    if (!maybeSave()) return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open session"), QFileInfo(m_path).path(),
                                                      tr("Attention Lab sessions (*.json);;All files (*)"));
    if (!path.isEmpty()) openSessionFile(path);
}

bool MainWindow::save() { return m_path.isEmpty() ? saveAs() : saveSessionFile(m_path); }

bool MainWindow::saveAs() {
    QString path = QFileDialog::getSaveFileName(this, tr("Save session"), m_path.isEmpty() ? "session.attn.json" : m_path,
                                                tr("Attention Lab sessions (*.json)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(".json")) path += ".attn.json";
    return saveSessionFile(path);
}

void MainWindow::openWeights() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open weights"), QString(),
                                                      tr("safetensors (*.safetensors);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (!m_controller->loadWeightsFile(path, &error)) QMessageBox::warning(this, tr("Cannot use these weights"), error);
}

void MainWindow::addRecentFile(const QString& path) {
    m_recent.removeAll(path);
    m_recent.prepend(path);
    while (m_recent.size() > 8) m_recent.removeLast();
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    if (!m_recentMenu) return;
    m_recentMenu->clear();
    for (const QString& path : m_recent)
        m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] {
            if (maybeSave()) openSessionFile(path);
        })->setToolTip(path);
    m_recentMenu->setEnabled(!m_recent.isEmpty());
}

}  // namespace attn::ui
