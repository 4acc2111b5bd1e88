// What the GUI tests that drive a whole MainWindow share: token labels as Qt strings, settings and
// autosaves of their own, and closing a window without the "unsaved changes" question.
#pragma once

#include "controller/session_controller.h"
#include "window/main_window.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <string>
#include <vector>

namespace attn::ui {

inline QStringList labelsOf(const std::vector<std::string>& tokens) {
    QStringList out;
    for (const auto& t : tokens) out << QString::fromStdString(t);
    return out;
}

// Settings under `organization`, cleared, and autosaves in `dataHome`: test programs that ctest
// runs at once never read each other's.
inline void useOwnSettings(const char* organization, const QTemporaryDir& dataHome) {
    QCoreApplication::setOrganizationName(organization);
    QSettings().clear();
    qputenv("XDG_DATA_HOME", dataHome.path().toUtf8());
}

inline void closeWindow(std::unique_ptr<MainWindow>& window) {
    window->controller()->markSaved();  // no "unsaved changes" question when closing
    window.reset();
}

}  // namespace attn::ui
