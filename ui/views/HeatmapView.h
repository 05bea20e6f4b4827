#pragma once

// A HeatmapPlot under its ColorControls bar, kept in step both ways: the bar changes the plot,
// and code that sets a colormap or range on the view updates the bar. The attention row and
// matrix views derive from it and only decide what the grid and its labels are.

#include "display/AttentionMapMath.h"
#include "display/ColorRange.h"
#include "colour/Colormap.h"
#include "common/ValueTypes.h"

#include <QWidget>

#include <optional>

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

    // What the view draws; the row and matrix views decide the grid and its labels. An empty or
    // malformed map clears the view and puts the reason in the title.
    virtual void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt) = 0;
    // A − B with the diverging map and a range symmetric around zero. Returns (and shows) the
    // reason when the maps cannot be subtracted, else an empty string. The view keeps that
    // colormap and range afterwards: set them again before showing plain attention.
    QString setDifference(const AttentionMap& a, const AttentionMap& b, const QString& nameA, const QString& nameB,
                          std::optional<MatrixKind> kind = std::nullopt);

private:
    ColorControls* m_controls = nullptr;
    HeatmapPlot* m_plot = nullptr;
};

} // namespace studio
