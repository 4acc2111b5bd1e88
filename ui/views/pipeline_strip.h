// The computation as a row of clickable stages (embeddings → positions → Q, K,
// V → QKᵀ → ÷√dₖ → mask → softmax → ·V → concat → W_O → residual → norm → FFN
// → …) for one section (layer) at a time, with the section and head selectors
// and the step controls. The current stage is highlighted and shows its shape.
#pragma once

#include <QWidget>

class QAction;
class QButtonGroup;
class QComboBox;
class QHBoxLayout;
class QScrollArea;
class QToolButton;
class QSlider;

namespace attn::ui {

class SessionController;

struct StepActions {
    QAction* back;
    QAction* over;
    QAction* into;
    QAction* out;
    QAction* play;
};

class PipelineStrip : public QWidget {
    Q_OBJECT
public:
    PipelineStrip(SessionController* controller, const StepActions& actions, QWidget* parent = nullptr);

    QComboBox* sectionSelector() const { return m_section; }
    QComboBox* headSelector() const { return m_head; }
    QSlider* speedSlider() const { return m_speed; }
    void setFontScale(double scale);

signals:
    void speedChanged(int speed);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitControls();    // step buttons labelled when they fit, icons alone (with tooltips) when not
    void rebuild();        // sections or stages changed
    void syncSelection();  // current stage/head changed

    SessionController* m_controller;
    QComboBox* m_section;
    QComboBox* m_head;
    QSlider* m_speed;
    QScrollArea* m_scroll;
    QHBoxLayout* m_controls;
    QVector<QToolButton*> m_stepButtons;
    QWidget* m_chips;
    QHBoxLayout* m_chipLayout;
    QButtonGroup* m_group;
    QStringList m_sectionTitles;
    QStringList m_chipSignature;  // stage names and shapes the chips show
    int m_shownSection = -1;
    int m_shownHeads = -1;
    double m_fontScale = 1.0;
};

}  // namespace attn::ui
