#include "window/main_window.h"

#include "views/compare_view.h"
#include "panels/config_panel.h"
#include "views/cost_view.h"
#include "views/online_softmax_view.h"
#include "views/logit_attribution_view.h"
#include "views/logit_lens_view.h"
#include "panels/explain_panel.h"
#include "export/export_dialog.h"
#include "views/heads_view.h"
#include "views/heatmap_widget.h"
#include "panels/input_panel.h"
#include "panels/lesson_panel.h"
#include "views/lines_view.h"
#include "views/mistakes_view.h"
#include "views/pipeline_strip.h"
#include "panels/positional_panel.h"
#include "panels/predictions_panel.h"
#include "window/presentation_mode.h"
#include "window/workspaces.h"
#include "controller/session_controller.h"
#include "io/session.h"
#include "views/stage_view.h"
#include "controller/step_player.h"
#include "base/version.h"
#include "panels/weights_editor.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFrame>
#include <QHBoxLayout>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QDockWidget>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QTabBar>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QUndoStack>
#include <QVBoxLayout>

namespace attn::ui {

// The dock layout saved in the settings: 2 since the workspaces (window/workspaces.h).
constexpr int kLayoutVersion = 2;


MainWindow::MainWindow(SessionController* controller, QWidget* parent)
    : QMainWindow(parent), m_controller(controller ? controller : new SessionController(this)),
      m_player(new StepPlayer(m_controller, this)),
      m_stageView(new StageView(m_controller)), m_statusText(new QLabel), m_busy(new QProgressBar) {
    setObjectName("MainWindow");
    const bool takenOver = controller != nullptr;
    m_controller->setParent(this);
    setAcceptDrops(true);
    createActions();
    m_strip = new PipelineStrip(m_controller, {m_back, m_over, m_into, m_out, m_play});
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    m_recoveryBar = new QFrame;
    layout->addWidget(m_recoveryBar);
    layout->addWidget(m_strip);
    layout->addWidget(m_stageView, 1);
    setCentralWidget(central);
    createDocks();
    m_workspaces = new Workspaces(this);
    // The teacher's script stays on screen while presenting: Explain, and the lesson while one is open.
    m_presentation = new PresentationMode(
        this, [this](double scale) { applyFontScale(scale); }, [this] { return m_zoom; },
        [this] {
            QStringList notes{"ExplainDock"};
            if (m_lessons && m_lessons->currentLesson() >= 0) notes << "LessonsDock";
            return notes;
        });
    createMenus();

    m_busy->setRange(0, 0);  // indeterminate: "computing…"
    m_busy->setMaximumWidth(160);
    m_busy->setFormat(tr("computing…"));
    m_busy->hide();
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_busy);

    connect(m_strip, &PipelineStrip::speedChanged, m_player, &StepPlayer::setSpeed);
    connect(m_stageView, &StageView::cellHovered, m_explain, &ExplainPanel::showCell);
    connect(m_controller, &SessionController::busyChanged, m_busy, &QWidget::setVisible);
    connect(m_controller, &SessionController::traceChanged, this, &MainWindow::updateStatus);
    connect(m_controller, &SessionController::errorsChanged, this, &MainWindow::updateStatus);
    connect(m_controller->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_config, &ConfigPanel::openWeightsRequested, this, &MainWindow::openWeights);
    connect(m_player, &StepPlayer::playingChanged, this, [this](bool playing) {
        m_play->setText(playing ? tr("Pause") : tr("Play"));
        m_iconOf[m_play] = playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay;
        refreshIcons();
    });

    resize(QSize(1600, 1000).boundedTo(availableSize()));
    // Side docks wide enough for their labels; the heatmap gets the rest (saved layouts win).
    resizeDocks({findChild<QDockWidget*>("InputDock"), findChild<QDockWidget*>("ExplainDock")},
                {std::clamp(width() / 4, 240, 380), std::clamp(width() / 4, 260, 400)}, Qt::Horizontal);
    loadPreferences();
    showWholeTabTitles();
    updateTitle();
    updateStatus();

