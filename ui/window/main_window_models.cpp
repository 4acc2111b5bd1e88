// Opening Hugging Face model folders: File › Open model…, a folder dropped on the window,
// `attentionlab --model DIR`, and sessions that name a folder. The folder is read on a worker
// with a progress dialog that can cancel; a folder that cannot be opened is said in one
// sentence and the model on screen stays.
#include "window/main_window.h"

#include "controller/session_controller.h"
#include "hf/hf_model.h"
#include "io/session.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPushButton>
#include <QMimeData>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace attn::ui {
namespace {

struct Opened {
    std::shared_ptr<const Model> model;
    QString error;  // empty: opened (or cancelled, when model is null too)
};

// A local folder among dropped URLs that holds config.json.
QString droppedModelFolder(const QMimeData* mime) {
    if (!mime || !mime->hasUrls()) return {};
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && is_hf_model_folder(url.toLocalFile().toStdString())) return url.toLocalFile();
    return {};
}

}  // namespace

void MainWindow::openModel() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open a Hugging Face model folder (config.json, model.safetensors, tokenizer files)"), m_lastModelFolder);
    if (!folder.isEmpty()) openModelFolder(folder);
}

void MainWindow::openModelFolder(const QString& folder, std::function<void()> then, bool startsTheSession) {
    m_lastModelFolder = folder;
    auto* dialog = new QProgressDialog(tr("Opening %1…").arg(QFileInfo(folder).fileName()), tr("Cancel"), 0, 100, this);
    dialog->setWindowTitle(tr("Open model"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(300);  // a tiny model opens before the dialog would flash
    auto progress = std::make_shared<std::atomic<int>>(0);
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    connect(dialog, &QProgressDialog::canceled, this, [cancelled] { *cancelled = true; });
    auto* poll = new QTimer(dialog);
    connect(poll, &QTimer::timeout, dialog, [dialog, progress] { dialog->setValue(progress->load()); });
    poll->start(50);
    auto* watcher = new QFutureWatcher<Opened>(this);
    connect(watcher, &QFutureWatcher<Opened>::finished, this, [this, watcher, dialog, folder, startsTheSession, then = std::move(then)] {
        const Opened opened = watcher->result();
        watcher->deleteLater();
        dialog->deleteLater();
        if (!opened.error.isEmpty()) {
            QMessageBox::warning(this, tr("Cannot open the model"), opened.error);
            return;
        }
        if (!opened.model) {
            statusBar()->showMessage(tr("Opening the model was cancelled"), 4000);
            return;
        }
        if (then) {
            m_controller->adoptImportedModel(opened.model, tr("Open model %1").arg(QFileInfo(folder).fileName()), false);
            then();
        } else {
            const bool edited = m_controller->isModified();
            // A text the user typed is not replaced by the model's example without asking.
            const QString typed = QString::fromStdString(m_controller->session().src_text).trimmed();
            QString keep;
            if (m_controller->textTyped() && !startsTheSession && !typed.isEmpty()) {
                QMessageBox ask(QMessageBox::Question, tr("Open model"),
                                tr("Keep the text you typed, “%1”, for %2, or start from the model's example?")
                                    .arg(typed.left(60), QFileInfo(folder).fileName()),
                                QMessageBox::NoButton, this);
                QPushButton* keepButton = ask.addButton(tr("Keep my text"), QMessageBox::AcceptRole);
                ask.addButton(tr("Use the example"), QMessageBox::RejectRole);
                ask.setDefaultButton(keepButton);
                ask.setObjectName("keepTextQuestion");
                ask.exec();
                if (ask.clickedButton() == keepButton) keep = typed;
            }
            m_controller->adoptImportedModel(opened.model, tr("Open model %1").arg(QFileInfo(folder).fileName()), true, keep);
            if (startsTheSession && !edited) m_controller->markSaved();  // nothing to save yet: quitting asks nothing
        }
        statusBar()->showMessage(tr("Opened %1: %2").arg(QString::fromStdString(opened.model->card->kind), folder), 6000);
    });
    watcher->setFuture(QtConcurrent::run([folder, progress, cancelled]() -> Opened {
        try {
            Model model = open_hf_model(folder.toStdString(), [&](double fraction) {
                progress->store(static_cast<int>(100 * fraction));
                return !cancelled->load();
            });
            return {std::make_shared<const Model>(std::move(model)), {}};
        } catch (const Cancelled&) {
            return {};
        } catch (const Error& e) {
            return {nullptr, QString::fromStdString(e.what())};
        } catch (const std::bad_alloc&) {
            return {nullptr, tr("out of memory: this model does not fit in this machine's memory")};
        }
    }));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (!droppedModelFolder(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QString folder = droppedModelFolder(event->mimeData());
    if (folder.isEmpty()) return;
    event->acceptProposedAction();
    openModelFolder(folder);
}

}  // namespace attn::ui
