#include "panels/explain_panel.h"

#include "teach/explain.h"
#include "controller/session_controller.h"

#include <QRegularExpression>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace attn::ui {

ExplainPanel::ExplainPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_text(new QTextBrowser) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_text);
    m_text->setOpenLinks(false);
    // Break lines only where Unicode allows (between Chinese characters, at spaces), never inside
    // a number: the default also breaks "anywhere" when a line has no room, which split "(−1.696)".
    m_text->setWordWrapMode(QTextOption::WordWrap);
    m_text->setToolTip(tr("How the number under the pointer (or the selected cell) was computed"));
    connect(controller, &SessionController::traceChanged, this, &ExplainPanel::refresh);
    connect(controller, &SessionController::selectionChanged, this, &ExplainPanel::refresh);
    refresh();
}

void ExplainPanel::showCell(int row, int col) {
    m_hoverRow = row;
    m_hoverCol = col;
    refresh();
}

void ExplainPanel::setFontScale(double scale) {
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * scale * 1.1);
    m_text->setFont(f);
}

QString ExplainPanel::plainText() const { return m_text->toPlainText(); }

void ExplainPanel::refresh() {
    const auto trace = m_controller->trace();
    const auto model = m_controller->model();
    if (!trace || !model) return;
    // The hovered cell while the pointer is on the matrix, else the selected (pinned or stepped)
    // one, else a hint; a hovered cell the current stage does not have counts as none.
    int row = m_hoverRow, col = m_hoverCol;
    const Stage* stage = trace->find(m_controller->currentStage().toStdString());
    if (stage && row >= 0) {
        const auto& shape = stage->shape();
        const int64_t rows = shape.size() == 3 ? shape[1] : shape.size() == 2 ? shape[0] : 1;
        if (row >= rows || col >= shape.back()) row = col = -1;
    }
    if (row < 0) {
        row = m_controller->currentCell().y();
        col = m_controller->currentCell().x();
    }
    if (row < 0) {
        m_text->setHtml(tr("<p><b>Hover a cell</b> to see how its number was computed, with the real numbers.</p>"
                           "<p>Click a cell to pin it; use ↓ to walk through the cells one by one.</p>"));
        return;
    }
    try {
        const Explanation e = explain_cell(*trace, *model, m_controller->currentStage().toStdString(),
                                           m_controller->currentHead(), row, col);
        // Negative numbers with the minus sign U+2212, as the heatmap writes them ("−0.05", not "-0.05").
        static const QRegularExpression minus(QStringLiteral("(^|[\\s(=×+,\\[])-(?=[0-9∞])"));
        auto shown = [](const std::string& text) { return QString::fromStdString(text).replace(minus, QStringLiteral("\\1−")).toHtmlEscaped(); };
        QString html = "<p><b>" + shown(e.title) + "</b></p>";
        for (const auto& line : e.lines) html += "<p style='margin:2px 0'>" + shown(line) + "</p>";
        m_text->setHtml(html);
    } catch (const Error& err) {
        m_text->setPlainText(QString::fromStdString(err.what()));
    }
}

}  // namespace attn::ui
