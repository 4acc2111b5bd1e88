// MainWindow's learning wiring: the Training dock, its Learn-menu entries and
// File › Export model. Split from main_window.cpp to keep each file to one
// concern; still wiring only.
#include "window/main_window.h"

#include "controller/session_controller.h"
#include "panels/lesson_panel.h"
#include "base/file_io.h"
#include "io/safetensors.h"
#include "panels/training_panel.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

namespace attn::ui {

void MainWindow::createTrainingDock(QDockWidget* tabbedWith) {
    m_training = new TrainingPanel(m_controller);
    QDockWidget* dock = addScrollingDock(tr("Training"), "TrainingDock", m_training, Qt::RightDockWidgetArea);
    tabifyDockWidget(tabbedWith, dock);
    m_viewDocks.insert("training", dock);
    m_lessons->setTraining(m_training->training());
}

void MainWindow::addLearningActions(QMenu* learn) {
    learn->addSeparator();
    auto* train = learn->addAction(tr("&Train a model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T), this,
                                   [this] { showLessonView("training"); });
    train->setToolTip(tr("Open the Training panel: train a model on a built-in task and watch its attention form"));
    addAction(train);
    auto* run = learn->addAction(tr("&Run or pause training"), QKeySequence(Qt::CTRL | Qt::Key_R), m_training,
                                 &TrainingPanel::toggleRun);
    run->setToolTip(tr("Start, resume or pause the run of the Training panel (Ctrl+R)"));
    addAction(run);
}

void MainWindow::addModelExportAction(QMenu* file) {
    auto* save = file->addAction(tr("Export &model (safetensors + config)…"), this, &MainWindow::exportModel);
    save->setToolTip(tr("Write the current model's config.json and model.safetensors into a folder, for trace, "
                        "export, PyTorch or another session"));
}

void MainWindow::exportModel() {
    const auto model = m_controller->model();
    if (!model) return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export the model into a folder"));
    if (folder.isEmpty()) return;
    try {
        write_file_atomically(QDir(folder).filePath("config.json").toStdString(), config_to_json(model->config) + "\n");
        write_safetensors(QDir(folder).filePath("model.safetensors").toStdString(), float_weights(*model));
        statusBar()->showMessage(tr("Exported config.json and model.safetensors to %1").arg(folder), 5000);
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Export model"), QString::fromStdString(e.what()));
    }
}

}  // namespace attn::ui
