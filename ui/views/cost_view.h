// The cost of attention for the current config: a live counter of floats
// kept and multiply-adds per stage, how much of QKᵀ the mask lets through
// (what sliding-window and block-sparse kernels save), and the engine's time
// and memory measured against sequence length (O(n²·d) made visible).
#pragma once

#include "views/lazy_refresh.h"
#include "teach/stage_cost.h"

#include <QFutureWatcher>
#include <QWidget>

class QCPItemText;
class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace attn::ui {

class SessionController;

class CostView : public QWidget {
    Q_OBJECT
public:
    explicit CostView(SessionController* controller, QWidget* parent = nullptr);
    ~CostView() override;
    void setShown(bool shown) { m_lazy.setShown(shown); }

    QTableWidget* table() const { return m_table; }
    QString summary() const;
    QCustomPlot* plot() const { return m_plot; }
    // Measures the engine at n = 8, 16, … up to maxLength; the plot fills in as results arrive.
    void measure(int maxLength = 512);
    bool isMeasuring() const;
    void waitForMeasurement();  // for tests

private:
    void refresh();
    void addPoint(const LengthMeasurement& m);

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QLabel* m_summary;
    QTableWidget* m_table;
    QPushButton* m_measure;
    QProgressBar* m_progress;
    QCustomPlot* m_plot;
    QCPItemText* m_hint;
    QFutureWatcher<LengthMeasurement> m_watcher;
};

}  // namespace attn::ui
