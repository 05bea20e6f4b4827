#include "views/HeatmapPlot.h"

#include "views/StepAxisTicker.h"
#include "views/WheelZoomNeedsCtrl.h"

#include <QHelpEvent>
#include <QToolTip>

#include <cmath>

namespace studio {
namespace {

// The coordinate range that puts cell i of n at coordinate i, each cell one unit wide. A single
// cell gets ±0.5 itself: QCPColorMap only widens by half a cell when there are two or more.
QCPRange cellCoordinates(int count)
{
    return count > 1 ? QCPRange(0.0, count - 1) : QCPRange(-0.5, 0.5);
}

QString labelOf(const QStringList& labels, int index)
{
    return index < labels.size() ? labels.at(index) : QString::number(index);
}

QCPRange fullView(int count)
{
    return QCPRange(-0.5, std::max(count, 1) - 0.5);
}

} // namespace

HeatmapPlot::HeatmapPlot(QWidget* parent)
    : QCustomPlot(parent)
{
    plotLayout()->insertRow(0);
    m_title = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    plotLayout()->addElement(0, 0, m_title);

    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(false);  // attention belongs to discrete steps: no blur across cells
    m_map->setTightBoundary(false);

    m_scale = new QCPColorScale(this);
    plotLayout()->addElement(1, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    // A one-row heatmap leaves the scale short: few ticks keep their labels from overlapping.
    m_scale->axis()->ticker()->setTickCount(3);
    m_map->setColorScale(m_scale);
    // Keep the colour scale exactly as tall as the grid.
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);

    m_columnTicker = QSharedPointer<StepAxisTicker>::create(xAxis);
    m_rowTicker = QSharedPointer<StepAxisTicker>::create(yAxis);
    xAxis->setTicker(m_columnTicker);
    yAxis->setTicker(m_rowTicker);
    yAxis->setRangeReversed(true);  // row 0 at the top, as a matrix is read
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
    }

    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    zoomOnlyWithCtrl(this);
    setColormap(ColormapId::Viridis);
    clearGrid();
}

void HeatmapPlot::setGrid(int rows, int columns, const std::vector<double>& values)
{
    if (rows <= 0 || columns <= 0 || values.size() != static_cast<size_t>(rows) * columns) {
        clearGrid();
        return;
    }
    const bool resized = rows != m_rows || columns != m_columns;
    m_rows = rows;
    m_columns = columns;
    m_values = values;
    // Fill a detached data object and swap it in: much faster than setCell on the live map.
    auto* cells = new QCPColorMapData(columns, rows, cellCoordinates(columns), cellCoordinates(rows));
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column)
            cells->setCell(column, row, values[static_cast<size_t>(row) * columns + column]);
    }
    m_map->setData(cells);  // takes ownership
    m_columnTicker->setSteps(columns, m_columnLabels);
    m_rowTicker->setSteps(rows, m_rowLabels);
    applyBounds();
    if (resized)
        resetView();
    else
        replot(rpQueuedReplot);
}

