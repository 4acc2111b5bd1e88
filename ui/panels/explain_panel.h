// "Where does this number come from?": the explanation of the hovered cell
// (or, when the pointer is elsewhere, of the selected cell), with real numbers.
#pragma once

#include <QWidget>

class QTextBrowser;

namespace attn::ui {

class SessionController;

class ExplainPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplainPanel(SessionController* controller, QWidget* parent = nullptr);
    void showCell(int row, int col);  // -1: fall back to the selected cell
    void setFontScale(double scale);
    QString plainText() const;

private:
    void refresh();

    SessionController* m_controller;
    QTextBrowser* m_text;
    int m_hoverRow = -1, m_hoverCol = -1;
};

}  // namespace attn::ui