    auto* autosave = new QTimer(this);
    const int ms = qEnvironmentVariableIntValue("ATTN_AUTOSAVE_MS");
    autosave->setInterval(ms > 0 ? ms : 15000);
    connect(autosave, &QTimer::timeout, this, &MainWindow::writeAutosave);
    connect(m_controller->undoStack(), &QUndoStack::indexChanged, this, [this] { m_changedSinceAutosave = true; });
    autosave->start();
    offerRecovery();
    if (takenOver) m_recoveryBar->hide();  // the same process goes on: nothing to recover
}

MainWindow::~MainWindow() {
    if (m_handedOver) return;  // the controller lives on in the window that replaced this one
    // The controller and its undo stack are destroyed after this class's part of the object
    // (as children of the QWidget base): what they emit then must not reach these slots.
    m_controller->undoStack()->disconnect(this);
    m_controller->disconnect(this);
}

void MainWindow::createActions() {
    auto make = [this](const QString& text, const QKeySequence& key, const QString& tip, QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto* a = new QAction(text, this);
        if (!key.isEmpty()) a->setShortcut(key);
        a->setToolTip(tip + (key.isEmpty() ? QString() : " (" + key.toString(QKeySequence::NativeText) + ")"));
        a->setStatusTip(tip);
        if (icon != QStyle::SP_CustomBase) m_iconOf[a] = icon;
        addAction(a);
        return a;
    };
    m_back = make(tr("Back"), Qt::Key_Left, tr("Step back to the previous stage"), QStyle::SP_MediaSeekBackward);
    m_over = make(tr("Step"), Qt::Key_Right, tr("Step over: the next stage of the computation"), QStyle::SP_MediaSeekForward);
    m_into = make(tr("Into"), Qt::Key_Down, tr("Step into: walk the cells (softmax: the rows) one by one"), QStyle::SP_ArrowDown);
    m_out = make(tr("Out"), Qt::Key_Up, tr("Step out: stop walking cells"), QStyle::SP_ArrowUp);
    m_play = make(tr("Play"), Qt::Key_Space, tr("Play or pause: step automatically at the chosen speed"), QStyle::SP_MediaPlay);
    connect(m_back, &QAction::triggered, m_player, &StepPlayer::stepBack);
    connect(m_over, &QAction::triggered, m_player, &StepPlayer::stepOver);
    connect(m_into, &QAction::triggered, m_player, &StepPlayer::stepInto);
    connect(m_out, &QAction::triggered, m_player, &StepPlayer::stepOut);
    connect(m_play, &QAction::triggered, m_player, &StepPlayer::togglePlaying);
    for (int h = 0; h < 9; ++h) {
        auto* a = make(tr("Head %1").arg(h), QKeySequence(Qt::CTRL | (Qt::Key_1 + h)), tr("Show head %1").arg(h));
        connect(a, &QAction::triggered, this, [this, h] {
            if (h < m_controller->traceHeads()) m_controller->selectHead(h);
        });
    }

    m_undo = m_controller->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcuts({QKeySequence::Undo});
    m_redo = m_controller->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    m_showValues = make(tr("Show &values in cells"), Qt::Key_V, tr("Write each number in its cell when it fits"));
    m_showValues->setCheckable(true);
    m_showValues->setChecked(true);
    connect(m_showValues, &QAction::toggled, m_stageView, &StageView::setShowValues);
    m_dark = make(tr("&Dark palette"), QKeySequence(), tr("Light text on a dark background"));
    m_dark->setCheckable(true);
    connect(m_dark, &QAction::toggled, this, &MainWindow::setDarkPalette);
    m_colorMaps = new QActionGroup(this);
    const QStringList names = sequentialColorMapNames();
    for (int i = 0; i < names.size(); ++i) {
        auto* a = new QAction(names[i], m_colorMaps);
        a->setCheckable(true);
        a->setData(colorMapId(static_cast<ColorMap>(i)));
        a->setToolTip(tr("Colour map for weights and other non-negative matrices"));
        connect(a, &QAction::triggered, this, [this, i] { setColorMap(static_cast<ColorMap>(i)); });
    }
    refreshIcons();
}

// Every dock scrolls rather than imposing its content's minimum size on the window, so the
// window fits a 1280 × 720 projector (and 1024 × 640) whatever a panel holds.
QDockWidget* MainWindow::addScrollingDock(const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(widget);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(scroll);
    addDockWidget(area, d);
    return d;
}

