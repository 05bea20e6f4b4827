#include "views/SeriesAttentionView.h"

#include "colour/ColorControls.h"
#include "views/StepAxisTicker.h"
#include "views/WheelZoomNeedsCtrl.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace studio {
namespace {

// Okabe & Ito's colour-blind-safe qualitative palette, for the feature lines.
const QColor kLineColors[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x9E, 0x73),
                              QColor(0xCC, 0x79, 0xA7), QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                              QColor(0x00, 0x00, 0x00)};
// Heights of the rows relative to each other: a series row, a one-row attention strip (tall
// enough for its colour scale to carry readable ticks) and a strip with a row per feature.
constexpr double kSeriesRowStretch = 3.0;
constexpr double kSingleStripStretch = 2.2;
constexpr double kMatrixStripStretch = 3.0;
// Headroom above and below a feature's values on its axis, as a fraction of their range.
constexpr double kValuePadding = 0.08;

QCPRange cellCoordinates(int count)
{
    return count > 1 ? QCPRange(0.0, count - 1) : QCPRange(-0.5, 0.5);
}

} // namespace

SeriesAttentionView::SeriesAttentionView(QWidget* parent)
    : QWidget(parent)
    , m_controls(new ColorControls(this))
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_controls);
    layout->addWidget(m_plot, 1);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    zoomOnlyWithCtrl(m_plot);
    // A click (not a drag, which pans) on the heat strip chooses its step.
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) { m_pressedAt = event->position().toPoint(); });
    connect(m_plot, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        constexpr int kLargestClickMove = 4;
        const QPoint position = event->position().toPoint();
        if (event->button() != Qt::LeftButton || (position - m_pressedAt).manhattanLength() > kLargestClickMove)
            return;
        const int step = stepAt(position);
        if (step >= 0) {
            setSelectedStep(step);
            Q_EMIT stepClicked(step);
        }
    });
    // Made once: rows rebuilt for new series leave their groups when they are deleted.
    m_rowEdges = new QCPMarginGroup(m_plot);
    m_stripEdges = new QCPMarginGroup(m_plot);
    m_plot->installEventFilter(this);  // double-click resets the view

    connect(m_controls, &ColorControls::colormapChanged, this, [this](ColormapId id) {
        m_colormap = Colormap(id);
        applyColors();
    });
    connect(m_controls, &ColorControls::colorRangeChanged, this, [this](const ColorRange& range) {
        m_colorRange = range;
        applyColors();
    });
    rebuildLayout();
}

SeriesAttentionView::~SeriesAttentionView() = default;

void SeriesAttentionView::setSeries(const SeriesData& series)
{
    m_series = series;
    rebuildLayout();
}

void SeriesAttentionView::setAttention(const AttentionMap& map, std::optional<MatrixKind> kind, int firstStep)
{
    const int stepsBefore = timeSteps();
    const int stripRowsBefore = m_strip->data()->valueSize();
    m_attention = map;
    m_kind = kind;
    m_firstStep = std::max(firstStep, 0);
    updateStrip();
    if (timeSteps() != stepsBefore || m_strip->data()->valueSize() != stripRowsBefore)
        resetView();
}

void SeriesAttentionView::setColormap(ColormapId id)
{
    m_controls->setColormap(id);
    m_colormap = Colormap(id);
    applyColors();
}

void SeriesAttentionView::setColorRange(const ColorRange& range)
{
    m_controls->setColorRange(range);
    m_colorRange = range;
    applyColors();
}

int SeriesAttentionView::stepAt(const QPoint& position) const
{
    if (!m_stripRect || !m_stripRect->rect().contains(position) || m_attention.shape.empty())
        return -1;
    const int step = static_cast<int>(std::lround(m_stripRect->axis(QCPAxis::atBottom)->pixelToCoord(position.x()))) - m_firstStep;
    return step >= 0 && step < m_attention.shape[0] ? step : -1;
}

