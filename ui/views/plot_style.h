// Colours of a QCustomPlot from the widget palette, so plots follow the
// light or dark palette like every other widget.
#pragma once

class QCustomPlot;
class QPalette;

namespace attn::ui {

void applyPlotPalette(QCustomPlot* plot, const QPalette& palette);

}  // namespace attn::ui
