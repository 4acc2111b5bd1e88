#include "export/export_dialog.h"

#include "controller/session_controller.h"
#include "engine/trace.h"
#include "views/stage_matrix.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace attn::ui {

ExportMenu::ExportMenu(SessionController* controller, Views views, std::function<FigureStyle()> currentStyle, QWidget* parent)
    : QObject(parent), m_controller(controller), m_views(views), m_style(std::move(currentStyle)), m_parent(parent),
      m_menu(new QMenu(tr("&Export"), parent)) {
    m_menu->setToolTipsVisible(true);
    auto add = [this](const QString& text, const QKeySequence& key, const QString& tip, auto slot) {
        QAction* a = m_menu->addAction(text, key, this, slot);
        a->setToolTip(tip);
        return a;
    };
    add(tr("&Stage view…"), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("The current stage as PNG, SVG or PDF, or its numbers as CSV, NPY or JSON"), &ExportMenu::exportStageView);
    add(tr("&Heads grid…"), QKeySequence(), tr("Every layer and head in one image"), &ExportMenu::exportHeads);
    add(tr("&All heads into a folder…"), QKeySequence(), tr("One file per layer and head, plus the grid"),
        &ExportMenu::exportAllHeads);
    add(tr("&Lines view…"), QKeySequence(), tr("The lines view as PNG, SVG or PDF"),
        [this] { exportPlotView(m_views.lines, "lines"); });
    add(tr("P&ositions view…"), QKeySequence(), tr("The positional encoding and its position similarity as PNG, SVG or PDF"),
        &ExportMenu::exportPositionsView);
    add(tr("Positions &curves…"), QKeySequence(), tr("The positional-encoding curves as PNG, SVG or PDF"),
        [this] { exportPlotView(m_views.positionCurves, "positions-curves"); });
    m_menu->addSeparator();
    m_copy = add(tr("&Copy stage view as image"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                 tr("Put the current stage figure on the clipboard"), &ExportMenu::copyView);
}

std::optional<ExportOptions> ExportMenu::askOptions(const QString& path, bool imageOnly, bool figure, const QString& caption,
                                                    const Trace* grid) {
    const auto format = imageFormatForPath(path);
    ExportOptions options;
    options.style = m_style();
    if (!format && !imageOnly) return options;  // data formats need no options
    QSettings settings;
    QDialog dialog(m_parent);
    dialog.setWindowTitle(tr("Export options"));
    auto* form = new QFormLayout(&dialog);
    auto* width = new QComboBox;
    width->setEditable(true);
    width->addItem(tr("natural size"), QString());
    width->addItem(tr("3.3in (one column)"), QStringLiteral("3.3in"));
    width->addItem(tr("7in (full page width)"), QStringLiteral("7in"));
    width->setCurrentText(settings.value("export/width", tr("natural size")).toString());
    width->setToolTip(tr("The printed width, the same for PNG, SVG and PDF: a number with in, cm, mm or pt"));
    auto* widthError = new QLabel;
    widthError->setStyleSheet(QStringLiteral("color: #b00020"));
    widthError->setWordWrap(true);
    widthError->hide();
    auto* dpi = new QSpinBox;
    dpi->setRange(72, 1200);
    dpi->setSingleStep(50);
    dpi->setSuffix(tr(" dpi"));
    dpi->setValue(settings.value("export/dpi", 300).toInt());
    dpi->setToolTip(tr("PNG only: pixels per inch of the printed width (300 for print, 150 for slides)"));
    dpi->setEnabled(format == ImageFormat::Png);
    auto* font = new QDoubleSpinBox;
    font->setRange(4, 24);
    font->setSingleStep(0.5);
    font->setSuffix(tr(" pt"));
    font->setValue(settings.value("export/fontPt", 8.0).toDouble());
    font->setToolTip(tr("Size of the token labels in points at the printed size (8–9 pt stay legible in print)"));
    auto* labels = new QComboBox;
    labels->addItem(tr("every one that fits"), QStringLiteral("auto"));
    labels->addItem(tr("all (smaller when needed)"), QStringLiteral("all"));
    labels->addItem(tr("none"), QStringLiteral("none"));
    labels->setCurrentIndex(std::max(0, labels->findData(settings.value("export/labels", "auto"))));
    auto* transparent = new QCheckBox;
    transparent->setChecked(settings.value("export/transparent", false).toBool());
    transparent->setToolTip(tr("No background, for slides with their own"));
    auto* values = new QCheckBox;
    values->setChecked(options.style.showValues);
    values->setToolTip(tr("Write each number in its cell when it fits"));
    auto* title = new QLineEdit(caption);
    title->setToolTip(tr("The figure's caption; leave it empty for none"));
    title->setClearButtonEnabled(true);
    if (figure && !caption.isEmpty()) form->addRow(tr("Title:"), title);
    if (figure) {
        form->addRow(tr("Width:"), width);
        form->addRow(QString(), widthError);
    }
    form->addRow(tr("Resolution (PNG):"), dpi);
    if (figure) {
        form->addRow(tr("Font size:"), font);
        form->addRow(tr("Token labels:"), labels);
    }
    form->addRow(tr("Transparent background:"), transparent);
    if (figure) form->addRow(tr("Values in cells:"), values);
    // The heads grid: which layers (rows) and heads (columns), "0-3,11"; empty for all.
    const HeadsGridShape shape = grid ? headsGridShape(*grid) : HeadsGridShape{};
    const int gridBlocks = shape.blocks, gridHeads = shape.heads;
    auto* layers = new QLineEdit;
    auto* heads = new QLineEdit;
    auto* gridError = new QLabel;
    gridError->setStyleSheet(QStringLiteral("color: #b00020"));
    gridError->setWordWrap(true);
    gridError->hide();
    if (grid) {
        layers->setObjectName("gridLayers");
        heads->setObjectName("gridHeads");
        layers->setPlaceholderText(tr("all %1 (e.g. 0-3,11)").arg(gridBlocks));
        heads->setPlaceholderText(tr("all %1 (e.g. 0,5)").arg(gridHeads));
        layers->setToolTip(tr("The layers to draw, one row each: numbers and ranges such as 0-3,11; empty for all"));
        heads->setToolTip(tr("The heads to draw, one column each: numbers and ranges such as 0,5; empty for all. Fewer heads "
                             "make each larger at a journal's column width"));
        form->addRow(tr("Layers:"), layers);
        form->addRow(tr("Heads:"), heads);
        form->addRow(QString(), gridError);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    auto gridSelection = [=](QString* error) {
        HeadsGridSelection selection;
        selection.blocks = parseIndexList(layers->text(), gridBlocks, tr("Layers"), error);
        if (error->isEmpty()) selection.heads = parseIndexList(heads->text(), gridHeads, tr("Heads"), error);
        return selection;
    };
    // The width as typed or chosen: points, 0 for the natural size, -1 when it is not a length.
    auto widthPt = [width, widthError] {
        const int chosen = width->findText(width->currentText());
        const QString text = chosen >= 0 ? width->itemData(chosen).toString() : width->currentText();
        if (text.isEmpty()) return 0.0;
        QString error;
        const double pt = parseLength(text, &error);
        widthError->setText(error);
        return pt > 0 ? pt : -1.0;
    };
    auto check = [=] {
        const bool widthOk = !figure || widthPt() >= 0;
        widthError->setVisible(!widthOk);
        QString error;
        if (grid) gridSelection(&error);
        gridError->setText(error);
        gridError->setVisible(!error.isEmpty());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(widthOk && error.isEmpty());
    };
    connect(width, &QComboBox::currentTextChanged, &dialog, check);
    connect(layers, &QLineEdit::textChanged, &dialog, check);
    connect(heads, &QLineEdit::textChanged, &dialog, check);
    check();
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    options.dpi = dpi->value();
    if (figure && !caption.isEmpty()) options.title = title->text();
    options.style.widthPt = figure ? std::max(0.0, widthPt()) : 0;
    options.style.fontPt = font->value();
    options.style.labels = *labelModeFromName(labels->currentData().toString());
    options.style.transparent = transparent->isChecked();
    options.style.showValues = values->isChecked();
    if (grid) {
        QString error;
        options.grid = gridSelection(&error);
    }
    settings.setValue("export/dpi", options.dpi);
    settings.setValue("export/fontPt", options.style.fontPt);
    settings.setValue("export/labels", labels->currentData());
    settings.setValue("export/transparent", options.style.transparent);
    if (figure) settings.setValue("export/width", width->currentText());
    return options;
}

QString ExportMenu::askImagePath(const QString& title, const QString& name) {
    QSettings settings;
    const QString folder = settings.value("export/folder").toString();
    const QString path = QFileDialog::getSaveFileName(m_parent, title, QDir(folder).filePath(name + ".png"),
                                                      tr("PNG image (*.png);;SVG vector image (*.svg);;PDF (*.pdf)"));
    if (!path.isEmpty()) settings.setValue("export/folder", QFileInfo(path).absolutePath());
    return path;
}

void ExportMenu::report(const QString& error, const QString& done) {
    if (!error.isEmpty()) QMessageBox::warning(m_parent, tr("Export failed"), error);
    else emit exported(done);
}

void ExportMenu::exportStageView() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    const QString stage = m_controller->currentStage();
    const QString suggested = stage + (trace->find(stage.toStdString())->rank() == 3
                                           ? QStringLiteral(".head%1").arg(m_controller->currentHead())
                                           : QString());
    QSettings settings;
    const QString path = QFileDialog::getSaveFileName(
        m_parent, tr("Export stage"), QDir(settings.value("export/folder").toString()).filePath(suggested + ".png"),
        tr("PNG image (*.png);;SVG vector image (*.svg);;PDF (*.pdf);;CSV table (*.csv);;NumPy array (*.npy);;JSON (*.json)"));
    if (path.isEmpty()) return;
    settings.setValue("export/folder", QFileInfo(path).absolutePath());
    const auto options = askOptions(path, false, true, figureTitleFor(*trace->find(stage.toStdString()), m_controller->currentHead()));
    if (!options) return;
    report(attn::ui::exportStage(*trace, stage, m_controller->currentHead(), path, *options), tr("Exported %1").arg(path));
}

void ExportMenu::exportHeads() {
    const auto trace = m_controller->trace();
    const QString path = askImagePath(tr("Export heads grid"), "heads");
    if (!trace || path.isEmpty()) return;
    const auto options = askOptions(path, true, true, {}, trace.get());
    if (options) report(exportHeadsGrid(*trace, path, *options), tr("Exported %1").arg(path));
}

void ExportMenu::exportAllHeads() {
    const auto trace = m_controller->trace();
    const QString folder = QFileDialog::getExistingDirectory(m_parent, tr("Export every head into…"));
    if (!trace || folder.isEmpty()) return;
    QStringList formats{"png", "svg", "pdf", "csv", "npy", "json"};
    QDialog dialog(m_parent);
    dialog.setWindowTitle(tr("Format"));
    auto* form = new QFormLayout(&dialog);
    auto* combo = new QComboBox;
    combo->addItems(formats);
    combo->setToolTip(tr("Images also get a grid of all heads (all-heads.<format>)"));
    form->addRow(tr("Format:"), combo);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString extension = combo->currentText();
    const auto options = askOptions("x." + extension, false);
    if (!options) return;
    int written = 0;
    const QString error = attn::ui::exportAllHeads(*trace, folder, extension, *options, &written);
    report(error, tr("Wrote %1 files to %2").arg(written).arg(folder));
}

void ExportMenu::exportPlotView(QCustomPlot* plot, const QString& name) {
    const QString path = askImagePath(tr("Export view"), name);
    if (path.isEmpty()) return;
    const auto options = askOptions(path, true, false);
    if (options) report(exportPlot(plot, path, *options), tr("Exported %1").arg(path));
}

void ExportMenu::exportPositionsView() {
    const auto model = m_controller->model();
    const auto trace = m_controller->trace();
    const QString path = askImagePath(tr("Export positions view"), "positions");
    if (!model || !trace || path.isEmpty()) return;
    const auto options = askOptions(path, true);
    if (!options) return;
    // The same number of positions as the Positions dock shows.
    const int T = static_cast<int>(std::min<int64_t>(std::max<int64_t>(static_cast<int64_t>(trace->src_tokens.size()), 32),
                                                     model->config.max_len));
    report(exportPositions(*model, T, path, *options), tr("Exported %1").arg(path));
}

void ExportMenu::copyView() {
    const auto trace = m_controller->trace();
    if (!trace) return;
    ExportOptions options;
    options.style = m_style();
    options.dpi = 192;  // for slides and documents pasted on screen
    QApplication::clipboard()->setImage(stageImage(*trace, m_controller->currentStage(), m_controller->currentHead(), options));
    emit exported(tr("Copied the stage figure to the clipboard"));
}

}  // namespace attn::ui
