#include "explain/ExplanationRows.h"

#include "explain/ExplanationReport.h"
#include "views/HeatmapPlot.h"
#include "views/StepAxisTicker.h"

#include <QVBoxLayout>

#include <algorithm>

namespace studio {
namespace {

// Heights are those of the grids: each plot is then made as tall as its title and labels need
// around its grid (fitHeight), so a two-line title or tokens standing vertical do not squeeze it.
constexpr int kStripGrid = 34;          // a strip's one row of cells
constexpr int kFeatureRowHeight = 22;   // one feature: at least a line of its name and the ticker's gap
constexpr int kLargestMapGrid = 360;    // many features share this height rather than grow the figure
constexpr int kAroundGrid = 46;         // a first guess at a title and the space around a grid
constexpr int kLabelsHeight = 44;       // a first guess at one line of step labels and their title
constexpr int kSideMargin = 12;         // left and right of a strip's grid (no axis there)
constexpr int kTitleRoom = 16;          // a title narrower than the plot by less than this wraps

QString rangeText(const ValueBounds& bounds, bool signedValues)
{
    const auto value = [](double v) { return QString::number(v, 'g', 3); };
    return signedValues ? ExplanationRows::tr("%1 (blue) to %2 (red)").arg(value(bounds.lower), value(bounds.upper))
                        : ExplanationRows::tr("%1 (dark) to %2 (yellow)").arg(value(bounds.lower), value(bounds.upper));
}

int featureMapGrid(const HeatmapPlot* plot, int features)
{
    // The ticker names a row only when a line of text and its gap fit: every feature is named.
    const int perFeature = std::max(kFeatureRowHeight, QFontMetrics(plot->yAxis->tickLabelFont()).height() + 8);
    return std::min(kLargestMapGrid, std::max(features, 1) * perFeature);
}

void setFixedPlotHeight(HeatmapPlot* plot, int height)
{
    plot->setMinimumHeight(height);
    plot->setMaximumHeight(height);
}

// The method's name and its colour scale on one line when they fit the plot's width, else on two.
QString titleFor(const HeatmapPlot* plot, const QString& name, const QString& range)
{
    const QString oneLine = name + QStringLiteral("  ·  ") + range;
    QFont bold = plot->font();  // as HeatmapPlot draws its title
    bold.setBold(true);
    const int width = plot->viewport().width();
    return width <= 0 || QFontMetrics(bold).horizontalAdvance(oneLine) + kTitleRoom <= width ? oneLine
                                                                                            : name + QLatin1Char('\n') + range;
}

// How far an axis reaches out of the grid: its labels as its ticker draws them (shortened), the
// tick, the padding and the axis title. Across for a map's feature axis; down for a step axis
// whose crowded tokens stand vertical.
int axisDepth(const QCPAxis* axis, int count)
{
    const auto ticker = qSharedPointerDynamicCast<StepAxisTicker>(axis->ticker());
    const QFontMetrics labels(axis->tickLabelFont());
    int widest = 0;
    for (int i = 0; ticker && i < count; ++i)
        widest = std::max(widest, labels.horizontalAdvance(ticker->labelOf(i)));
    const int title = axis->label().isEmpty() ? 0 : axis->labelPadding() + QFontMetrics(axis->labelFont()).height();
    constexpr int kSlack = 6;  // QCustomPlot's own rounding around the labels
    return axis->padding() + axis->tickLengthOut() + axis->tickLabelPadding() + widest + title + kSlack;
}

// Features down, steps across: the map's rows are FeatureScores' columns.
std::vector<double> transposed(const FeatureScores& scores)
{
    const size_t steps = scores.steps();
    const auto features = static_cast<size_t>(scores.features);
    std::vector<double> values(steps * features);
    for (size_t t = 0; t < steps; ++t) {
        for (size_t f = 0; f < features; ++f)
            values[f * steps + t] = scores.at(t, f);
    }
    return values;
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
    int height = 0;
    forEachPlot([&](const HeatmapPlot* plot) { height += plot->minimumHeight(); });
    return {600, std::max(height, kAroundGrid + kStripGrid + kLabelsHeight)};
}

HeatmapPlot* ExplanationRows::addPlot(int layoutIndex)
{
    auto* plot = new HeatmapPlot(this);
    plot->setRowAxisVisible(false);
    // Each plot has its own colour scale, stated in its title: a scale beside every plot would
    // leave them different widths (their tick labels differ), and the steps would not line up.
    plot->colorScale()->setVisible(false);
    plot->plotLayout()->take(plot->colorScale());
    plot->plotLayout()->simplify();
    // The sides are set by alignColumns: the same for every plot, so step t is in one column.
    plot->axisRect()->setAutoMargins(QCP::msTop | QCP::msBottom);
    plot->axisRect()->setMargins(QMargins(kSideMargin, 0, kSideMargin, 0));
    connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this, plot] { followRange(plot); });
    // Laid out (at a new width the title may wrap, tokens turn vertical): the grid keeps its height.
    connect(plot, &QCustomPlot::afterLayout, this, [this, plot] { fitHeight(plot); });
    connect(plot, &HeatmapPlot::cellClicked, this, [this](int, int column) {
        m_chosenStep = column;
        forEachPlot([column](HeatmapPlot* each) { each->markColumn(column); });
        Q_EMIT stepClicked(column);
    });
    m_layout->insertWidget(layoutIndex, plot);
    return plot;
}

