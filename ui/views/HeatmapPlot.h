#pragma once

// A rows × columns grid of values drawn as discrete cells (no interpolation) with step-labelled
// axes, a title and a colour scale. The row and matrix attention views are built on it.

#include "display/ColorRange.h"
#include "colour/Colormap.h"

#include <qcustomplot.h>

#include <QStringList>

#include <vector>

namespace studio {

class StepAxisTicker;

class HeatmapPlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit HeatmapPlot(QWidget* parent = nullptr);
    // QCustomPlot asks for the width of its longest title; a long one (two model names in a
    // difference) would then widen every view beside it. A heatmap can draw in little room.
    QSize minimumSizeHint() const override;

    // values row-major, rows × columns; row 0 is drawn at the top. A grid of a new size is shown
    // whole; one of the same size (the next epoch, the next keystroke) keeps the zoom and pan.
    void setGrid(int rows, int columns, const std::vector<double>& values);
    void clearGrid();
    // Labels, one per column / row (else step numbers), and the axis titles.
    void setColumnAxis(const QString& title, const QStringList& labels = {});
    void setRowAxis(const QString& title, const QStringList& labels = {});
    // A single row needs no vertical axis: hide it and keep the strip short.
    void setRowAxisVisible(bool visible);
    void setTitle(const QString& title);
    QString title() const;
    void setValueLabel(const QString& label);  // beside the colour scale

    void setColormap(ColormapId id);
    ColormapId colormap() const { return m_colormap.id(); }
    void setColorRange(const ColorRange& range);
    ColorRange colorRange() const { return m_colorRange; }
    ValueBounds valueBounds() const { return m_bounds; }  // what the colour scale spans now

    int rowCount() const { return m_rows; }
    int columnCount() const { return m_columns; }
    double valueAt(int row, int column) const;

    QCPColorMap* colorMap() const { return m_map; }
    QCPColorScale* colorScale() const { return m_scale; }

    // Show the whole grid again (after zooming or panning).
    void resetView();

    // The column (row) under a point of the widget, or -1 (outside the grid).
    int columnAt(const QPoint& position) const;
    int rowAt(const QPoint& position) const;
    // Outlines column `column` (the step chosen in any view); -1: none.
    void markColumn(int column);
    int markedColumn() const { return m_markedColumn; }

Q_SIGNALS:
    // The colour bounds changed (new data under an automatic range, or a new fixed range).
    void valueBoundsChanged(const studio::ValueBounds& bounds);
    // A click (not a drag) on a cell of the grid.
    void cellClicked(int row, int column);

protected:
    bool event(QEvent* event) override;
    void updateLayout() override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void applyBounds();
    QString cellToolTip(const QPoint& position) const;

    QCPTextElement* m_title = nullptr;
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QString m_valueLabel;  // the scale's name, shown when the scale is tall enough for it
    bool m_scaleRoomy = true;
    QSharedPointer<StepAxisTicker> m_columnTicker;
    QSharedPointer<StepAxisTicker> m_rowTicker;
    Colormap m_colormap;
    ColorRange m_colorRange;
    ValueBounds m_bounds;
    std::vector<double> m_values;
    QStringList m_columnLabels;  // whole, for tooltips (the axes shorten long ones)
    QStringList m_rowLabels;
    int m_rows = 0;
    int m_columns = 0;
    int m_markedColumn = -1;
    QCPItemRect* m_mark = nullptr;
    QPoint m_pressedAt;
};

} // namespace studio
