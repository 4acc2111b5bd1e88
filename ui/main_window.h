// The main window: docks, menus, actions, shortcuts and preferences. Wiring
// only: each panel is its own class, the state lives in SessionController.
#pragma once

#include "color_maps.h"

#include <QMainWindow>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QProgressBar;

namespace attn::ui {

class ConfigPanel;
class ExplainPanel;
class HeadsView;
class InputPanel;
class LinesView;
class PipelineStrip;
class PositionalPanel;
class SessionController;
class StageView;
class StepPlayer;
class WeightsEditor;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
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

    bool openSessionFile(const QString& path);  // shows errors in a message box
    bool saveSessionFile(const QString& path);

    // Unsaved work is written here every few seconds and offered back after a crash.
    static QString autosavePath();
    QWidget* recoveryBar() const { return m_recoveryBar; }
    void writeAutosave();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createDocks();
    void createMenus();
    void loadPreferences();
    void savePreferences() const;
    void setZoom(double zoom);
    void setColorMap(ColorMap map);
    void setDarkPalette(bool dark);
    void updateTitle();
    void updateStatus();
    void addRecentFile(const QString& path);
    void rebuildRecentMenu();
    bool maybeSave();  // false = the user cancelled
    void openSession();
    bool save();
    bool saveAs();
    void openWeights();
    void showShortcuts();
    void offerRecovery();
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
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction *m_undo, *m_redo, *m_back, *m_over, *m_into, *m_out, *m_play, *m_showValues, *m_dark;
    QActionGroup* m_colorMaps;
    QLabel* m_statusText;
    QProgressBar* m_busy;
    QString m_path;  // current session file, empty when unsaved
    QWidget* m_recoveryBar = nullptr;
    bool m_changedSinceAutosave = false;
    QStringList m_recent;
    double m_zoom = 1.0;
    ColorMap m_colorMap = ColorMap::Viridis;
};

}  // namespace attn::ui
