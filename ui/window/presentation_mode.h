// Presentation mode for a classroom: full screen, only the live view and the
// step controls, large type (its own zoom, kept in preferences), an optional
// high-contrast palette, a pointer highlight that follows the mouse, and the
// keyboard (arrows, Space, Page Up/Down, Esc to leave).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <QPalette>

#include <functional>
#include <optional>

class QMainWindow;

namespace attn::ui {

// A translucent ring drawn over the window around the mouse pointer, so the
// back row sees what the teacher points at. Transparent to the mouse.
class PointerHighlight : public QWidget {
    Q_OBJECT
public:
    explicit PointerHighlight(QWidget* parent);
    void setRadius(int radius) { m_radius = radius; }
    QPoint center() const { return m_center; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    QPoint m_center{-1000, -1000};
    int m_radius = 48;
};

class PresentationMode : public QObject {
    Q_OBJECT
public:
    // applyZoom sets the window's type size (1.0 = normal). notes: the object names of the docks that
    // stay on screen as the teacher's script (Explain; the lesson while one is open).
    PresentationMode(QMainWindow* window, std::function<void(double)> applyZoom, std::function<double()> normalZoom,
                     std::function<QStringList()> notes = {});

    bool isActive() const { return m_active; }
    double zoom() const { return m_zoom; }
    bool highContrast() const { return m_highContrast; }
    PointerHighlight* pointer() const { return m_pointer; }

public slots:
    void setActive(bool active);
    void setZoom(double zoom);  // kept in preferences
    void setHighContrast(bool on);

signals:
    void activeChanged(bool active);

private:
    void applyPalette();

    QMainWindow* m_window;
    std::function<void(double)> m_applyZoom;
    std::function<double()> m_normalZoom;
    std::function<QStringList()> m_notes;
    PointerHighlight* m_pointer;
    bool m_active = false;
    bool m_highContrast = false;
    double m_zoom = 1.8;
    QByteArray m_savedState;
    std::optional<QPalette> m_savedPalette;  // the palette before high contrast
    bool m_wasMaximized = false;
};

}  // namespace attn::ui
