// What the GUI tests that drive a whole MainWindow share: token labels as Qt strings, settings and
// autosaves of their own, and closing a window without the "unsaved changes" question.
#pragma once

#include "controller/session_controller.h"
#include "engine/trace.h"
#include "window/main_window.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>

#include <cstring>
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

// Every stage of two traces the same: names, shapes and bits.
inline bool sameTrace(const Trace& a, const Trace& b) {
    if (a.stages().size() != b.stages().size()) return false;
    for (size_t i = 0; i < a.stages().size(); ++i) {
        const auto x_held = a.stages()[i].tensor(), y_held = b.stages()[i].tensor();
        const Tensor &x = *x_held, &y = *y_held;
        if (a.stages()[i].name != b.stages()[i].name || x.shape != y.shape ||
            std::memcmp(x.data.data(), y.data.data(), x.data.size() * sizeof(float)) != 0)
            return false;
    }
    return true;
}

inline void closeWindow(std::unique_ptr<MainWindow>& window) {
    window->controller()->markSaved();  // no "unsaved changes" question when closing
    window.reset();
}

}  // namespace attn::ui
