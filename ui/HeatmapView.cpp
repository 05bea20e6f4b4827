#include "HeatmapView.h"

#include "ColorControls.h"
#include "HeatmapPlot.h"

#include <QVBoxLayout>

namespace studio {

HeatmapView::HeatmapView(QWidget* parent)
    : QWidget(parent)
    , m_controls(new ColorControls(this))
    , m_plot(new HeatmapPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    layout->addWidget(m_plot, 1);

    connect(m_controls, &ColorControls::colormapChanged, m_plot, &HeatmapPlot::setColormap);
    connect(m_controls, &ColorControls::colorRangeChanged, m_plot, &HeatmapPlot::setColorRange);
    connect(m_plot, &HeatmapPlot::valueBoundsChanged, m_controls, &ColorControls::showResolvedBounds);
}

void HeatmapView::setColormap(ColormapId id)
{
    m_controls->setColormap(id);
    m_plot->setColormap(id);
}

void HeatmapView::setColorRange(const ColorRange& range)
{
    m_controls->setColorRange(range);
    m_plot->setColorRange(range);
}

} // namespace studio
