#include "views/HeatmapView.h"

#include "colour/ColorControls.h"
#include "views/HeatmapPlot.h"

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

QString HeatmapView::setDifference(const AttentionMap& a, const AttentionMap& b, const QString& nameA,
                                   const QString& nameB, std::optional<MatrixKind> kind)
{
    QString problem;
    const std::optional<AttentionMap> difference = attentionDifference(a, b, &problem);
    if (!difference) {
        m_plot->clearGrid();
        m_plot->setTitle(problem);
        return problem;
    }
    setColormap(ColormapId::BlueRed);
    setColorRange(ColorRange::symmetricAutomatic());
    setAttention(*difference, kind);
    m_plot->setTitle(tr("%1 − %2: %3").arg(nameA, nameB, m_plot->title()));
    m_plot->setValueLabel(tr("difference"));
    return {};
}

} // namespace studio
