#include "views/SeriesAttentionView.h"

#include "colour/ColorControls.h"
#include "views/StepAxisTicker.h"
#include "views/WheelZoomNeedsCtrl.h"

#include <qcustomplot.h>

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

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
// Width of a feature's line when it draws every step, and when it draws per-column extents:
// Qt strokes a line wider than a pixel as a filled outline, which for ~2 points per pixel
// column took 60 ms per line (100,000 steps on 1,000 pixels); a one-pixel line takes its fast
// path (under 1 ms).
constexpr double kLineWidth = 1.5;
constexpr double kColumnsLineWidth = 1.0;
// Drawing every step, a strip longer than this holds only the steps in view: QCustomPlot draws a
// one-row map as an image 101 pixels tall (it oversamples maps under 100 cells a side) and copies
// it on every repaint, 40 MB at 100,000 steps (25 ms to make, 3 ms a repaint to copy).
constexpr int kWholeStripSteps = 10'000;

void setLineWidth(QCPGraph* graph, double width)
{
    QPen pen = graph->pen();
    pen.setWidthF(width);
    graph->setPen(pen);
}

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
    m_plot->installEventFilter(this);  // double-click resets the view, tooltips over the strip
    // After the layout, the rows' width and the time range are those about to be drawn.
    connect(m_plot, &QCustomPlot::afterLayout, this, &SeriesAttentionView::applyLevelOfDetail);

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
    const int stripRowsBefore = m_stripRows;
    m_attention = map;
    m_kind = kind;
    m_firstStep = std::max(firstStep, 0);
    updateStrip();
    if (timeSteps() != stepsBefore || m_stripRows != stripRowsBefore)
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
    const std::optional<StripSpan> span = stripSpanAt(position);
    return span ? static_cast<int>(span->strongest) - m_firstStep : -1;
}

std::optional<SeriesAttentionView::StripSpan> SeriesAttentionView::stripSpanAt(const QPoint& position) const
{
    if (!m_stripRect || !m_stripRect->rect().contains(position) || m_stripSteps == 0)
        return std::nullopt;
    // The middle of the pixel: what is drawn on it (a column narrower than a pixel is never drawn).
    const double coordinate = m_stripRect->axis(QCPAxis::atBottom)->pixelToCoord(position.x() + 0.5);
    StripSpan span;
    if (m_shown.isReduced()) {
        const int column = m_shown.columnAt(coordinate);
        if (column < 0)
            return std::nullopt;
        span.from = m_shown.columnBegin(column);
        span.to = m_shown.columnBegin(column + 1);
    } else {
        span.from = std::llround(coordinate);
        span.to = span.from + 1;
    }
    // Only the steps that have attention (it may cover the end of the series alone).
    span.from = std::max<int64_t>(span.from, m_firstStep);
    span.to = std::min<int64_t>(span.to, m_firstStep + m_stripSteps);
    if (span.to <= span.from)
        return std::nullopt;
    if (m_stripRows > 1) {
        span.row = static_cast<int>(std::lround(m_stripRect->axis(QCPAxis::atLeft)->pixelToCoord(position.y())));
        if (span.row < 0 || span.row >= m_stripRows)
            return std::nullopt;
    }
    // A scan of the column's steps (as many as it has, a few hundred at most on a screen): only
    // for a click or a tooltip, never for drawing.
    const auto* row = m_stripValues.data() + static_cast<size_t>(span.row) * m_stripSteps;
    span.strongest = span.from;
    for (int64_t t = span.from + 1; t < span.to; ++t) {
        if (row[t - m_firstStep] > row[span.strongest - m_firstStep])
            span.strongest = t;
    }
    return span;
}

