// The logit lens as a table: for each layer (rows, the embeddings first) and each of the last
// positions (columns), the token the model would predict if the layers after it were not there,
// with its probability (teach/logit_lens.h). Computed on a worker: a big model reads 50 257
// logits per cell.
#pragma once

#include "teach/logit_lens.h"
#include "views/lazy_refresh.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QSpinBox;
class QTableWidget;

namespace attn::ui {

class SessionController;

class LogitLensView : public QWidget {
    Q_OBJECT
public:
    explicit LogitLensView(SessionController* controller, QWidget* parent = nullptr);
    ~LogitLensView() override;
    void setShown(bool shown) { m_lazy.setShown(shown); }

    QTableWidget* table() const { return m_table; }
    QSpinBox* positionsBox() const { return m_positions; }
    QString message() const;
    void waitForLens();  // for tests

private:
    struct Result {
        LogitLens lens;
        std::shared_ptr<const Trace> trace;  // the trace it read: its tokens label the table
        std::string error;                   // what the lens could not read, instead (an exception would not cross the thread)
    };
    void refresh();
    void show(const Result& result);

    SessionController* m_controller;
    LazyRefresh m_lazy{[this] { refresh(); }};
    QLabel* m_message;
    QSpinBox* m_positions;
    QTableWidget* m_table;
    // The latest request only: an older one still running finishes on its own and is not shown.
    QFutureWatcher<Result> m_watcher;
};

}  // namespace attn::ui
