// The main window: docks, menus, actions, shortcuts and preferences. Wiring
// only: each panel is its own class, the state lives in SessionController.
#pragma once

#include "views/color_maps.h"

#include <QMainWindow>
#include <QHash>
#include <QMap>
#include <QStyle>

#include <functional>

class QAction;
class QDockWidget;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;

namespace attn::ui {

class CompareView;
class ConfigPanel;
class CostView;
class OnlineSoftmaxView;
class LogitAttributionView;
class LogitLensView;
class LessonPanel;
class TrainingPanel;
class MistakesView;
class PresentationMode;
class ExplainPanel;
class HeadsView;
class InputPanel;
class LinesView;
class PipelineStrip;
class PositionalPanel;
class PredictionsPanel;
class SessionController;
class StageView;
class StepPlayer;
class WeightsEditor;
class Workspaces;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // With a controller, the window takes it over (and its undo history): the
    // language switch builds a new window around the same session.
    explicit MainWindow(SessionController* controller = nullptr, QWidget* parent = nullptr);
    ~MainWindow() override;

    SessionController* controller() const { return m_controller; }
    StepPlayer* player() const { return m_player; }
    StageView* stageView() const { return m_stageView; }
    InputPanel* inputPanel() const { return m_input; }
    ConfigPanel* configPanel() const { return m_config; }
    ExplainPanel* explainPanel() const { return m_explain; }
    HeadsView* headsView() const { return m_heads; }
    LinesView* linesView() const { return m_lines; }
    PositionalPanel* positionalPanel() const { return m_positional; }
    WeightsEditor* weightsEditor() const { return m_weights; }
    PipelineStrip* pipelineStrip() const { return m_strip; }
    LessonPanel* lessonPanel() const { return m_lessons; }
    TrainingPanel* trainingPanel() const { return m_training; }
    CompareView* compareView() const { return m_compare; }
    MistakesView* mistakesView() const { return m_mistakes; }
    CostView* costView() const { return m_cost; }
    OnlineSoftmaxView* onlineSoftmaxView() const { return m_onlineSoftmax; }
    LogitLensView* logitLensView() const { return m_lens; }
    LogitAttributionView* logitAttributionView() const { return m_attribution; }
    PredictionsPanel* predictionsPanel() const { return m_predictions; }
    PresentationMode* presentation() const { return m_presentation; }
    Workspaces* workspaces() const { return m_workspaces; }
    QDockWidget* dockFor(const QString& view) const;  // "heads", "compare", … (attn::kLessonViews)

    // Rebuilds the window in another language around the same session and
    // returns the new window (this one deletes itself); `this` if unchanged.
    MainWindow* switchLanguage(const QString& code);
    void setZoom(double zoom);
    double zoom() const { return m_zoom; }

    bool openSessionFile(const QString& path);  // shows errors in a message box
    // A Hugging Face folder, read on a worker with a cancellable progress dialog; errors in a
    // message box, the current model kept (main_window_models.cpp). `then` runs once it is open.
    // startsTheSession: the model the app was launched with (attentionlab --model DIR), which is
    // where the session starts, not a change to save.
    void openModelFolder(const QString& folder, std::function<void()> then = {}, bool startsTheSession = false);
    bool saveSessionFile(const QString& path);

    // Unsaved work is written here every few seconds and offered back after a crash.
    static QString autosavePath();
    QWidget* recoveryBar() const { return m_recoveryBar; }
    void writeAutosave();

signals:
    void replaced(MainWindow* window);  // after switchLanguage

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;  // a model folder dropped on the window opens it
    void dropEvent(QDropEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;  // a new palette redraws the toolbar's icons

private:
    void createActions();
    void createDocks();
    QDockWidget* addScrollingDock(const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area);
    QSize availableSize() const;  // the screen's room for the window's client area
    void showWholeTabTitles();
    void createMenus();
    void loadPreferences();
    void savePreferences() const;
    void setColorMap(ColorMap map);
    void setDarkPalette(bool dark);
    void refreshIcons();
    void updateTitle();
    void updateStatus();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    bool maybeSave();  // false = the user cancelled
    void openSession();
    bool save();
    bool saveAs();
    void openWeights();
    void openModel();
    void showShortcuts();
    void offerRecovery();
    void showLessonView(const QString& view);
    void addTeachingViewActions(QMenu* view);  // main_window_teaching.cpp
    void createLearnMenu();
    void createTrainingDock(QDockWidget* tabbedWith);  // main_window_learning.cpp
    void addLearningActions(QMenu* learn);
    void addModelExportAction(QMenu* file);
    void exportModel();
    void applyFontScale(double scale);
    double currentZoom() const;
    void removeAutosave();

    SessionController* m_controller;
    StepPlayer* m_player;
    StageView* m_stageView;
    PipelineStrip* m_strip = nullptr;
    InputPanel* m_input = nullptr;
    ConfigPanel* m_config = nullptr;
    ExplainPanel* m_explain = nullptr;
    HeadsView* m_heads = nullptr;
    LinesView* m_lines = nullptr;
    PositionalPanel* m_positional = nullptr;
    WeightsEditor* m_weights = nullptr;
    LessonPanel* m_lessons = nullptr;
    TrainingPanel* m_training = nullptr;
    CompareView* m_compare = nullptr;
    MistakesView* m_mistakes = nullptr;
    CostView* m_cost = nullptr;
    OnlineSoftmaxView* m_onlineSoftmax = nullptr;
    LogitLensView* m_lens = nullptr;
    LogitAttributionView* m_attribution = nullptr;
    PredictionsPanel* m_predictions = nullptr;
    QString m_shownModelFolder;
    PresentationMode* m_presentation = nullptr;
    Workspaces* m_workspaces = nullptr;
    QMap<QString, QDockWidget*> m_viewDocks;
    QString m_lastModelFolder;
    bool m_placed = false;  // fitted to the screen when first shown
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction *m_undo, *m_redo, *m_back, *m_over, *m_into, *m_out, *m_play, *m_showValues, *m_dark;
    QHash<QAction*, QStyle::StandardPixmap> m_iconOf;  // drawn in the palette's button-text colour
    QActionGroup* m_colorMaps;
    QLabel* m_statusText;
    QProgressBar* m_busy;
    QString m_path;  // current session file, empty when unsaved
    QWidget* m_recoveryBar = nullptr;
    bool m_changedSinceAutosave = false;
    bool m_handedOver = false;  // switchLanguage gave the controller to a new window
    QStringList m_recent;
    double m_zoom = 1.0;
    ColorMap m_colorMap = ColorMap::Viridis;
};

}  // namespace attn::ui
