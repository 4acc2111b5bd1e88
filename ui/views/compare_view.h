// Compare mode: the current stage as it was when pinned, as it is now, and
// their difference (now − pinned) as a diverging heatmap. Pin, change one
// thing (a word, a weight, the PE, the mask), and see what it moved. With two
// prompts of the same length, one head's output can be patched from the
// pinned prompt into this one (teach/patching.h) to see what it carries.
#pragma once

#include "teach/patching.h"
#include "views/lazy_refresh.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class CompareView : public QWidget {
    Q_OBJECT
public:
    explicit CompareView(SessionController* controller, QWidget* parent = nullptr);
    ~CompareView() override;
    void setShown(bool shown) { m_lazy.setShown(shown); }

    HeatmapWidget* pinnedMap() const { return m_pinned; }
    HeatmapWidget* currentMap() const { return m_current; }
    HeatmapWidget* differenceMap() const { return m_difference; }
    QString statusText() const;
    QSpinBox* patchLayerBox() const { return m_patchLayer; }
    QSpinBox* patchHeadBox() const { return m_patchHead; }
    QPushButton* patchButton() const { return m_patch; }
    QTableWidget* patchTable() const { return m_patchTable; }
    QString patchText() const;
    void waitForPatch();  // for tests

private:
    void refresh();
    void refreshPatching();  // what can be patched, and the selected head as the default
    void patchHead();
    struct PatchOutcome {
        std::optional<PatchEffect> effect;
        std::string error;  // why it could not be patched (the prompts' lengths differ…)
    };
    void showPatch(const PatchOutcome& outcome);

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QPushButton* m_pin;
    QPushButton* m_clear;
    QLabel* m_status;
    HeatmapWidget *m_pinned, *m_current, *m_difference;
    QLabel *m_pinnedTitle, *m_currentTitle, *m_differenceTitle;
    QWidget* m_patching;  // the row of patching controls, shown with a pinned trace
    QSpinBox *m_patchLayer, *m_patchHead;
    QPushButton* m_patch;
    QLabel* m_patchStatus;
    QTableWidget* m_patchTable;
    QFutureWatcher<PatchOutcome> m_patchWatcher;
    std::shared_ptr<const Trace> m_patchedTrace;  // the trace the shown patch was made on: a new one clears it
};

}  // namespace attn::ui
