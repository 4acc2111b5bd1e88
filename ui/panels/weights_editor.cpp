#include "panels/weights_editor.h"

#include "panels/input_panel.h"
#include "panels/matrix_table_model.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include <functional>
#include <numeric>

namespace attn::ui {

WeightsEditor::WeightsEditor(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_selector(new QComboBox), m_table(new QTableView),
      m_message(makeErrorLabel()), m_model(new MatrixTableModel(this)) {
    m_selector->setToolTip(tr("Which numbers to edit: token embeddings or a weight tensor (PyTorch state_dict name)"));
    m_table->setModel(m_model);
    m_table->setToolTip(tr("Double-click a number to change it; Ctrl+Z undoes"));
    m_table->horizontalHeader()->setDefaultSectionSize(72);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_selector);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    connect(m_selector, &QComboBox::activated, this, &WeightsEditor::refresh);
    connect(m_model, &MatrixTableModel::editRefused, this, [this](const QString& reason) { showFieldError(m_message, reason); });
    connect(controller, &SessionController::traceChanged, this, [this] { m_lazy.request(); });
    rebuildSelector();
    refresh();
}

void WeightsEditor::rebuildSelector() {
    const auto model = m_controller->model();
    if (!model) return;
    const QString current = m_selector->currentData().toString();
    QStringList ids{"src.embeddings"};
    QStringList names{tr("Token embeddings (source)")};
    if (model->config.architecture == Architecture::EncoderDecoder) {
        ids << "tgt.embeddings";
        names << tr("Token embeddings (target)");
    }
    for (const auto& [name, shape] : weight_shapes(*model)) {  // float32 tensors and BF16 matrices, in name order
        ids << QString::fromStdString(name);
        names << QStringLiteral("%1  [%2]").arg(QString::fromStdString(name), QString::fromStdString(shape_to_string(shape, false)));
    }
    QStringList existing;
    for (int i = 0; i < m_selector->count(); ++i) existing << m_selector->itemData(i).toString();
    if (existing == ids) return;
    m_selector->clear();
    for (int i = 0; i < ids.size(); ++i) m_selector->addItem(names[i], ids[i]);
    m_selector->setCurrentIndex(std::max(0, m_selector->findData(current)));
}

void WeightsEditor::refresh() {
    // An imported model is shown as its checkpoint holds it: its numbers can be read, not edited.
    const bool imported = m_controller->importedModel() != nullptr;
    m_table->setEditTriggers(imported ? QAbstractItemView::NoEditTriggers
                                      : QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                                            QAbstractItemView::AnyKeyPressed);
    m_table->setToolTip(imported ? tr("The numbers of the opened model, as its checkpoint holds them (read-only)")
                                 : tr("Double-click a number to change it; Ctrl+Z undoes"));
    showFieldError(m_message, QString());
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QString id = m_selector->currentData().toString();
    if (const Stage* stage = trace->find(id.toStdString()); stage && stage->kind == StageKind::TokenEmbedding) {
        const StageMatrix m = stageMatrix(*trace, *stage, 0);
        const QStringList tokens = m.rowLabels;
        m_model->setMatrix(m.data, m.rows, m.cols, m.rowLabels, m.colLabels, [this, tokens](int row, int col, float v) {
            m_controller->setEmbeddingValue(tokens[row], col, v);
        });
        return;
    }
    const auto shape = m_controller->weightShape(id);
    if (!shape) return;
    const int64_t numel = std::accumulate(shape->begin(), shape->end(), int64_t{1}, std::multiplies<>());
    if (numel > kMaxEditable) {
        m_model->setMatrix(nullptr, 0, 0, {}, {}, nullptr);
        showFieldError(m_message, tr("%1 has %2 numbers: too many to edit in a table").arg(id).arg(numel));
        return;
    }
    const Tensor* tensor = m_controller->weightTensor(id);
    if (!tensor) return;
    const int rows = tensor->rank() == 2 ? static_cast<int>(tensor->dim(0)) : 1;
    const int cols = static_cast<int>(tensor->shape.back());
    QStringList rowLabels, colLabels;
    for (int i = 0; i < rows; ++i) rowLabels << QString::number(i);
    for (int j = 0; j < cols; ++j) colLabels << QString::number(j);
    m_model->setMatrix(tensor->data.data(), rows, cols, rowLabels, colLabels, [this, id, cols](int row, int col, float v) {
        m_controller->setWeightValue(id, row * cols + col, v);
    });
}

}  // namespace attn::ui
