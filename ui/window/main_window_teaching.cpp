// MainWindow's teaching wiring: presentation mode, the language switch, the
// Learn menu (lessons, compare mode) and the zoom both modes share. Split from
// main_window.cpp to keep each file to one concern; still wiring only.
#include "window/main_window.h"

#include "panels/explain_panel.h"
#include "controller/language.h"
#include "panels/lesson_panel.h"
#include "views/pipeline_strip.h"
#include "window/presentation_mode.h"
#include "controller/session_controller.h"
#include "views/logit_attribution_view.h"
#include "views/stage_view.h"

#include <QAction>
#include <QActionGroup>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QUndoStack>

namespace attn::ui {

void MainWindow::addTeachingViewActions(QMenu* view) {
    view->addSeparator();
    auto* present = view->addAction(tr("&Presentation mode"));
    present->setShortcut(Qt::Key_F5);
    present->setCheckable(true);
    present->setToolTip(tr("Full screen, large type, only the live view and the step controls (F5; Esc leaves)"));
    addAction(present);
    connect(present, &QAction::toggled, m_presentation, &PresentationMode::setActive);
    connect(m_presentation, &PresentationMode::activeChanged, present, &QAction::setChecked);
    auto* leave = new QAction(tr("Leave presentation mode"), this);
    leave->setShortcut(Qt::Key_Escape);
    leave->setEnabled(false);
    addAction(leave);
    connect(leave, &QAction::triggered, m_presentation, [this] { m_presentation->setActive(false); });
    connect(m_presentation, &PresentationMode::activeChanged, leave, &QAction::setEnabled);
    auto* contrast = view->addAction(tr("&High contrast in presentation"));
    contrast->setCheckable(true);
    contrast->setChecked(m_presentation->highContrast());
    contrast->setToolTip(tr("Pure black on white for projectors that wash colours out"));
    connect(contrast, &QAction::toggled, m_presentation, &PresentationMode::setHighContrast);
    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    for (const QString& code : availableLanguages()) {
        auto* a = language->addAction(languageName(code));
        a->setCheckable(true);
        a->setChecked(code == currentLanguage());
        a->setData(code);
        a->setToolTip(tr("Switch the interface and the lessons to %1").arg(languageName(code)));
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { switchLanguage(code); }, Qt::QueuedConnection);
    }

}

void MainWindow::createLearnMenu() {
    QMenu* learn = menuBar()->addMenu(tr("&Learn"));
    // The Lessons tab comes forward with the step, so the learner sees its text (Page Down may
    // start a lesson while the Model tab is in front).
    auto showLessons = [this] {
        if (auto* dock = findChild<QDockWidget*>("LessonsDock"); dock && !(m_presentation && m_presentation->isActive())) {
            dock->show();
            dock->raise();
        }
    };
    auto* next = learn->addAction(tr("&Next lesson step"), QKeySequence(Qt::Key_PageDown), this, [this, showLessons] {
        m_lessons->nextStep();
        showLessons();
    });
    auto* previous = learn->addAction(tr("&Previous lesson step"), QKeySequence(Qt::Key_PageUp), this, [this, showLessons] {
        m_lessons->previousStep();
        showLessons();
    });
    next->setToolTip(tr("Next step of the lesson (Page Down, as a presenter's clicker sends)"));
    previous->setToolTip(tr("Previous step of the lesson (Page Up)"));
    addActions({next, previous});
    learn->addSeparator();
    auto* pin = learn->addAction(tr("&Pin trace for comparison"), QKeySequence(Qt::CTRL | Qt::Key_P), this, [this] {
        m_controller->pinTrace();
        showLessonView("compare");
    });
    pin->setToolTip(tr("Keep this trace aside; change something and the Compare view shows the difference"));
    addAction(pin);
    learn->addAction(tr("&Clear pinned trace"), m_controller, &SessionController::clearPin);
    learn->addSeparator();
    for (const char* view : {"compare", "mistakes", "cost", "online_softmax", "logit_lens", "logit_attribution"}) {
        QDockWidget* dock = m_viewDocks[view];
        learn->addAction(dock->toggleViewAction());
        // Turned on from the menu, the view comes to the front of its tabs, not behind them.
        connect(dock->toggleViewAction(), &QAction::triggered, dock, [dock](bool on) {
            if (on) dock->raise();
        });
    }
    addLearningActions(learn);
}

// Ctrl+ +/− change the presentation's own zoom while presenting, else the normal one.
void MainWindow::setZoom(double zoom) {
    if (m_presentation && m_presentation->isActive()) return m_presentation->setZoom(zoom);
    m_zoom = std::clamp(zoom, 0.6, 3.0);
    applyFontScale(m_zoom);
}

double MainWindow::currentZoom() const { return m_presentation->isActive() ? m_presentation->zoom() : m_zoom; }

void MainWindow::applyFontScale(double scale) {
    m_stageView->setFontScale(scale);
    m_explain->setFontScale(scale);
    m_strip->setFontScale(scale);
    m_lessons->setFontScale(scale);
    m_attribution->setFontScale(scale);
    showWholeTabTitles();  // also after presentation mode restores the docks
}

QDockWidget* MainWindow::dockFor(const QString& view) const { return m_viewDocks.value(view); }

void MainWindow::showLessonView(const QString& view) {
    if (QDockWidget* dock = dockFor(view); dock && !(m_presentation && m_presentation->isActive())) {
        dock->show();
        dock->raise();
    }
}

MainWindow* MainWindow::switchLanguage(const QString& code) {
    if (code == currentLanguage() || !installLanguage(code)) return this;
    if (m_presentation->isActive()) m_presentation->setActive(false);
    savePreferences();
    m_controller->undoStack()->disconnect(this);
    m_controller->disconnect(this);
    m_handedOver = true;
    auto* next = new MainWindow(m_controller);
    next->setAttribute(Qt::WA_DeleteOnClose, testAttribute(Qt::WA_DeleteOnClose));
    next->m_path = m_path;
    next->updateTitle();
    if (m_lessons->currentLesson() >= 0) next->m_lessons->takePredictionFrom(*m_lessons);
    if (m_lessons->currentLesson() >= 0) next->m_lessons->showStep(m_lessons->currentLesson(), m_lessons->currentStep(), false);
    if (isVisible()) next->show();
    hide();
    deleteLater();
    emit replaced(next);
    return next;
}

}  // namespace attn::ui
