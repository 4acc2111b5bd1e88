// A matrix in an editable QTableView: rows and columns labelled, every edit
// handed to a callback (which goes through the undo stack). Refuses text that
// is not a finite number.
#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <QVector>

#include <functional>

namespace attn::ui {

class MatrixTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using EditFn = std::function<void(int row, int col, float value)>;
    explicit MatrixTableModel(QObject* parent = nullptr);

    void setMatrix(const float* data, int rows, int cols, const QStringList& rowLabels, const QStringList& colLabels,
                   EditFn onEdit);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

signals:
    void editRefused(const QString& reason);

private:
    QVector<float> m_values;
    int m_rows = 0, m_cols = 0;
    QStringList m_rowLabels, m_colLabels;
    EditFn m_onEdit;
};

}  // namespace attn::ui
