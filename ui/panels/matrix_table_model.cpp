#include "panels/matrix_table_model.h"

#include <cmath>

namespace attn::ui {

MatrixTableModel::MatrixTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MatrixTableModel::setMatrix(const float* data, int rows, int cols, const QStringList& rowLabels,
                                 const QStringList& colLabels, EditFn onEdit) {
    const bool sameShape = rows == m_rows && cols == m_cols;
    if (!sameShape) beginResetModel();
    m_values = QVector<float>(data, data + static_cast<qsizetype>(rows) * cols);
    m_rows = rows;
    m_cols = cols;
    m_rowLabels = rowLabels;
    m_colLabels = colLabels;
    m_onEdit = std::move(onEdit);
    if (!sameShape) endResetModel();
    else if (rows > 0 && cols > 0) emit dataChanged(index(0, 0), index(rows - 1, cols - 1));
    emit headerDataChanged(Qt::Vertical, 0, std::max(rows - 1, 0));
}

int MatrixTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_rows; }
int MatrixTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_cols; }

QVariant MatrixTableModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) return {};
    const float v = m_values[index.row() * m_cols + index.column()];
    if (role == Qt::DisplayRole) return QString::number(v, 'f', 4);
    if (role == Qt::EditRole) return QString::number(v, 'g', 9);
    if (role == Qt::TextAlignmentRole) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant MatrixTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role != Qt::DisplayRole) return {};
    const QStringList& labels = orientation == Qt::Horizontal ? m_colLabels : m_rowLabels;
    return section < labels.size() ? labels[section] : QString::number(section);
}

Qt::ItemFlags MatrixTableModel::flags(const QModelIndex& index) const {
    return QAbstractTableModel::flags(index) | (m_onEdit ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

bool MatrixTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::EditRole || !index.isValid() || !m_onEdit) return false;
    bool ok = false;
    const double v = value.toString().trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || std::abs(v) > 1e30) {
        emit editRefused(tr("“%1” is not a finite number; the value is unchanged").arg(value.toString()));
        return false;
    }
    m_onEdit(index.row(), index.column(), static_cast<float>(v));  // the controller recomputes and we are refreshed
    return true;
}

}  // namespace attn::ui