void SeriesAttentionView::setSelectedStep(int step)
{
    m_selected = step;
    if (!m_stripRect)
        return;
    if (!m_mark) {
        m_mark = new QCPItemRect(m_plot);
        m_mark->setClipAxisRect(m_stripRect);
        m_mark->topLeft->setAxes(m_stripRect->axis(QCPAxis::atBottom), m_stripRect->axis(QCPAxis::atLeft));
        m_mark->bottomRight->setAxes(m_stripRect->axis(QCPAxis::atBottom), m_stripRect->axis(QCPAxis::atLeft));
        m_mark->setPen(QPen(palette().color(QPalette::Highlight), 2.0));
        m_mark->setBrush(Qt::NoBrush);
    }
    const int rows = std::max(1, m_strip->data()->valueSize());
    const bool shown = !m_attention.shape.empty() && step >= 0 && step < m_attention.shape[0];
    m_mark->setVisible(shown);
    if (shown) {
        m_mark->topLeft->setCoords(m_firstStep + step - 0.5, -0.5);
        m_mark->bottomRight->setCoords(m_firstStep + step + 0.5, rows - 0.5);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int SeriesAttentionView::timeSteps() const
{
    size_t steps = 0;
    for (const std::vector<double>& feature : m_series.features)
        steps = std::max(steps, feature.size());
    const int64_t attentionSteps = m_attention.shape.empty() ? 0 : m_attention.shape[0];
    return std::max(static_cast<int>(steps), m_firstStep + static_cast<int>(attentionSteps));
}

void SeriesAttentionView::resetView()
{
    const QCPRange all(-0.5, std::max(timeSteps(), 1) - 0.5);
    shareTimeRange(all);
    for (int f = 0; f < m_seriesRects.size(); ++f) {
        // The value axis spans the feature's data (with headroom) over all time.
        QCPAxisRect* rect = m_seriesRects.at(f);
        QCPGraph* graph = m_plot->graph(f);
        bool found = false;
        QCPRange values = graph->getValueRange(found);
        if (found) {
            const double pad = std::max(values.size() * kValuePadding, 1e-9);
            rect->axis(QCPAxis::atLeft)->setRange(values.lower - pad, values.upper + pad);
        }
    }
    if (m_stripRect) {
        const int rows = m_strip->data()->valueSize();
        m_stripRect->axis(QCPAxis::atLeft)->setRange(-0.5, std::max(rows, 1) - 0.5);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool SeriesAttentionView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::MouseButtonDblClick)
        resetView();
    return QWidget::eventFilter(watched, event);
}

QCPAxisRect* SeriesAttentionView::addTimeRow(int row)
{
    auto* rect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(row, 0, rect);
    // Zoom and pan move time only: the value axes keep showing the whole feature.
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    QCPAxis* time = rect->axis(QCPAxis::atBottom);
    auto ticker = QSharedPointer<StepAxisTicker>::create(time);
    time->setTicker(ticker);
    m_timeTickers << ticker;
    connect(time, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &SeriesAttentionView::shareTimeRange);
    return rect;
}

void SeriesAttentionView::rebuildLayout()
{
    m_plot->clearPlottables();
    m_plot->plotLayout()->clear();
    m_seriesRects.clear();
    m_timeTickers.clear();
    m_plot->plotLayout()->setRowSpacing(4);

    m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);

    // Left and right edges of every row line up, so time coordinates line up too.
    const int featureCount = static_cast<int>(m_series.features.size());
    for (int f = 0; f < featureCount; ++f) {
        QCPAxisRect* rect = addTimeRow(f + 1);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_rowEdges);
        rect->axis(QCPAxis::atBottom)->setTickLabels(false);
        QCPAxis* valueAxis = rect->axis(QCPAxis::atLeft);
        valueAxis->setLabel(f < m_series.names.size() ? m_series.names.at(f) : tr("feature %1").arg(f));
        QCPGraph* graph = m_plot->addGraph(rect->axis(QCPAxis::atBottom), valueAxis);
        graph->setPen(QPen(kLineColors[f % std::size(kLineColors)], 1.5));
        const std::vector<double>& values = m_series.features[static_cast<size_t>(f)];
        QVector<double> steps(static_cast<qsizetype>(values.size()));
        std::iota(steps.begin(), steps.end(), 0.0);
        graph->setData(steps, QVector<double>(values.begin(), values.end()), /*alreadySorted=*/true);
        m_plot->plotLayout()->setRowStretchFactor(f + 1, kSeriesRowStretch);
        m_seriesRects << rect;
    }

    const int stripRow = featureCount + 1;
    m_stripRect = addTimeRow(stripRow);
    m_stripRect->setMarginGroup(QCP::msLeft | QCP::msRight, m_rowEdges);
    m_stripRect->axis(QCPAxis::atBottom)->setLabel(tr("time step"));
    QCPAxis* stripRows = m_stripRect->axis(QCPAxis::atLeft);
    stripRows->setRangeReversed(true);
    stripRows->grid()->setVisible(false);
    m_stripRect->axis(QCPAxis::atBottom)->grid()->setVisible(false);
    m_stripRowTicker = QSharedPointer<StepAxisTicker>::create(stripRows);
    stripRows->setTicker(m_stripRowTicker);
    m_strip = new QCPColorMap(m_stripRect->axis(QCPAxis::atBottom), stripRows);
    m_strip->setInterpolate(false);  // one cell per step, no blur

    m_scale = new QCPColorScale(m_plot);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("weight"));
    m_plot->plotLayout()->addElement(stripRow, 1, m_scale);
    m_strip->setColorScale(m_scale);
    m_stripRect->setMarginGroup(QCP::msTop | QCP::msBottom, m_stripEdges);
    m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, m_stripEdges);

    updateStrip();
    resetView();
}

