#include "views/busy_overlay.h"

#include "controller/session_controller.h"

#include <QEvent>

namespace attn::ui {

BusyOverlay::BusyOverlay(SessionController* controller, QWidget* view) : QLabel(view), m_controller(controller) {
    setObjectName("busyOverlay");
    setAlignment(Qt::AlignCenter);
    setWordWrap(true);
    setAttribute(Qt::WA_TransparentForMouseEvents);
    // The window's own colour, mostly opaque: the old picture shows through, faded, in either palette.
    QColor veil = palette().color(QPalette::Window);
    veil.setAlpha(200);
    setStyleSheet(QStringLiteral("QLabel#busyOverlay { background: rgba(%1, %2, %3, %4); font-size: 14pt; }")
                      .arg(veil.red())
                      .arg(veil.green())
                      .arg(veil.blue())
                      .arg(veil.alpha()));
    view->installEventFilter(this);
    hide();
    connect(controller, &SessionController::busyChanged, this, &BusyOverlay::update);
    connect(controller, &SessionController::sessionChanged, this, &BusyOverlay::update);
    connect(controller, &SessionController::traceChanged, this, &BusyOverlay::update);
}

bool BusyOverlay::eventFilter(QObject* watched, QEvent* event) {
    if (watched == parentWidget() && event->type() == QEvent::Resize) setGeometry(parentWidget()->rect());
    return QLabel::eventFilter(watched, event);
}

void BusyOverlay::update() {
    const QString model = m_controller->computingAnotherModel();
    if (model.isEmpty()) {
        hide();
        return;
    }
    setText(tr("Computing %1…\nWhat is drawn here is still the previous model's.").arg(model));
    setGeometry(parentWidget()->rect());
    raise();
    show();
}

}  // namespace attn::ui