void HeatmapPlot::clearGrid()
{
    m_rows = 0;
    m_columns = 0;
    m_values.clear();
    m_map->data()->clear();
    m_columnTicker->setSteps(0);
    m_rowTicker->setSteps(0);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setColumnAxis(const QString& title, const QStringList& labels)
{
    xAxis->setLabel(title);
    m_columnLabels = labels;
    m_columnTicker->setSteps(m_columns, labels);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setRowAxis(const QString& title, const QStringList& labels)
{
    yAxis->setLabel(title);
    m_rowLabels = labels;
    m_rowTicker->setSteps(m_rows, labels);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setRowAxisVisible(bool visible)
{
    yAxis->setVisible(visible);
    axisRect()->setRangeDrag(visible ? Qt::Horizontal | Qt::Vertical : Qt::Horizontal);
    axisRect()->setRangeZoom(visible ? Qt::Horizontal | Qt::Vertical : Qt::Horizontal);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setTitle(const QString& title)
{
    m_title->setText(title);
    m_title->setVisible(!title.isEmpty());
    replot(rpQueuedReplot);
}

QString HeatmapPlot::title() const
{
    return m_title->text();
}

void HeatmapPlot::updateLayout()
{
    QCustomPlot::updateLayout();
    // A one-row map's scale is a few lines tall: three numbers would print over each other there,
    // and its name would be cut (the words' own colour bar above it carries both). Decided on the
    // height just laid out, on screen and in an exported figure alike; laid out again on a change.
    const bool roomy = m_scale->rect().height() >= 5 * fontMetrics().height();
    if (roomy == m_scaleRoomy)
        return;
    m_scaleRoomy = roomy;
    m_scale->axis()->ticker()->setTickCount(roomy ? 3 : 1);
    m_scale->axis()->setLabel(roomy ? m_valueLabel : QString());
    QCustomPlot::updateLayout();
}

void HeatmapPlot::setValueLabel(const QString& label)
{
    m_valueLabel = label;
    if (m_scaleRoomy)
        m_scale->axis()->setLabel(label);
    replot(rpQueuedReplot);
}

void HeatmapPlot::setColormap(ColormapId id)
{
    m_colormap = Colormap(id);
    m_map->setGradient(m_colormap.toGradient());
    replot(rpQueuedReplot);
}

void HeatmapPlot::setColorRange(const ColorRange& range)
{
    m_colorRange = range;
    applyBounds();
}

double HeatmapPlot::valueAt(int row, int column) const
{
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns)
        return std::nan("");
    return m_values[static_cast<size_t>(row) * m_columns + column];
}

void HeatmapPlot::resetView()
{
    xAxis->setRange(fullView(m_columns));
    yAxis->setRange(fullView(m_rows));
    replot(rpQueuedReplot);
}

void HeatmapPlot::applyBounds()
{
    const ValueBounds bounds = m_colorRange.resolve(m_values);
    m_map->setDataRange(QCPRange(bounds.lower, bounds.upper));
    replot(rpQueuedReplot);
    if (bounds.lower != m_bounds.lower || bounds.upper != m_bounds.upper) {
        m_bounds = bounds;
        Q_EMIT valueBoundsChanged(m_bounds);
    }
}

bool HeatmapPlot::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = cellToolTip(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QCustomPlot::event(event);
}

int HeatmapPlot::columnAt(const QPoint& position) const
{
    if (m_rows == 0 || !axisRect()->rect().contains(position))
        return -1;
    const int column = static_cast<int>(std::lround(xAxis->pixelToCoord(position.x())));
    return column >= 0 && column < m_columns ? column : -1;
}

int HeatmapPlot::rowAt(const QPoint& position) const
{
    if (m_rows == 0 || !axisRect()->rect().contains(position))
        return -1;
    const int row = static_cast<int>(std::lround(yAxis->pixelToCoord(position.y())));
    return row >= 0 && row < m_rows ? row : -1;
}

void HeatmapPlot::markColumn(int column)
{
    m_markedColumn = column;
    if (!m_mark) {
        m_mark = new QCPItemRect(this);
        m_mark->setPen(QPen(palette().color(QPalette::Highlight), 2.0));
        m_mark->setBrush(Qt::NoBrush);
        m_mark->setSelectable(false);
    }
    const bool shown = column >= 0 && column < m_columns && m_rows > 0;
    m_mark->setVisible(shown);
    if (shown) {
        m_mark->topLeft->setCoords(column - 0.5, -0.5);
        m_mark->bottomRight->setCoords(column + 0.5, m_rows - 0.5);
    }
    replot(QCustomPlot::rpQueuedReplot);
}

void HeatmapPlot::mousePressEvent(QMouseEvent* event)
{
    m_pressedAt = event->position().toPoint();
    QCustomPlot::mousePressEvent(event);
}

void HeatmapPlot::mouseReleaseEvent(QMouseEvent* event)
{
    QCustomPlot::mouseReleaseEvent(event);
    constexpr int kLargestClickMove = 4;  // further, the press was a drag (panning)
    const QPoint position = event->position().toPoint();
    if (event->button() == Qt::LeftButton && (position - m_pressedAt).manhattanLength() <= kLargestClickMove) {
        const int column = columnAt(position);
        const int row = rowAt(position);
        if (column >= 0 && row >= 0)
            Q_EMIT cellClicked(row, column);
    }
}

void HeatmapPlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    QCustomPlot::mouseDoubleClickEvent(event);
    resetView();
}

QString HeatmapPlot::cellToolTip(const QPoint& position) const
{
    if (m_rows == 0 || !axisRect()->rect().contains(position))
        return {};
    const int column = static_cast<int>(std::lround(xAxis->pixelToCoord(position.x())));
    const int row = static_cast<int>(std::lround(yAxis->pixelToCoord(position.y())));
    if (row < 0 || row >= m_rows || column < 0 || column >= m_columns)
        return {};
    QString text = xAxis->label() + QLatin1String(": ") + labelOf(m_columnLabels, column);
    if (yAxis->visible())
        text += QLatin1Char('\n') + yAxis->label() + QLatin1String(": ") + labelOf(m_rowLabels, row);
    text += QLatin1Char('\n') + tr("value: %1").arg(valueAt(row, column), 0, 'g', 6);
    return text;
}

QSize HeatmapPlot::minimumSizeHint() const
{
    constexpr int kSmallestWidth = 200;
    return {kSmallestWidth, QCustomPlot::minimumSizeHint().height()};
}

} // namespace studio
