// Edit the numbers the model is made of: the token embeddings and, for small
// models, every weight matrix and bias, in a table. Each edit is one undo step
// and recomputes the trace.
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTableView;

namespace attn::ui {

class MatrixTableModel;
class SessionController;

class WeightsEditor : public QWidget {
    Q_OBJECT
public:
    explicit WeightsEditor(SessionController* controller, QWidget* parent = nullptr);
    void setShown(bool shown) { m_lazy.setShown(shown); }  // its dock is on screen
    QComboBox* matrixSelector() const { return m_selector; }
    QTableView* table() const { return m_table; }
    // Tensors above this size are listed but not shown in a table.
    static constexpr int kMaxEditable = 65536;

private:
    void rebuildSelector();
    void refresh();

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] {
        rebuildSelector();
        refresh();
    }};
    QComboBox* m_selector;
    QTableView* m_table;
    QLabel* m_message;
    MatrixTableModel* m_model;
};

}  // namespace attn::ui
