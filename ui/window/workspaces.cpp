#include "window/workspaces.h"

#include <QActionGroup>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QMainWindow>
#include <QSettings>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <set>

namespace attn::ui {

const std::vector<Workspace>& workspaces() {
    // The left-hand side holds the input and the model's settings (tabbed with the lessons and the
    // predictions); Train gives the whole width beside the heatmap to the training panel.
    static const QStringList left{"InputDock", "ModelDock", "LessonsDock", "PredictionsDock"};
    static const std::vector<Workspace> all = {
        {"learn", QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Learn"), QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Lessons, with Explain, the heads, the Mistakes view and the cost beside them"),
         left + QStringList{"ExplainDock", "HeadsDock", "MistakesDock", "CostDock"}, "HeadsDock", "LessonsDock"},
        {"explore", QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Explore"), QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Explain any cell, all heads at once, the lines view and the comparison with a pinned trace"),
         left + QStringList{"ExplainDock", "HeadsDock", "LinesDock", "CompareDock"}, "HeadsDock", {}},
        {"train", QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Train"), QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Training, with the loss curve on the whole right-hand side"),
         {"TrainingDock"}, "TrainingDock", {}, 0.45},  // the loss curve wide
        {"model", QT_TRANSLATE_NOOP("attn::ui::Workspaces", "Model"), QT_TRANSLATE_NOOP("attn::ui::Workspaces", "The model's settings, its weights and its positional encodings"),
         left + QStringList{"ExplainDock", "WeightsDock", "PositionsDock"}, "WeightsDock", "ModelDock"},
    };
    return all;
}

const Workspace* findWorkspace(const QString& id) {
    const auto it = std::find_if(workspaces().begin(), workspaces().end(), [&id](const Workspace& w) { return id == w.id; });
    return it == workspaces().end() ? nullptr : &*it;
}

Workspaces::Workspaces(QMainWindow* window) : QObject(window), m_window(window), m_actions(new QActionGroup(this)) {
    m_actions->setExclusive(true);
    int key = Qt::Key_1;
    for (const Workspace& w : workspaces()) {
        const QString id = QString::fromLatin1(w.id);
        QAction* action = m_actions->addAction(tr(w.title));
        action->setData(id);
        action->setCheckable(true);
        action->setShortcut(QKeySequence(Qt::ALT | static_cast<Qt::Key>(key++)));
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tr(w.tip), action->shortcut().toString(QKeySequence::NativeText)));
        connect(action, &QAction::triggered, this, [this, id] { setCurrent(id); });
        window->addAction(action);  // its key works wherever the focus is
    }
}

QAction* Workspaces::actionFor(const QString& id) const {
    for (QAction* a : m_actions->actions())
        if (a->data().toString() == id) return a;
    return nullptr;
}

QWidget* Workspaces::createSwitcher(QWidget* parent) const {
    auto* box = new QWidget(parent);
    box->setObjectName("WorkspaceSwitcher");
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->setSpacing(2);
    for (QAction* action : m_actions->actions()) {
        auto* button = new QToolButton(box);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setAutoRaise(true);
        layout->addWidget(button);
    }
    return box;
}

void Workspaces::restoreCurrent(const QString& id) {
    QAction* action = actionFor(id);
    if (!action) return;
    m_current = id;
    action->setChecked(true);
}

void Workspaces::setCurrent(const QString& id) {
    const Workspace* it = findWorkspace(id);
    if (!it) return;
    std::set<QString> managed;
    for (const Workspace& w : workspaces()) managed.insert(w.docks.begin(), w.docks.end());
    // The widths the user left the workspace with (not a layout that has not settled yet).
    const Workspace* was = findWorkspace(m_current);
    auto settled = [this](const QDockWidget* dock) { return dock && m_window->isVisible() && dock->isVisible() && !dock->isFloating() && dock->width() >= 200; };
    if (auto* shown = was ? m_window->findChild<QDockWidget*>(was->raised) : nullptr; settled(shown))
        m_widths[m_current] = shown->width();
    auto* input = m_window->findChild<QDockWidget*>("InputDock");
    if (settled(input)) m_leftSize = input->size();

    for (const QString& name : managed)
        if (auto* dock = m_window->findChild<QDockWidget*>(name)) dock->setVisible(it->docks.contains(name));
    if (auto* left = it->leftRaised.isEmpty() ? nullptr : m_window->findChild<QDockWidget*>(it->leftRaised)) left->raise();
    if (auto* front = m_window->findChild<QDockWidget*>(it->raised)) {
        front->raise();
        // As wide as asked, but never at the left-hand side's cost: what the heatmap can give up.
        const bool withLeft = input && !input->isHidden() && !input->isFloating();
        const int leftWidth = withLeft ? (m_leftSize.isValid() ? m_leftSize.width() : input->width()) : 0;
        const int central = m_window->centralWidget() ? m_window->centralWidget()->minimumSizeHint().width() : 0;
        const int room = m_window->width() - leftWidth - central - 2 * m_window->style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent);
        const int asked = m_widths.value(id, std::clamp(static_cast<int>(it->width * m_window->width()), 260, m_window->width() / 2));
        const int width = std::max(std::min(asked, room), 200);
        QList<QDockWidget*> docks;
        QList<int> widths;
        if (withLeft && m_leftSize.isValid()) {  // (before the window is shown it has no size yet)
            docks << input, widths << m_leftSize.width();
            m_window->resizeDocks({input}, {m_leftSize.height()}, Qt::Vertical);  // back over the model's settings as it was
        }
        if (!front->isFloating()) docks << front, widths << width;
        m_window->resizeDocks(docks, widths, Qt::Horizontal);
    }
    restoreCurrent(id);
    QSettings().setValue("view/workspace", id);
    emit changed(id);
}

}  // namespace attn::ui
