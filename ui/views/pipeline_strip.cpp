#include "views/pipeline_strip.h"

#include "controller/pipeline_model.h"
#include "controller/session_controller.h"
#include "views/stage_matrix.h"

#include <QAction>
#include <QButtonGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace attn::ui {

PipelineStrip::PipelineStrip(SessionController* controller, const StepActions& actions, QWidget* parent)
    : QWidget(parent), m_controller(controller), m_section(new QComboBox), m_head(new QComboBox),
      m_speed(new QSlider(Qt::Horizontal)), m_scroll(new QScrollArea), m_chips(new QWidget),
      m_chipLayout(new QHBoxLayout(m_chips)), m_group(new QButtonGroup(this)) {
    m_section->setToolTip(tr("Which part of the model the strip shows: embeddings, a layer, or the output"));
    m_head->setToolTip(tr("Which attention head the heatmap shows (Ctrl+1 … Ctrl+9)"));
    m_speed->setRange(1, 10);
    m_speed->setValue(5);
    m_speed->setMinimumWidth(60);
    m_speed->setMaximumWidth(120);
    // Section names ("Encoder layer 0 · cross-attention") may be long: the combo shrinks to a
    // few characters on a narrow window and the popup still shows them whole.
    m_section->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_section->setMinimumContentsLength(10);
    m_head->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_head->setMinimumContentsLength(6);
    m_speed->setToolTip(tr("Play speed"));
    connect(m_speed, &QSlider::valueChanged, this, &PipelineStrip::speedChanged);

    auto* controls = m_controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Part:")));
    controls->addWidget(m_section);
    controls->addWidget(new QLabel(tr("Head:")));
    controls->addWidget(m_head);
    controls->addSpacing(16);
    for (QAction* a : {actions.back, actions.over, actions.into, actions.out, actions.play}) {
        auto* button = new QToolButton;
        button->setDefaultAction(a);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        controls->addWidget(button);
        m_stepButtons << button;
    }
    controls->addWidget(new QLabel(tr("Speed:")));
    controls->addWidget(m_speed);
    controls->addStretch(1);

    m_chipLayout->setContentsMargins(2, 2, 2, 2);
    m_chipLayout->setSpacing(4);
    m_scroll->setWidget(m_chips);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_group->setExclusive(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(m_scroll);

    connect(m_section, &QComboBox::activated, this, [this](int index) {
        const auto trace = m_controller->trace();
        if (!trace) return;
        const auto sections = pipelineSections(*trace);
        if (index < 0 || index >= sections.size()) return;
        // Keep the same kind of stage in the new layer when it has one.
        const Stage* current = trace->find(m_controller->currentStage().toStdString());
        m_controller->selectStage(current ? counterpartIn(*trace, sections[index], *current) : sections[index].stages.front());
    });
    connect(m_head, &QComboBox::activated, controller, &SessionController::selectHead);
    connect(controller, &SessionController::traceChanged, this, &PipelineStrip::rebuild);
    connect(controller, &SessionController::selectionChanged, this, &PipelineStrip::syncSelection);
    rebuild();
    fitControls();
}

void PipelineStrip::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitControls();
}

void PipelineStrip::fitControls() {
    // What the row needs with every label shown; below that the buttons show their icons alone
    // (their tooltips name them), so the window fits 1280 × 720 and narrower screens.
    int labelled = m_controls->contentsMargins().left() + m_controls->contentsMargins().right();
    for (int i = 0; i < m_controls->count(); ++i) {
        QLayoutItem* item = m_controls->itemAt(i);
        auto* button = qobject_cast<QToolButton*>(item->widget());
        if (button && m_stepButtons.contains(button)) {
            const Qt::ToolButtonStyle was = button->toolButtonStyle();
            button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
            labelled += button->sizeHint().width();
            button->setToolButtonStyle(was);
        } else if (!item->spacerItem() || item->spacerItem()->sizeHint().width() > 0) {
            labelled += item->sizeHint().width();
        }
        labelled += m_controls->spacing();
    }
    const Qt::ToolButtonStyle style = width() >= labelled + 8 ? Qt::ToolButtonTextBesideIcon : Qt::ToolButtonIconOnly;
    for (QToolButton* b : m_stepButtons) {
        b->setToolButtonStyle(style);
        b->setMinimumWidth(b->iconSize().width() + 12);  // never below the icon: the row can shrink to icons
    }
}

void PipelineStrip::setFontScale(double scale) {
    m_fontScale = scale;
    m_shownSection = -1;
    rebuild();
    fitControls();
}

