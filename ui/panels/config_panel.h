// The model: a preset chooser and a form for every config field, validated by
// the engine with its messages shown under the field that is wrong (the last
// good trace stays on screen), plus the weights file in use.
#pragma once

#include "io/session.h"
#include "model/config.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace attn::ui {

class SessionController;

class ConfigPanel : public QWidget {
    Q_OBJECT
public:
    explicit ConfigPanel(SessionController* controller, QWidget* parent = nullptr);

    QComboBox* presetSelector() const { return m_preset; }
    QSpinBox* spin(const QString& field) const { return m_spins.value(field); }
    QLineEdit* lineEdit(const QString& field) const { return m_lines.value(field); }
    QComboBox* combo(const QString& field) const { return m_combos.value(field); }
    QLabel* errorLabel(const QString& field) const { return m_errors.value(field); }
    QLabel* modelCard() const { return m_card; }

signals:
    void openWeightsRequested();

private:
    void addRow(const QString& field, const QString& label, QWidget* editor, const QString& tooltip);
    QSpinBox* addSpin(const QString& field, const QString& label, int min, int max, const QString& tooltip);
    QComboBox* addCombo(const QString& field, const QString& label, const QStringList& ids, const QStringList& names,
                        const QString& tooltip);
    QLineEdit* addLine(const QString& field, const QString& label, const QString& tooltip);
    QCheckBox* addCheck(const QString& field, const QString& label, const QString& tooltip);
    void commit(const QString& field);  // form -> session (undoable)
    void syncFromSession();
    void showCurrentExample();
    void showErrors();
    void showCard();  // an imported model's card, and the form read-only
    void showKvCache(const Config& c);

    SessionController* m_controller;
    QComboBox* m_preset;
    std::vector<Session> m_presetSessions;  // each example as loaded, in the box's order
    QFormLayout* m_form;
    QMap<QString, QSpinBox*> m_spins;
    QMap<QString, QComboBox*> m_combos;
    QMap<QString, QLineEdit*> m_lines;
    QMap<QString, QCheckBox*> m_checks;
    QMap<QString, QLabel*> m_errors;
    QMap<QString, QString> m_parseErrors;  // text fields that do not parse as numbers
    QLabel* m_weightsPath;
    QLabel* m_kvCache;  // the decoder's KV-cache size at max_len, beside multi-head attention's
    QLabel* m_card;
};

}  // namespace attn::ui