QString SeriesAttentionView::stripToolTip(const QPoint& position) const
{
    const std::optional<StripSpan> span = stripSpanAt(position);
    if (!span)
        return {};
    QString text = m_stripRows > 1 ? tr("feature %1").arg(span->row) + QLatin1Char('\n') : QString();
    const double weight = m_stripValues[static_cast<size_t>(span->row) * m_stripSteps + (span->strongest - m_firstStep)];
    if (span->to - span->from == 1)
        return text + tr("step %1\nweight %2").arg(span->from).arg(weight, 0, 'g', 6);
    return text + tr("steps %1–%2\nlargest weight %3, at step %4")
                      .arg(span->from)
                      .arg(span->to - 1)
                      .arg(weight, 0, 'g', 6)
                      .arg(span->strongest);
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
    const int rows = std::max(1, m_stripRows);
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
        bool found = false;
        QCPRange values = m_everyStep.at(f)->valueRange(found);  // the graph may hold a zoomed view's columns
        if (found) {
            const double pad = std::max(values.size() * kValuePadding, 1e-9);
            rect->axis(QCPAxis::atLeft)->setRange(values.lower - pad, values.upper + pad);
        }
    }
    if (m_stripRect) {
        m_stripRect->axis(QCPAxis::atLeft)->setRange(-0.5, std::max(m_stripRows, 1) - 0.5);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool SeriesAttentionView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::MouseButtonDblClick)
        resetView();
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = stripToolTip(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, m_plot);
        return true;
    }
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
    m_everyStep.clear();
    m_featurePyramids.clear();
    m_detailStale = true;
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
        graph->setPen(QPen(kLineColors[f % std::size(kLineColors)], kLineWidth));
        const std::vector<double>& values = m_series.features[static_cast<size_t>(f)];
        QVector<QCPGraphData> points(static_cast<qsizetype>(values.size()));
        for (qsizetype t = 0; t < points.size(); ++t)
            points[t] = QCPGraphData(static_cast<double>(t), values[static_cast<size_t>(t)]);
        auto everyStep = QSharedPointer<QCPGraphDataContainer>::create();
        everyStep->set(points, /*alreadySorted=*/true);
        graph->setData(everyStep);  // shared, not copied
        m_everyStep << everyStep;
        m_featurePyramids.emplace_back(values);
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
    // QCustomPlot shifts antialiased drawing by half a pixel, which moves a one-pixel column of
    // the zoomed-out strip onto its neighbour's pixel; an image gains nothing from antialiasing.
    m_strip->setAntialiased(false);

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

    m_stripSteps = m_stripValues.empty() ? 0 : steps;
    m_stripRows = m_stripSteps > 0 ? rows : 0;
    m_stripPyramids.clear();
    for (int row = 0; row < rows && m_stripSteps > 0; ++row) {
        const auto first = m_stripValues.begin() + static_cast<std::ptrdiff_t>(row) * steps;
        m_stripPyramids.emplace_back(std::vector<double>(first, first + steps));
    }
    m_detailStale = true;
    applyLevelOfDetail();

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

QCPColorMapData* SeriesAttentionView::stepCells(int64_t from, int64_t to) const
{
    // The attention's own steps [first, last] of the series steps [from, to).
    const int first = static_cast<int>(std::max<int64_t>(from - m_firstStep, 0));
    const int last = static_cast<int>(std::min<int64_t>(to - m_firstStep, m_stripSteps)) - 1;
    const int steps = std::max(last - first + 1, 0);
    const int rows = m_stripRows;
    const int firstStep = m_firstStep + first;
    auto* cells = new QCPColorMapData(std::max(steps, 1), std::max(rows, 1),
                                     QCPRange(firstStep, firstStep + std::max(steps - 1, 0)), cellCoordinates(rows));
    if (steps == 1)  // a single step: widen by hand, as for a single row
        cells->setKeyRange(QCPRange(firstStep - 0.5, firstStep + 0.5));
    for (int row = 0; row < rows; ++row)
        for (int t = 0; t < steps; ++t)
            cells->setCell(t, row, m_stripValues[static_cast<size_t>(row) * m_stripSteps + first + t]);
    if (steps == 0)
        cells->clear();
    return cells;
}

