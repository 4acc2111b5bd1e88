// The built-in examples (resources/presets/*.json, session files compiled in).
#pragma once

#include "io/session.h"

#include <QString>
#include <QVector>

namespace attn::ui {

struct Preset {
    QString id;    // file name without .json
    QString name;  // translated
    QString description;
};

QVector<Preset> presets();
// Throws attn::Error if the resource is missing or malformed (a build error).
Session loadPreset(const QString& id);

}  // namespace attn::ui