void PipelineStrip::rebuild() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const auto sections = pipelineSections(*trace);
    QStringList titles;
    for (const auto& s : sections) titles << s.title;
    if (titles != m_sectionTitles) {
        m_sectionTitles = titles;
        m_section->clear();
        m_section->addItems(titles);
        m_shownSection = -1;
    }
    const int heads = m_controller->traceHeads();
    if (heads != m_shownHeads) {
        m_shownHeads = heads;
        m_head->clear();
        for (int h = 0; h < heads; ++h) m_head->addItem(tr("Head %1").arg(h));
    }
    // Rebuild the chips only when the shown section's stages or shapes changed: an edit
    // of one number (the common case while teaching) keeps them as they are.
    QStringList signature;
    const int section = sectionOf(sections, *trace, m_controller->currentStage());
    if (section >= 0)
        for (const QString& name : sections[section].stages)
            signature << name + ' ' + compactShapeText(*trace->find(name.toStdString()));
    if (signature != m_chipSignature) {
        m_chipSignature = signature;
        m_shownSection = -2;
    }
    syncSelection();
}

void PipelineStrip::syncSelection() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const auto sections = pipelineSections(*trace);
    const QString current = m_controller->currentStage();
    const int section = sectionOf(sections, *trace, current);
    m_section->setCurrentIndex(section);
    m_head->setCurrentIndex(m_controller->currentHead());
    m_head->setEnabled(trace->find(current.toStdString()) && trace->find(current.toStdString())->rank() == 3);

    if (section != m_shownSection && section >= 0) {
        m_shownSection = section;
        for (QAbstractButton* b : m_group->buttons()) m_group->removeButton(b);
        while (QLayoutItem* item = m_chipLayout->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        QFont chipFont = font();
        chipFont.setPointSizeF(chipFont.pointSizeF() * m_fontScale);
        QString block;
        for (const QString& name : sections[section].stages) {
            const Stage* stage = trace->find(name.toStdString());
            if (blockLabel(*stage) != block) {
                block = blockLabel(*stage);
                if (!block.isEmpty()) {
                    auto* label = new QLabel(block + ":");
                    label->setFont(chipFont);
                    label->setStyleSheet("color: palette(mid); font-style: italic;");
                    m_chipLayout->addWidget(label);
                }
            }
            auto* chip = new QToolButton;
            chip->setCheckable(true);
            chip->setFont(chipFont);
            chip->setText(shortLabel(*stage) + "\n" + compactShapeText(*stage));
            chip->setToolTip(QStringLiteral("<b>%1</b><br>%2<br><i>%3</i>")
                                 .arg(name.toHtmlEscaped(), stageDescription(*stage).toHtmlEscaped(),
                                      stageFormula(*stage).toHtmlEscaped()));
            chip->setProperty("stage", name);
            chip->setAutoRaise(false);
            chip->setMinimumHeight(static_cast<int>(44 * m_fontScale));
            connect(chip, &QToolButton::clicked, this, [this, name] { m_controller->selectStage(name); });
            m_group->addButton(chip);
            m_chipLayout->addWidget(chip);
        }
        m_chipLayout->addStretch(1);
        // A scroll area does not follow its content's height: size it to the chips at every zoom,
        // with room for the scroll bar, so no chip is cut off. (The new chips are shown only
        // later, so the layout's own size hint does not count them yet.)
        int tallest = 0;
        for (QWidget* w : m_chips->findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) tallest = std::max({tallest, w->sizeHint().height(), w->minimumHeight()});
        const QMargins margins = m_chipLayout->contentsMargins();
        m_scroll->setFixedHeight(tallest + margins.top() + margins.bottom() + m_scroll->horizontalScrollBar()->sizeHint().height());
    }
    for (QAbstractButton* b : m_group->buttons()) {
        const bool on = b->property("stage").toString() == current;
        b->setChecked(on);
        // Style sheets re-polish the widget: set them only when the highlight moves.
        if (b->styleSheet().isEmpty() || b->property("highlighted").toBool() != on) {
            b->setProperty("highlighted", on);
            b->setStyleSheet(on ? "QToolButton { background: #ff8c00; color: black; font-weight: bold; border-radius: 4px; padding: 2px 6px; }"
                                : "QToolButton { padding: 2px 6px; }");
        }
        if (on) QTimer::singleShot(0, b, [this, b] {  // once the new chips are laid out
                m_chips->adjustSize();
                m_scroll->ensureWidgetVisible(b, 60, 0);
            });
    }
}

}  // namespace attn::ui
