#pragma once

// A HeatmapPlot under its ColorControls bar, kept in step both ways: the bar changes the plot,
// and code that sets a colormap or range on the view updates the bar. The attention row and
// matrix views derive from it and only decide what the grid and its labels are.

#include "ColorRange.h"
#include "Colormap.h"

#include <QWidget>

namespace studio {

class ColorControls;
class HeatmapPlot;

class HeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapView(QWidget* parent = nullptr);

    HeatmapPlot* plot() const { return m_plot; }  // for figure export and tests
    ColorControls* controls() const { return m_controls; }

    void setColormap(ColormapId id);
    void setColorRange(const ColorRange& range);

private:
    ColorControls* m_controls = nullptr;
    HeatmapPlot* m_plot = nullptr;
};

} // namespace studio
