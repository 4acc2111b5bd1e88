// The colour maps offered for heatmaps. Sequential maps are the perceptually
// uniform, colour-blind-safe matplotlib ones; the diverging map (ColorBrewer
// RdBu, blue for negative, red for positive) is centred on 0.
#pragma once

#include <QString>
#include <QStringList>

class QCPColorGradient;

namespace attn::ui {

enum class ColorMap { Viridis, Cividis, Magma, Grayscale, Diverging };

QStringList sequentialColorMapNames();   // translated, in enum order
ColorMap colorMapFromName(const QString& id);   // "viridis", "cividis", ...
QString colorMapId(ColorMap map);
QCPColorGradient gradientFor(ColorMap map);

}  // namespace attn::ui
