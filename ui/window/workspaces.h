// Four workspaces: Learn, Explore, Train and Model. Each shows the few docks its work needs as
// large tabs (at 1280 × 720 eight tabs on the right left the loss plot 230 × 100 px); the others
// are one click away in View, and come back when a lesson asks for them.
#pragma once

#include <QMap>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>

#include <vector>

class QAction;
class QActionGroup;
class QMainWindow;
class QWidget;

namespace attn::ui {

struct Workspace {
    const char* id;              // "learn", … (settings)
    const char* title;           // untranslated (context attn::ui::Workspaces)
    const char* tip;
    QStringList docks;           // the docks shown, by object name
    QString raised;              // the one of them brought to the front of its tabs
    QString leftRaised;          // a left-hand dock brought to the front, or empty
    double width = 0.25;         // the right-hand side's share of the window's width, until the user drags it
};

// The workspaces in the switcher's order.
const std::vector<Workspace>& workspaces();
// The workspace called `id`, or null.
const Workspace* findWorkspace(const QString& id);

class Workspaces : public QObject {
    Q_OBJECT
public:
    explicit Workspaces(QMainWindow* window);

    // Checkable actions (Alt+1…4), one per workspace, in order.
    QActionGroup* actions() const { return m_actions; }
    // The switcher for the menu bar's corner: one button per workspace.
    QWidget* createSwitcher(QWidget* parent) const;
    QString current() const { return m_current; }
    // Shows that workspace's docks, hides the other managed ones, remembers it in the settings.
    void setCurrent(const QString& id);
    // Marks the remembered workspace without touching the docks (a saved layout was restored).
    void restoreCurrent(const QString& id);

signals:
    void changed(const QString& id);

private:
    QAction* actionFor(const QString& id) const;

    QMainWindow* m_window;
    QActionGroup* m_actions;
    QString m_current;
    QMap<QString, int> m_widths;  // the right-hand side's width in each workspace left, in pixels
    QSize m_leftSize;             // the input dock's, when last shown (the left-hand side's width)
};

}  // namespace attn::ui
