// The File › Export menu: asks where and how (scale, transparency, font size,
// values in cells), then calls exporter.h. Errors are shown in a message box;
// success in the status bar.
#pragma once

#include "export/exporter.h"

#include <QObject>

#include <functional>
#include <optional>

class QAction;
class QMenu;
class QWidget;

namespace attn::ui {

class SessionController;

class ExportMenu : public QObject {
    Q_OBJECT
public:
    struct Views {
        QCustomPlot* lines;
        QCustomPlot* positionCurves;
    };
    ExportMenu(SessionController* controller, Views views, std::function<FigureStyle()> currentStyle, QWidget* parent);
    QMenu* menu() const { return m_menu; }
    QAction* copyAction() const { return m_copy; }

signals:
    void exported(const QString& message);

private:
    // figure: a heatmap figure (width, fonts, labels, values); false for plots drawn as on screen.
    // caption: one stage's default caption, offered for editing ("" = that figure has no caption field).
    // grid: the heads grid of this trace, whose layers and heads can be chosen.
    std::optional<ExportOptions> askOptions(const QString& path, bool imageOnly, bool figure = true, const QString& caption = {},
                                            const Trace* grid = nullptr);
    QString askImagePath(const QString& title, const QString& name);
    void report(const QString& error, const QString& done);
    void exportStageView();
    void exportHeads();
    void exportAllHeads();
    void exportPlotView(QCustomPlot* plot, const QString& name);
    void exportPositionsView();
    void copyView();

    SessionController* m_controller;
    Views m_views;
    std::function<FigureStyle()> m_style;
    QWidget* m_parent;
    QMenu* m_menu;
    QAction* m_copy;
};

}  // namespace attn::ui