void MainWindow::createDocks() {
    auto dock = [this](const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
        return addScrollingDock(title, name, widget, area);
    };
    m_input = new InputPanel(m_controller);
    m_config = new ConfigPanel(m_controller);
    m_explain = new ExplainPanel(m_controller);
    m_heads = new HeadsView(m_controller);
    m_lines = new LinesView(m_controller);
    m_positional = new PositionalPanel(m_controller);
    m_weights = new WeightsEditor(m_controller);
    m_lessons = new LessonPanel(m_controller);
    m_compare = new CompareView(m_controller);
    m_mistakes = new MistakesView(m_controller);
    m_cost = new CostView(m_controller);
    m_onlineSoftmax = new OnlineSoftmaxView(m_controller);
    m_lens = new LogitLensView(m_controller);
    m_attribution = new LogitAttributionView(m_controller);
    m_predictions = new PredictionsPanel(m_controller);
    dock(tr("Input"), "InputDock", m_input, Qt::LeftDockWidgetArea);
    auto* model = dock(tr("Model"), "ModelDock", m_config, Qt::LeftDockWidgetArea);
    auto* explain = dock(tr("Explain"), "ExplainDock", m_explain, Qt::RightDockWidgetArea);
    auto* predictions = dock(tr("Predictions"), "PredictionsDock", m_predictions, Qt::LeftDockWidgetArea);
    auto* heads = dock(tr("Heads"), "HeadsDock", m_heads, Qt::RightDockWidgetArea);
    auto* lines = dock(tr("Lines"), "LinesDock", m_lines, Qt::RightDockWidgetArea);
    auto* positions = dock(tr("Positions"), "PositionsDock", m_positional, Qt::RightDockWidgetArea);
    auto* weights = dock(tr("Weights"), "WeightsDock", m_weights, Qt::RightDockWidgetArea);
    auto* compare = dock(tr("Compare"), "CompareDock", m_compare, Qt::RightDockWidgetArea);
    auto* mistakes = dock(tr("Mistakes"), "MistakesDock", m_mistakes, Qt::RightDockWidgetArea);
    auto* cost = dock(tr("Cost"), "CostDock", m_cost, Qt::RightDockWidgetArea);
    auto* online = dock(tr("Online softmax"), "OnlineSoftmaxDock", m_onlineSoftmax, Qt::RightDockWidgetArea);
    auto* lens = dock(tr("Logit lens"), "LogitLensDock", m_lens, Qt::RightDockWidgetArea);
    auto* attribution = dock(tr("Logit attribution"), "LogitAttributionDock", m_attribution, Qt::RightDockWidgetArea);
    auto* lessons = dock(tr("Lessons"), "LessonsDock", m_lessons, Qt::LeftDockWidgetArea);
    tabifyDockWidget(model, lessons);
    tabifyDockWidget(lessons, predictions);
    connect(predictions, &QDockWidget::visibilityChanged, m_predictions, &PredictionsPanel::setShown);
    // An opened GPT-2 or BERT shows what it predicts first.
    connect(m_controller, &SessionController::sessionChanged, this, [this, predictions] {
        const QString folder = QString::fromStdString(m_controller->session().model_folder);
        if (folder != m_shownModelFolder && !folder.isEmpty()) predictions->raise();
        m_shownModelFolder = folder;
    });
    model->raise();
    m_viewDocks = {{"heads", heads},       {"lines", lines},     {"positional", positions}, {"weights", weights},
                   {"explain", explain},   {"compare", compare}, {"cost", cost},            {"mistakes", mistakes},
                   {"predictions", predictions}, {"online_softmax", online},
                   {"logit_lens", lens}, {"logit_attribution", attribution}};
    connect(m_lessons, &LessonPanel::viewRequested, this, &MainWindow::showLessonView);
    connect(m_lessons, &LessonPanel::mistakeRequested, m_mistakes, &MistakesView::showMistake);
    // Views behind another tab skip refreshing until they are shown. They start hidden: a dock that
    // is never shown (behind another tab, or outside the workspace) never says it is hidden, and a
    // 1024-token trace would refresh the Mistakes and Positions views nobody sees (45 MB).
    m_predictions->setShown(false), m_heads->setShown(false), m_lines->setShown(false), m_positional->setShown(false);
    m_weights->setShown(false), m_compare->setShown(false), m_mistakes->setShown(false), m_cost->setShown(false);
    m_onlineSoftmax->setShown(false), m_lens->setShown(false), m_attribution->setShown(false);
    connect(heads, &QDockWidget::visibilityChanged, m_heads, &HeadsView::setShown);
    connect(lines, &QDockWidget::visibilityChanged, m_lines, &LinesView::setShown);
    connect(positions, &QDockWidget::visibilityChanged, m_positional, &PositionalPanel::setShown);
    connect(weights, &QDockWidget::visibilityChanged, m_weights, &WeightsEditor::setShown);
    connect(compare, &QDockWidget::visibilityChanged, m_compare, &CompareView::setShown);
    connect(mistakes, &QDockWidget::visibilityChanged, m_mistakes, &MistakesView::setShown);
    connect(cost, &QDockWidget::visibilityChanged, m_cost, &CostView::setShown);
    connect(online, &QDockWidget::visibilityChanged, m_onlineSoftmax, &OnlineSoftmaxView::setShown);
    connect(lens, &QDockWidget::visibilityChanged, m_lens, &LogitLensView::setShown);
    connect(attribution, &QDockWidget::visibilityChanged, m_attribution, &LogitAttributionView::setShown);
    tabifyDockWidget(heads, lines);
    tabifyDockWidget(lines, positions);
    tabifyDockWidget(positions, weights);
    tabifyDockWidget(weights, compare);
    tabifyDockWidget(compare, mistakes);
    tabifyDockWidget(mistakes, cost);
    tabifyDockWidget(cost, online);
    tabifyDockWidget(online, lens);
    tabifyDockWidget(lens, attribution);
    online->hide();  // in no workspace: a lesson or the Learn menu brings these up
    lens->hide();
    attribution->hide();
    createTrainingDock(lens);
    heads->raise();
    resizeDocks({explain, heads}, {260, 600}, Qt::Vertical);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open session…"), QKeySequence::Open, this, &MainWindow::openSession);
    open->setToolTip(tr("Open a saved session (.attn.json)"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    file->addAction(tr("&Save session"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save session &as…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addSeparator();
    file->addAction(tr("Open &weights (.safetensors)…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    &MainWindow::openWeights);
    auto* openModel = file->addAction(tr("Open &model (GPT-2, BERT)…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this,
                                      &MainWindow::openModel);
    openModel->setToolTip(tr("Open a Hugging Face model folder: config.json, model.safetensors and the tokenizer files "
                             "(you can also drop the folder on the window)"));
    file->addSeparator();
    auto* exports = new ExportMenu(m_controller, {m_lines->plot(), m_positional->curves()}, [this] {
        FigureStyle style;
        style.colorMap = m_colorMap;
        style.showValues = m_showValues->isChecked();
        return style;
    }, this);
    connect(exports, &ExportMenu::exported, this, [this](const QString& message) { statusBar()->showMessage(message, 5000); });
    file->addMenu(exports->menu());
    addAction(exports->copyAction());
    addModelExportAction(file);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_undo);
    edit->addAction(m_redo);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    QMenu* maps = m_viewMenu->addMenu(tr("&Colour map"));
    maps->addActions(m_colorMaps->actions());
    m_viewMenu->addAction(m_showValues);
    // Added to the window too, so their keys work while presentation mode hides the menus.
    addAction(m_viewMenu->addAction(tr("Zoom &in"), QKeySequence::ZoomIn, this, [this] { setZoom(currentZoom() * 1.15); }));
    addAction(m_viewMenu->addAction(tr("Zoom &out"), QKeySequence::ZoomOut, this, [this] { setZoom(currentZoom() / 1.15); }));
    addAction(m_viewMenu->addAction(tr("&Normal size"), QKeySequence(Qt::CTRL | Qt::Key_0), this, [this] { setZoom(1.0); }));
    m_viewMenu->addAction(m_dark);
    m_viewMenu->addSeparator();
    QMenu* spaces = m_viewMenu->addMenu(tr("&Workspace"));
    spaces->addActions(m_workspaces->actions()->actions());
    menuBar()->setCornerWidget(m_workspaces->createSwitcher(menuBar()), Qt::TopRightCorner);
    for (QDockWidget* d : findChildren<QDockWidget*>()) m_viewMenu->addAction(d->toggleViewAction());

    addTeachingViewActions(m_viewMenu);

    QMenu* step = menuBar()->addMenu(tr("&Step"));
    step->addActions({m_back, m_over, m_into, m_out, m_play});

    createLearnMenu();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&About Attention Lab"), this, [this] {
        QMessageBox::about(this, tr("About Attention Lab"),
                           tr("<h3>Attention Lab %1</h3><p>Transformer attention, computed step by step, with the same "
                              "numbers as PyTorch's nn.Transformer.</p>")
                               .arg(kVersion));
    });
    rebuildRecentMenu();
}

void MainWindow::showShortcuts() {
    QMessageBox::information(this, tr("Keyboard shortcuts"),
                             tr("<table cellpadding=3>"
                                "<tr><td><b>→</b></td><td>next stage</td></tr>"
                                "<tr><td><b>←</b></td><td>previous stage</td></tr>"
                                "<tr><td><b>↓</b></td><td>step into: next cell (softmax: next row)</td></tr>"
                                "<tr><td><b>↑</b></td><td>step out</td></tr>"
                                "<tr><td><b>Space</b></td><td>play / pause</td></tr>"
                                "<tr><td><b>Ctrl+1…9</b></td><td>head 1…9</td></tr>"
                                "<tr><td><b>V</b></td><td>values in cells</td></tr>"
                                "<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>undo / redo</td></tr>"
                                "<tr><td><b>Ctrl+ + / Ctrl+ −</b></td><td>zoom</td></tr>"
                                "<tr><td><b>Page Down / Page Up</b></td><td>next / previous lesson step</td></tr>"
                                "<tr><td><b>Ctrl+P</b></td><td>pin the trace for comparison</td></tr>"
                                "<tr><td><b>Alt+1…4</b></td><td>workspaces: Learn, Explore, Train, Model</td></tr>"
                                "<tr><td><b>F5</b></td><td>presentation mode (Esc leaves)</td></tr></table>"));
}

void MainWindow::setColorMap(ColorMap map) {
    m_colorMap = map;
    m_stageView->setSequentialColorMap(map);
    for (QAction* a : m_colorMaps->actions()) a->setChecked(a->data().toString() == colorMapId(map));
}

namespace {

// A standard icon drawn in `color`: Fusion's media and arrow icons are black, which the dark
// palette made nearly invisible on its dark toolbar.
QIcon tintedIcon(const QStyle* style, QStyle::StandardPixmap which, const QColor& color) {
    const QIcon source = style->standardIcon(which);
    QIcon out;
    for (int size : {16, 24, 32, 48}) {
        QPixmap pixmap = source.pixmap(size);
        QPainter painter(&pixmap);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(pixmap.rect(), color);
        painter.end();
        out.addPixmap(pixmap);
    }
    return out;
}

}  // namespace

void MainWindow::refreshIcons() {
    const QColor color = palette().color(QPalette::ButtonText);
    for (auto it = m_iconOf.cbegin(); it != m_iconOf.cend(); ++it) it.key()->setIcon(tintedIcon(style(), it.value(), color));
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) refreshIcons();
}

void MainWindow::setDarkPalette(bool dark) {
    QPalette p = QApplication::style()->standardPalette();
    if (dark) {
        p.setColor(QPalette::Window, QColor(37, 37, 38));
        p.setColor(QPalette::WindowText, QColor(230, 230, 230));
        p.setColor(QPalette::Base, QColor(30, 30, 30));
        p.setColor(QPalette::AlternateBase, QColor(45, 45, 48));
        p.setColor(QPalette::Text, QColor(230, 230, 230));
        p.setColor(QPalette::Button, QColor(50, 50, 52));
        p.setColor(QPalette::ButtonText, QColor(230, 230, 230));
        p.setColor(QPalette::ToolTipBase, QColor(50, 50, 52));
        p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
        p.setColor(QPalette::Highlight, QColor(255, 140, 0));
        p.setColor(QPalette::HighlightedText, Qt::black);
        p.setColor(QPalette::PlaceholderText, QColor(165, 165, 165));  // "Find token (Ctrl+F)" on the dark field
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(QPalette::Disabled, role, QColor(125, 125, 125));
    }
    QApplication::setPalette(p);
    refreshIcons();
}

void MainWindow::showEvent(QShowEvent* event) {
    QMainWindow::showEvent(event);
    showWholeTabTitles();  // the dock tab bars exist once the docks are laid out
    if (m_placed) return;
    // First shown: the window manager's frame is known now; keep frame and all on the screen.
    m_placed = true;
    const QRect room = screen() ? screen()->availableGeometry() : QRect();
    if (room.isEmpty() || room.contains(frameGeometry())) return;
    const QSize frame = frameGeometry().size() - size();
    resize(size().boundedTo(room.size() - frame));
    move(std::clamp(x(), room.left(), std::max(room.left(), room.right() - frameGeometry().width() + 1)),
         std::clamp(y(), room.top(), std::max(room.top(), room.bottom() - frameGeometry().height() + 1)));
}

// Tabs of stacked docks keep their whole titles and scroll when there are many, instead of
// eliding them to "He…" and "Mista…" on a projector's narrow screen.
void MainWindow::showWholeTabTitles() {
    for (QTabBar* tabs : findChildren<QTabBar*>()) {
        tabs->setElideMode(Qt::ElideNone);
        tabs->setUsesScrollButtons(true);
    }
}

QSize MainWindow::availableSize() const {
    const QScreen* shown = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!shown) return {1600, 1000};
    // The frame (title bar, borders) is added by the window manager around the client area.
    const QSize frame = frameGeometry().size() - geometry().size();
    return shown->availableGeometry().size() - frame;
}

void MainWindow::loadPreferences() {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    // A layout saved before the workspaces (every view a tab) is not restored: the workspace is.
    const QString workspace = settings.value("view/workspace", "explore").toString();
    if (restoreState(settings.value("window/state").toByteArray(), kLayoutVersion)) m_workspaces->restoreCurrent(workspace);
    else m_workspaces->setCurrent(workspace);
    // Saved on a bigger screen (the teacher's desk, then the projector): back within this one.
    if (!size().boundedTo(availableSize()).isEmpty() && size() != size().boundedTo(availableSize()))
        resize(size().boundedTo(availableSize()));
    setColorMap(colorMapFromName(settings.value("view/colorMap", "viridis").toString()));
    m_showValues->setChecked(settings.value("view/showValues", true).toBool());
    m_dark->setChecked(settings.value("view/dark", false).toBool());
    setZoom(settings.value("view/zoom", 1.0).toDouble());
    m_strip->speedSlider()->setValue(settings.value("step/speed", 5).toInt());
    m_recent = settings.value("files/recent").toStringList();
    rebuildRecentMenu();
}

void MainWindow::savePreferences() const {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState(kLayoutVersion));
    settings.setValue("view/colorMap", colorMapId(m_colorMap));
    settings.setValue("view/showValues", m_showValues->isChecked());
    settings.setValue("view/dark", m_dark->isChecked());
    settings.setValue("view/zoom", m_zoom);
    settings.setValue("step/speed", m_strip->speedSlider()->value());
    settings.setValue("files/recent", m_recent);
}

void MainWindow::updateTitle() {
    const QString name = m_path.isEmpty() ? tr("Untitled session") : QFileInfo(m_path).fileName();
    setWindowTitle(tr("%1[*] — Attention Lab").arg(name));
    setWindowModified(m_controller->isModified());
}

void MainWindow::updateStatus() {
    const auto trace = m_controller->trace();
    QString text;
    const QString sizeError = m_controller->errors().value("size");
    if (!sizeError.isEmpty()) text = "⚠ " + sizeError;
    else if (!m_controller->errors().isEmpty()) text = tr("⚠ Fix the highlighted input; showing the last good computation");
    else if (trace) text = tr("%n stage(s) computed", nullptr, static_cast<int>(trace->stages().size()));
    if (trace && !trace->warnings.empty()) {
        text += tr("   •   %n warning(s): hover for details", nullptr, static_cast<int>(trace->warnings.size()));
        QStringList lines;
        for (const auto& w : trace->warnings) lines << QString::fromStdString(w);
        m_statusText->setToolTip(lines.join("\n"));
    } else {
        m_statusText->setToolTip(QString());
    }
    m_statusText->setText(text);
}

}  // namespace attn::ui
