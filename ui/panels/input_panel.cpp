#include "panels/input_panel.h"

#include "controller/session_controller.h"

#include <QCheckBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace attn::ui {
namespace {

QString chipsHtml(const std::vector<std::string>& tokens, const std::string& pad) {
    QString html;
    for (size_t i = 0; i < tokens.size(); ++i) {
        const QString t = QString::fromStdString(tokens[i]).toHtmlEscaped();
        const bool isPad = tokens[i] == pad;
        html += QStringLiteral("<span style='background-color:%1; color:%2;'>&nbsp;%3<sub>%4</sub>&nbsp;</span> ")
                    .arg(isPad ? "#bbbbbb" : "#dde8f5", "#000000", t)
                    .arg(i);
    }
    return html;
}

}  // namespace

QLabel* makeErrorLabel() {
    auto* label = new QLabel;
    label->setWordWrap(true);
    label->setStyleSheet("color: #c00000; font-weight: bold;");
    label->hide();
    return label;
}

void showFieldError(QLabel* label, const QString& message) {
    label->setText(message.isEmpty() ? QString() : "⚠ " + message);
    label->setVisible(!message.isEmpty());
}

InputPanel::InputPanel(SessionController* controller, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_source(new QLineEdit), m_target(new QLineEdit),
      m_sourceLabel(new QLabel(tr("&Text (source):"))), m_targetLabel(new QLabel(tr("T&arget text:"))),
      m_sourceChips(new QLabel), m_targetChips(new QLabel), m_sourceError(makeErrorLabel()), m_truncate(new QPushButton),
      m_chat(new QCheckBox(tr("Chat template"))), m_targetError(makeErrorLabel()) {
    m_sourceLabel->setBuddy(m_source);
    m_targetLabel->setBuddy(m_target);
    m_source->setToolTip(tr("Type any sentence: words and punctuation become tokens, and every Chinese character is "
                            "its own token. The whole computation follows each keystroke."));
    m_target->setToolTip(tr("The decoder's sentence (encoder-decoder models): its queries attend to the source"));
    m_source->setClearButtonEnabled(true);
    m_target->setClearButtonEnabled(true);
    for (QLabel* chips : {m_sourceChips, m_targetChips}) {
        chips->setWordWrap(true);
        chips->setTextFormat(Qt::RichText);
        chips->setToolTip(tr("The tokens the model sees, numbered by position"));
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sourceLabel);
    layout->addWidget(m_source);
    layout->addWidget(m_sourceError);
    // An opened model reads a limited number of positions: a text too long can be cut to fit.
    m_truncate->setToolTip(tr("Keep the first tokens this model has positions for (undoable)"));
    m_truncate->hide();
    connect(m_truncate, &QPushButton::clicked, controller, &SessionController::truncateSourceText);
    layout->addWidget(m_truncate);
    // An instruct model reads its chat format: <|im_start|>user … <|im_end|> <|im_start|>assistant.
    m_chat->setObjectName("ChatTemplate");
    m_chat->setToolTip(tr("Wrap the text in this model's chat template (one user turn and the assistant's prompt), "
                          "as the model was trained to read it; the template's special tokens appear as tokens"));
    m_chat->hide();
    connect(m_chat, &QCheckBox::toggled, controller, &SessionController::setChat);
    layout->addWidget(m_chat);
    layout->addWidget(m_sourceChips);
    layout->addWidget(m_targetLabel);
    layout->addWidget(m_target);
    layout->addWidget(m_targetError);
    layout->addWidget(m_targetChips);
    layout->addStretch(1);

    connect(m_source, &QLineEdit::textEdited, controller, &SessionController::setSourceText);
    connect(m_target, &QLineEdit::textEdited, controller, &SessionController::setTargetText);
    connect(controller, &SessionController::sessionChanged, this, &InputPanel::syncFromSession);
    connect(controller, &SessionController::traceChanged, this, &InputPanel::showTokens);
    connect(controller, &SessionController::errorsChanged, this, &InputPanel::showErrors);
    syncFromSession();
    showTokens();
    showErrors();
}

void InputPanel::syncFromSession() {
    const Session& s = m_controller->session();
    const QString src = QString::fromStdString(s.src_text), tgt = QString::fromStdString(s.tgt_text);
    if (m_source->text() != src) m_source->setText(src);  // undo/redo, presets, opened sessions
    if (m_target->text() != tgt) m_target->setText(tgt);
    const bool two = s.config.architecture == Architecture::EncoderDecoder;
    m_sourceLabel->setText(two ? tr("&Text (source):") : tr("&Text:"));
    const auto imported = m_controller->importedModel();
    m_chat->setVisible((imported && imported->card && imported->card->chat) || s.chat);  // shown while on, to turn it off
    if (m_chat->isChecked() != s.chat) {
        const QSignalBlocker quiet(m_chat);
        m_chat->setChecked(s.chat);
    }
    for (QWidget* w : {static_cast<QWidget*>(m_targetLabel), static_cast<QWidget*>(m_target),
                       static_cast<QWidget*>(m_targetChips)})
        w->setVisible(two);
}

void InputPanel::showTokens() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const std::string& pad = m_controller->session().config.pad_token;
    m_sourceChips->setText(chipsHtml(trace->src_tokens, pad));
    m_targetChips->setText(chipsHtml(trace->tgt_tokens, pad));
}

void InputPanel::showErrors() {
    const auto& errors = m_controller->errors();
    showFieldError(m_sourceError, errors.value(kSourceTextField));
    const auto imported = m_controller->importedModel();
    const bool tooLong = imported && errors.value(kSourceTextField).contains(QStringLiteral("reads at most"));
    if (tooLong) m_truncate->setText(tr("Cut the text to %1 tokens").arg(imported->config.max_len));
    m_truncate->setVisible(tooLong);
    showFieldError(m_targetError, errors.value(kTargetTextField));
}

}  // namespace attn::ui
