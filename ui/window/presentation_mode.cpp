#include "window/presentation_mode.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QMouseEvent>
#include <QPainter>
#include <QSettings>
#include <QStatusBar>

namespace attn::ui {

PointerHighlight::PointerHighlight(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    hide();
}

bool PointerHighlight::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize) setGeometry(parentWidget()->rect());
    if (isVisible() && event->type() == QEvent::MouseMove) {
        const QPoint at = mapFromGlobal(static_cast<QMouseEvent*>(event)->globalPosition().toPoint());
        if (at != m_center) {
            const QRect old(m_center - QPoint(m_radius + 4, m_radius + 4), QSize(2 * m_radius + 8, 2 * m_radius + 8));
            m_center = at;
            update(old);
            update(QRect(m_center - QPoint(m_radius + 4, m_radius + 4), QSize(2 * m_radius + 8, 2 * m_radius + 8)));
        }
    }
    return false;
}

void PointerHighlight::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(QColor(255, 200, 0, 60));
    p.setPen(QPen(QColor(255, 140, 0, 220), 4));
    p.drawEllipse(m_center, m_radius, m_radius);
}

PresentationMode::PresentationMode(QMainWindow* window, std::function<void(double)> applyZoom,
                                   std::function<double()> normalZoom, std::function<QStringList()> notes)
    : QObject(window), m_window(window), m_applyZoom(std::move(applyZoom)), m_normalZoom(std::move(normalZoom)),
      m_notes(std::move(notes)), m_pointer(new PointerHighlight(window)) {
    QSettings settings;
    m_zoom = settings.value("presentation/zoom", 1.8).toDouble();
    m_highContrast = settings.value("presentation/highContrast", false).toBool();
    qApp->installEventFilter(m_pointer);
}

void PresentationMode::setActive(bool active) {
    if (active == m_active) return;
    m_active = active;
    if (active) {
        m_savedState = m_window->saveState();
        m_wasMaximized = m_window->isMaximized();
        const QStringList notes = m_notes ? m_notes() : QStringList();
        for (QDockWidget* dock : m_window->findChildren<QDockWidget*>()) {
            if (!notes.contains(dock->objectName())) {
                dock->hide();
                continue;
            }
            dock->show();
            dock->raise();
        }
        m_window->menuBar()->hide();
        m_window->statusBar()->hide();
        m_window->showFullScreen();
        m_applyZoom(m_zoom);
        m_pointer->setGeometry(m_window->rect());
        m_pointer->setRadius(static_cast<int>(28 * m_zoom));
        m_pointer->raise();
        m_pointer->show();
    } else {
        m_pointer->hide();
        m_window->menuBar()->show();
        m_window->statusBar()->show();
        if (m_wasMaximized) m_window->showMaximized();
        else m_window->showNormal();
        m_window->restoreState(m_savedState);
        m_applyZoom(m_normalZoom());
    }
    applyPalette();
    emit activeChanged(active);
}

void PresentationMode::setZoom(double zoom) {
    m_zoom = std::clamp(zoom, 1.0, 4.0);
    QSettings().setValue("presentation/zoom", m_zoom);
    if (m_active) {
        m_applyZoom(m_zoom);
        m_pointer->setRadius(static_cast<int>(28 * m_zoom));
    }
}

void PresentationMode::setHighContrast(bool on) {
    m_highContrast = on;
    QSettings().setValue("presentation/highContrast", on);
    applyPalette();
}

// Black on white with strong accents (or the palette the user had, outside presentation).
void PresentationMode::applyPalette() {
    if (m_active && m_highContrast) {
        if (!m_savedPalette) m_savedPalette = QApplication::palette();
        QPalette p;
        p.setColor(QPalette::Window, Qt::white);
        p.setColor(QPalette::WindowText, Qt::black);
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::Text, Qt::black);
        p.setColor(QPalette::Button, QColor(235, 235, 235));
        p.setColor(QPalette::ButtonText, Qt::black);
        p.setColor(QPalette::Highlight, QColor(0, 0, 160));
        p.setColor(QPalette::HighlightedText, Qt::white);
        QApplication::setPalette(p);
    } else if (m_savedPalette) {
        QApplication::setPalette(*m_savedPalette);
        m_savedPalette.reset();
    }
}

}  // namespace attn::ui
