#pragma once

// Plots that sit in a scrolling page (the models side by side) let the mouse wheel scroll the
// page, as every other part of it does; Ctrl+wheel zooms the plot. Without this, a wheel turned
// over a heatmap while scrolling past it zoomed the map away instead.

class QCustomPlot;

namespace studio {

void zoomOnlyWithCtrl(QCustomPlot* plot);

} // namespace studio