void SeriesAttentionView::setLevelOfDetailEnabled(bool enabled)
{
    m_levelOfDetail = enabled;
    m_detailStale = true;
    applyLevelOfDetail();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SeriesAttentionView::applyLevelOfDetail()
{
    // Before the first layout the rows have no width: every step, until they have one.
    const QCPRange time = m_stripRect->axis(QCPAxis::atBottom)->range();
    const StepColumns wanted = visibleStepColumns(time.lower, time.upper, m_stripRect->width(), timeSteps());
    if (!m_levelOfDetail || !wanted.isReduced()) {
        const bool window = m_levelOfDetail && m_stripSteps > kWholeStripSteps && wanted.columns > 0;
        const int steps = timeSteps();
        const StepColumns everyStep = window ? wanted : StepColumns{0, steps, steps};
        if (m_detailStale || !m_showsEveryStep || everyStep != m_shown)
            showEveryStep(everyStep);
    } else if (m_detailStale || m_showsEveryStep || wanted != m_shown) {
        showColumns(wanted);
    }
    m_detailStale = false;
}

void SeriesAttentionView::showEveryStep(const StepColumns& steps)
{
    for (int f = 0; f < m_everyStep.size(); ++f) {
        m_plot->graph(f)->setData(m_everyStep.at(f));  // a graph draws only the points in view
        setLineWidth(m_plot->graph(f), kLineWidth);
    }
    m_strip->setData(stepCells(steps.begin, steps.end));  // swap in the filled data: faster than setCell on the live map
    m_shown = steps;
    m_showsEveryStep = true;
}

void SeriesAttentionView::showColumns(const StepColumns& columns)
{
    // Each line: two points per column, its smallest and largest value there.
    QVector<QCPGraphData> points(2 * static_cast<qsizetype>(columns.columns));
    for (int f = 0; f < static_cast<int>(m_featurePyramids.size()); ++f) {
        const std::vector<double> path = envelopePath(m_featurePyramids[static_cast<size_t>(f)].reduce(columns));
        for (qsizetype i = 0; i < points.size(); ++i)
            points[i] = QCPGraphData(columns.columnCentre(static_cast<int>(i / 2)), path[static_cast<size_t>(i)]);
        // A container of its own: the one with every step stays as it is for zooming back in.
        auto shown = QSharedPointer<QCPGraphDataContainer>::create();
        shown->set(points, /*alreadySorted=*/true);
        m_plot->graph(f)->setData(shown);
        setLineWidth(m_plot->graph(f), kColumnsLineWidth);
    }

    // The strip: the largest weight per column, over the columns that hold attention steps.
    const int64_t firstStep = std::max<int64_t>(columns.begin, m_firstStep);
    const int64_t pastLastStep = std::min<int64_t>(columns.end, m_firstStep + m_stripSteps);
    if (pastLastStep <= firstStep) {
        m_strip->setData(stepCells(0, 0));  // none
    } else {
        const int first = columns.columnOf(firstStep);
        const int last = columns.columnOf(pastLastStep - 1);
        const int count = last - first + 1;
        auto* cells = new QCPColorMapData(count, m_stripRows, QCPRange(columns.columnCentre(first), columns.columnCentre(last)),
                                         cellCoordinates(m_stripRows));
        if (count == 1) {  // one column: its cell spans the column's steps
            const double half = 0.5 * static_cast<double>(columns.steps()) / columns.columns;
            cells->setKeyRange(QCPRange(columns.columnCentre(first) - half, columns.columnCentre(first) + half));
        }
        // The same columns in the attention's own steps (step 0 under series step m_firstStep).
        const StepColumns attentionColumns{columns.begin - m_firstStep, columns.end - m_firstStep, columns.columns};
        for (int row = 0; row < m_stripRows; ++row) {
            const std::vector<double> largest = m_stripPyramids[static_cast<size_t>(row)].reduce(attentionColumns).upper;
            for (int c = 0; c < count; ++c)
                cells->setCell(c, row, largest[static_cast<size_t>(first + c)]);
        }
        m_strip->setData(cells);
    }
    m_shown = columns;
    m_showsEveryStep = false;
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
