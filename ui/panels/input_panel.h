// The texts the model reads, typed freely: every keystroke recomputes the
// trace. Tokens are shown as chips under each text, and a problem (no
// tokens, too many) is shown right there while the last good trace stays.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QCheckBox;
class QPushButton;

namespace attn::ui {

class SessionController;

class InputPanel : public QWidget {
    Q_OBJECT
public:
    explicit InputPanel(SessionController* controller, QWidget* parent = nullptr);
    QLineEdit* sourceEdit() const { return m_source; }
    QLineEdit* targetEdit() const { return m_target; }
    QPushButton* truncateButton() const { return m_truncate; }  // "Cut the text to N tokens"
    QCheckBox* chatBox() const { return m_chat; }

private:
    void syncFromSession();
    void showTokens();
    void showErrors();

    SessionController* m_controller;
    QLineEdit* m_source;
    QLineEdit* m_target;
    QLabel* m_sourceLabel;
    QLabel* m_targetLabel;
    QLabel* m_sourceChips;
    QLabel* m_targetChips;
    QLabel* m_sourceError;
    QPushButton* m_truncate;  // shown when an opened model cannot read the whole text
    QCheckBox* m_chat;        // an opened chat model: wrap the text in its template
    QLabel* m_targetError;
};

// A one-line red message under a field; hidden when empty.
void showFieldError(QLabel* label, const QString& message);
QLabel* makeErrorLabel();

}  // namespace attn::ui
