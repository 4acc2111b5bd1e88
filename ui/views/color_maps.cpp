#include "views/color_maps.h"

#include <qcustomplot.h>

#include <QCoreApplication>

namespace attn::ui {
namespace {

QCPColorGradient fromStops(std::initializer_list<const char*> hex) {
    QCPColorGradient g;
    g.clearColorStops();
    const int n = static_cast<int>(hex.size());
    int i = 0;
    for (const char* h : hex) g.setColorStopAt(static_cast<double>(i++) / (n - 1), QColor(h));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    g.setLevelCount(256);
    g.setNanHandling(QCPColorGradient::nhNanColor);
    g.setNanColor(QColor(190, 190, 190));  // masked (−∞) cells
    return g;
}

}  // namespace

QStringList sequentialColorMapNames() {
    return {QCoreApplication::translate("ColorMaps", "Viridis"), QCoreApplication::translate("ColorMaps", "Cividis"),
            QCoreApplication::translate("ColorMaps", "Magma"), QCoreApplication::translate("ColorMaps", "Grayscale")};
}

QString colorMapId(ColorMap map) {
    switch (map) {
        case ColorMap::Viridis: return "viridis";
        case ColorMap::Cividis: return "cividis";
        case ColorMap::Magma: return "magma";
        case ColorMap::Grayscale: return "grayscale";
        case ColorMap::Diverging: return "diverging";
    }
    return "viridis";
}

ColorMap colorMapFromName(const QString& id) {
    for (ColorMap m : {ColorMap::Viridis, ColorMap::Cividis, ColorMap::Magma, ColorMap::Grayscale, ColorMap::Diverging})
        if (colorMapId(m) == id.toLower()) return m;
    return ColorMap::Viridis;
}

QCPColorGradient gradientFor(ColorMap map) {
    switch (map) {
        case ColorMap::Viridis:
            return fromStops({"#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725"});
        case ColorMap::Cividis:
            return fromStops({"#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#fee838"});
        case ColorMap::Magma:
            return fromStops({"#000004", "#1c1044", "#4f127b", "#812581", "#b5367a", "#e55064", "#fb8761", "#fec287", "#fcfdbf"});
        case ColorMap::Grayscale:
            return fromStops({"#ffffff", "#000000"});
        case ColorMap::Diverging:
            return fromStops({"#053061", "#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582",
                              "#d6604d", "#b2182b", "#67001f"});
    }
    return fromStops({"#000000", "#ffffff"});
}

}  // namespace attn::ui
