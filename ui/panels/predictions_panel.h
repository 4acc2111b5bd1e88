// What the model predicts: GPT-2's next token, BERT's word at each [MASK], the ten most probable
// with their probabilities (from the trace's logits). Clicking a candidate appends it (GPT-2) or
// puts it in place of the [MASK] (BERT); the row under the keyboard is explained in the Explain
// panel (its probability from its logit). GPT-2 also generates: N tokens, each computed with the
// KV cache on a worker, greedy or sampled, with a Stop button that keeps what was generated.
#pragma once

#include "views/lazy_refresh.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <vector>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace attn {
struct Model;
}

namespace attn::ui {

class SessionController;

class PredictionsPanel : public QWidget {
    Q_OBJECT
public:
    explicit PredictionsPanel(SessionController* controller, QWidget* parent = nullptr);
    ~PredictionsPanel() override;

    QTableWidget* table() const { return m_table; }
    QPushButton* generateButton() const { return m_generate; }
    QString generatedText() const;  // the text of the last generation (prompt and continuation)
    QSpinBox* tokensToGenerate() const { return m_count; }
    bool isGenerating() const { return m_running != nullptr; }
    void setShown(bool shown) { m_lazy.setShown(shown); }
    // Applies the candidate in row `rank` (0 = most probable): what a click does.
    void useCandidate(int rank);

private:
    void refresh();
    void explainRow(int rank);
    void startGeneration();
    void stopGeneration();
    void showGenerated(const Model& model, const std::vector<int32_t>& prompt, const std::vector<int32_t>& added);

    SessionController* m_controller;
    QLabel* m_heading;
    QComboBox* m_masks;  // BERT with several [MASK]s: which one
    QTableWidget* m_table;
    QLabel* m_note;
    QWidget* m_generation;
    QSpinBox* m_count;
    QDoubleSpinBox* m_temperature;
    QSpinBox* m_topK;
    QSpinBox* m_seed;
    QPushButton* m_generate;
    QProgressBar* m_progress;
    QLabel* m_generated;  // the prompt and what was generated, growing as it is
    QString m_generatedPlain;
    std::vector<int> m_positions;  // the rows of the logits the panel reads
    std::vector<int> m_ids;        // the candidates shown, by rank
    struct Running;
    std::shared_ptr<Running> m_running;
    LazyRefresh m_lazy{[this] { refresh(); }};
};

}  // namespace attn::ui
