#include "explain/ExplanationRows.h"

#include "explain/ExplanationReport.h"
#include "views/HeatmapPlot.h"

#include <QVBoxLayout>

namespace studio {
namespace {

constexpr int kRowHeight = 80;     // a strip with its title; the last one also has the step labels
constexpr int kLabelsHeight = 44;

QString rangeText(const ValueBounds& bounds, bool signedValues)
{
    const auto value = [](double v) { return QString::number(v, 'g', 3); };
    return signedValues ? ExplanationRows::tr("%1 (blue) to %2 (red)").arg(value(bounds.lower), value(bounds.upper))
                        : ExplanationRows::tr("%1 (dark) to %2 (yellow)").arg(value(bounds.lower), value(bounds.upper));
}

} // namespace

ExplanationRows::ExplanationRows(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);
    m_layout->addStretch(1);
}

bool ExplanationRows::isSigned(AttributionMethod method)
{
    return method == AttributionMethod::GradientTimesInput || method == AttributionMethod::IntegratedGradients
           || method == AttributionMethod::Occlusion;
}

QSize ExplanationRows::sizeHint() const
{
    return {600, std::max(1, rowCount()) * kRowHeight + kLabelsHeight};
}

HeatmapPlot* ExplanationRows::addRow()
{
    auto* plot = new HeatmapPlot(this);
    plot->setRowAxisVisible(false);
    // Each strip has its own colour scale, stated in its title: a scale beside every strip would
    // leave them different widths (their tick labels differ), and the steps would not line up.
    plot->colorScale()->setVisible(false);
    plot->plotLayout()->take(plot->colorScale());
    plot->plotLayout()->simplify();
    plot->axisRect()->setAutoMargins(QCP::msTop | QCP::msBottom);
    plot->axisRect()->setMargins(QMargins(12, 0, 12, 0));
    connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this, plot] { followRange(plot); });
    connect(plot, &HeatmapPlot::cellClicked, this, [this](int, int column) {
        for (const Row& row : m_rows)
            row.plot->markColumn(column);
        Q_EMIT stepClicked(column);
    });
    m_layout->insertWidget(static_cast<int>(m_rows.size()), plot);
    return plot;
}

void ExplanationRows::followRange(HeatmapPlot* source)
{
    if (m_syncing)
        return;
    m_syncing = true;
    for (const Row& row : m_rows) {
        if (row.plot != source && row.plot->xAxis->range() != source->xAxis->range()) {
            row.plot->xAxis->setRange(source->xAxis->range());
            row.plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
    m_syncing = false;
}

void ExplanationRows::clear()
{
    for (const Row& row : m_rows)
        delete row.plot;
    m_rows.clear();
    updateGeometry();
}

void ExplanationRows::setExplanation(const Explanation& explanation)
{
    // Strips are kept when the methods match in order (the next stage adds to the end, the next
    // keystroke keeps them all), so zoom and pan survive; otherwise they are built anew.
    bool samePrefix = m_rows.size() <= explanation.methods.size();
    for (size_t i = 0; samePrefix && i < m_rows.size(); ++i)
        samePrefix = m_rows[i].method == explanation.methods[i].method;
    if (!samePrefix)
        clear();
    while (m_rows.size() < explanation.methods.size())
        m_rows.push_back({explanation.methods[m_rows.size()].method, addRow()});

    const int steps = explanation.steps.size();
    // A series' steps are labelled by their numbers 0, 1, …; a text's by its tokens.
    bool numbered = true;
    for (int t = 0; numbered && t < steps; ++t)
        numbered = explanation.steps.at(t) == QString::number(t);
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const MethodScores& entry = explanation.methods[i];
        HeatmapPlot* plot = m_rows[i].plot;
        const bool last = i + 1 == m_rows.size();
        const bool signedValues = isSigned(entry.method);
        plot->setColormap(signedValues ? ColormapId::BlueRed : ColormapId::Viridis);
        plot->setColorRange(signedValues ? ColorRange::symmetricAutomatic() : ColorRange::automatic());
        plot->setValueLabel(QString());
        const int columns = static_cast<int>(entry.perStep.size());
        plot->setColumnAxis(last ? (numbered ? tr("step") : tr("token")) : QString(), columns == steps ? explanation.steps : QStringList());
        plot->xAxis->setTickLabels(last);
        plot->xAxis->setTicks(last);
        plot->setGrid(1, columns, entry.perStep);
        plot->setTitle(ExplanationReport::methodName(entry.method) + QStringLiteral("  ·  ")
                       + rangeText(plot->valueBounds(), signedValues));
        plot->setMinimumHeight(last ? kRowHeight + kLabelsHeight : kRowHeight);
        plot->setMaximumHeight(last ? kRowHeight + kLabelsHeight : kRowHeight);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    if (!m_rows.empty())
        followRange(m_rows.front().plot);
    updateGeometry();
}

} // namespace studio
