// Common mistakes, side by side with the correct weights on the same input:
// forgetting the 1/√d_k scale, softmax over the wrong axis, mixing heads when
// reshaping, masking after the softmax. Follows the selected block and head.
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace attn::ui {

class HeatmapWidget;
class SessionController;

class MistakesView : public QWidget {
    Q_OBJECT
public:
    explicit MistakesView(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }

    QComboBox* mistakeChooser() const { return m_mistake; }
    void showMistake(const QString& id);  // "forgot_scale", … (attn::to_string(Mistake))
    HeatmapWidget* correctMap() const { return m_correct; }
    HeatmapWidget* mistakenMap() const { return m_mistaken; }

private:
    void refresh();

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QComboBox* m_mistake;
    QLabel* m_block;
    QLabel* m_explanation;
    QLabel *m_correctTitle, *m_mistakenTitle;
    HeatmapWidget *m_correct, *m_mistaken;
};

}  // namespace attn::ui