void SeriesAttentionView::updateStrip()
{
    m_stripValues.clear();
    int rows = 0;
    int steps = 0;
    QString caption;
    QString rowTitle = tr("attention");
    const QString problem = attentionShapeProblem(m_attention);
    if (problem.isEmpty()) {
        const MatrixKind kind = m_kind.value_or(guessMatrixKind(m_attention));
        if (m_attention.shape.size() == 2 && kind == MatrixKind::PerFeature) {
            // One strip row per feature: row k, step t is feature k's weight at t (transposed).
            steps = static_cast<int>(m_attention.shape[0]);
            rows = static_cast<int>(m_attention.shape[1]);
            m_stripValues.resize(static_cast<size_t>(rows) * steps);
            for (int t = 0; t < steps; ++t)
                for (int k = 0; k < rows; ++k)
                    m_stripValues[static_cast<size_t>(k) * steps + t] = m_attention.values[static_cast<size_t>(t) * rows + k];
            caption = tr("Per-feature attention: one strip row per feature");
            rowTitle = tr("feature");
        } else {
            StepWeights weights = perStepWeights(m_attention, kind);
            steps = static_cast<int>(weights.weights.size());
            rows = 1;
            m_stripValues = std::move(weights.weights);
            caption = weights.caption;
        }
        // Say where the attention lies when it covers only a window of the series.
        caption += tr(" (steps %1–%2)").arg(m_firstStep).arg(m_firstStep + m_attention.shape[0] - 1);
    } else if (!m_attention.isEmpty()) {
        caption = problem;
    }

    auto* cells = new QCPColorMapData(std::max(steps, 1), std::max(rows, 1),
                                     QCPRange(m_firstStep, m_firstStep + std::max(steps - 1, 0)),
                                     cellCoordinates(rows));
    if (steps == 1)  // a single step: widen by hand, as for a single row
        cells->setKeyRange(QCPRange(m_firstStep - 0.5, m_firstStep + 0.5));
    for (int row = 0; row < rows; ++row)
        for (int t = 0; t < steps; ++t)
            cells->setCell(t, row, m_stripValues[static_cast<size_t>(row) * steps + t]);
    if (m_stripValues.empty())
        cells->clear();
    m_strip->setData(cells);  // swap in the filled data: faster than setCell on the live map

    QCPAxis* stripRows = m_stripRect->axis(QCPAxis::atLeft);
    stripRows->setLabel(rowTitle);
    stripRows->setTickLabels(rows > 1);
    stripRows->setTicks(rows > 1);
    m_stripRowTicker->setSteps(rows);
    m_title->setText(caption);
    m_title->setVisible(!caption.isEmpty());
    for (const QSharedPointer<StepAxisTicker>& ticker : std::as_const(m_timeTickers))
        ticker->setSteps(timeSteps());
    m_plot->plotLayout()->setRowStretchFactor(static_cast<int>(m_series.features.size()) + 1,
                                              rows > 1 ? kMatrixStripStretch : kSingleStripStretch);
    applyColors();
}

void SeriesAttentionView::applyColors()
{
    m_strip->setGradient(m_colormap.toGradient());
    const ValueBounds bounds = m_colorRange.resolve(m_stripValues);
    m_strip->setDataRange(QCPRange(bounds.lower, bounds.upper));
    m_controls->showResolvedBounds(bounds);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesAttentionView::shareTimeRange(const QCPRange& range)
{
    if (m_sharingRange)
        return;
    m_sharingRange = true;
    for (QCPAxisRect* rect : m_plot->axisRects())
        rect->axis(QCPAxis::atBottom)->setRange(range);
    m_sharingRange = false;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace studio