void ExplanationRows::followRange(HeatmapPlot* source)
{
    if (m_syncing)
        return;
    m_syncing = true;
    forEachPlot([source](HeatmapPlot* plot) {
        if (plot != source && plot->xAxis->range() != source->xAxis->range()) {
            plot->xAxis->setRange(source->xAxis->range());
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
    m_syncing = false;
}

void ExplanationRows::clear()
{
    forEachPlot([](HeatmapPlot* plot) { delete plot; });
    m_rows.clear();
    m_featureMaps.clear();
    m_chosenStep = -1;
    updateGeometry();
}

bool ExplanationRows::keepsPrefix(const std::vector<Row>& shown, const std::vector<AttributionMethod>& wanted)
{
    if (shown.size() > wanted.size())
        return false;
    for (size_t i = 0; i < shown.size(); ++i) {
        if (shown[i].method != wanted[i])
            return false;
    }
    return true;
}

void ExplanationRows::setExplanation(const Explanation& explanation)
{
    // Plots are kept when the methods match in order (the next stage adds to the end, the next
    // keystroke keeps them all), so zoom and pan survive; otherwise they are built anew.
    std::vector<AttributionMethod> methods;
    for (const MethodScores& entry : explanation.methods)
        methods.push_back(entry.method);
    std::vector<AttributionMethod> featureMethods;
    for (const FeatureScores& entry : explanation.perFeature)
        featureMethods.push_back(entry.method);
    if (!keepsPrefix(m_rows, methods) || !keepsPrefix(m_featureMaps, featureMethods))
        clear();
    while (m_rows.size() < methods.size())
        m_rows.push_back({methods[m_rows.size()], addPlot(static_cast<int>(m_rows.size())), kStripGrid});

    const int steps = explanation.steps.size();
    // A series' steps are labelled by their numbers 0, 1, …; a text's by its tokens.
    bool numbered = true;
    for (int t = 0; numbered && t < steps; ++t)
        numbered = explanation.steps.at(t) == QString::number(t);
    const QString stepTitle = numbered ? tr("step") : tr("token");
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const MethodScores& entry = explanation.methods[i];
        HeatmapPlot* plot = m_rows[i].plot;
        const bool last = i + 1 == m_rows.size();
        const bool signedValues = isSigned(entry.method);
        plot->setColormap(signedValues ? ColormapId::BlueRed : ColormapId::Viridis);
        plot->setColorRange(signedValues ? ColorRange::symmetricAutomatic() : ColorRange::automatic());
        plot->setValueLabel(QString());
        const int columns = static_cast<int>(entry.perStep.size());
        plot->setColumnAxis(last ? stepTitle : QString(), columns == steps ? explanation.steps : QStringList());
        plot->xAxis->setTickLabels(last);
        plot->xAxis->setTicks(last);
        plot->setGrid(1, columns, entry.perStep);
        m_rows[i].name = ExplanationReport::methodName(entry.method);
        m_rows[i].range = rangeText(plot->valueBounds(), signedValues);
        plot->setTitle(titleFor(plot, m_rows[i].name, m_rows[i].range));
        if (plot->minimumHeight() == 0)  // a first guess; fitHeight settles it once laid out
            setFixedPlotHeight(plot, kAroundGrid + kStripGrid + (last ? kLabelsHeight : 0));
        plot->markColumn(m_chosenStep);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    showFeatureMaps(explanation, stepTitle);
    alignColumns();
    if (!m_rows.empty())
        followRange(m_rows.front().plot);
    else if (!m_featureMaps.empty())
        followRange(m_featureMaps.front().plot);
    updateGeometry();
}

void ExplanationRows::showFeatureMaps(const Explanation& explanation, const QString& stepTitle)
{
    while (m_featureMaps.size() < explanation.perFeature.size()) {
        const int layoutIndex = static_cast<int>(m_rows.size() + m_featureMaps.size());
        HeatmapPlot* plot = addPlot(layoutIndex);
        plot->setRowAxisVisible(true);
        // The features stay whole: zoom and pan move along the steps, with the strips above.
        plot->axisRect()->setRangeDrag(Qt::Horizontal);
        plot->axisRect()->setRangeZoom(Qt::Horizontal);
        m_featureMaps.push_back({explanation.perFeature[m_featureMaps.size()].method, plot, 0});
    }
    const int steps = explanation.steps.size();
    for (size_t i = 0; i < m_featureMaps.size(); ++i) {
        const FeatureScores& entry = explanation.perFeature[i];
        HeatmapPlot* plot = m_featureMaps[i].plot;
        const bool last = i + 1 == m_featureMaps.size();
        QStringList names;
        for (int f = 0; f < entry.features; ++f)
            names << explanation.featureName(f);
        // Per feature every method is signed (the gradient too: ∂s/∂x, not its norm).
        plot->setColormap(ColormapId::BlueRed);
        plot->setColorRange(ColorRange::symmetricAutomatic());
        plot->setValueLabel(QString());
        const int columns = static_cast<int>(entry.steps());
        plot->setColumnAxis(last ? stepTitle : QString(), columns == steps ? explanation.steps : QStringList());
        plot->setRowAxis(tr("feature"), names);
        plot->xAxis->setTickLabels(last);
        plot->xAxis->setTicks(last);
        plot->setGrid(entry.features, columns, transposed(entry));
        Row& map = m_featureMaps[i];
        map.name = ExplanationReport::featureMethodName(entry.method);
        map.range = rangeText(plot->valueBounds(), true);
        plot->setTitle(titleFor(plot, map.name, map.range));
        map.grid = featureMapGrid(plot, entry.features);
        if (plot->minimumHeight() == 0)
            setFixedPlotHeight(plot, kAroundGrid + map.grid + (last ? kLabelsHeight : 0));
        plot->markColumn(m_chosenStep);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

ExplanationRows::Row* ExplanationRows::rowOf(const HeatmapPlot* plot)
{
    for (std::vector<Row>* rows : {&m_rows, &m_featureMaps}) {
        for (Row& row : *rows) {
            if (row.plot == plot)
                return &row;
        }
    }
    return nullptr;
}

void ExplanationRows::fitHeight(HeatmapPlot* plot)
{
    const Row* row = rowOf(plot);
    const QRect viewport = plot->viewport();
    if (!row || viewport.height() <= 0)
        return;
    const QString title = titleFor(plot, row->name, row->range);
    if (plot->title() != title) {
        plot->setTitle(title);  // laid out again with it, and fitted then
        ++m_fits;
        return;
    }
    // The layout gave the grid what the title and the labels left of the viewport: the plot's
    // height is that plus what the grid should have.
    const int wanted = viewport.height() + row->grid - plot->axisRect()->rect().height();
    if (wanted == plot->minimumHeight())
        return;
    setFixedPlotHeight(plot, wanted);
    updateGeometry();
    ++m_fits;
}

bool ExplanationRows::settleHeights()
{
    // Laid out now at the width the layout gave them (a figure off screen has no resize event
    // yet): the ticker decides how the labels stand, and fitHeight sizes the plots.
    const int before = m_fits;
    forEachPlot([](HeatmapPlot* plot) {
        plot->setViewport(plot->rect());
        plot->replot(QCustomPlot::rpImmediateRefresh);  // fitHeight runs inside, on afterLayout
    });
    return m_fits != before;
}

void ExplanationRows::alignColumns()
{
    // The widest feature axis sets the left side of every plot: strips without an axis get the
    // same empty margin, so their cells stand over the maps' cells.
    int left = kSideMargin;
    for (const Row& map : m_featureMaps)
        left = std::max(left, axisDepth(map.plot->yAxis, map.plot->rowCount()));
    forEachPlot([left](HeatmapPlot* plot) {
        if (plot->axisRect()->margins().left() != left) {
            plot->axisRect()->setMargins(QMargins(left, 0, kSideMargin, 0));
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    });
}

} // namespace studio
