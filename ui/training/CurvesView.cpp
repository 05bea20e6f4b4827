#include "training/CurvesView.h"

#include "data/CsvWriter.h"
#include "language/UiLanguage.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QSlider>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace studio {
namespace {

constexpr int kRedrawIntervalMs = 33;   // ~30 redraws a second at most
constexpr double kHoverRadiusPx = 12.0; // how near the pointer must be to a point to read it out
constexpr int kRawAlpha = 60;           // the unsmoothed points, kept faint behind the curve

// Colour-blind-safe qualitative colours (Okabe & Ito), one per run.
const QList<QColor> kRunColors{QColor(0, 114, 178), QColor(213, 94, 0), QColor(0, 158, 115), QColor(204, 121, 167),
                               QColor(230, 159, 0), QColor(86, 180, 233), QColor(0, 0, 0)};

bool isLoss(const QString& metric) { return metric.contains(QLatin1String("loss"), Qt::CaseInsensitive); }
bool isValidation(const QString& metric) { return metric.startsWith(QLatin1String("validation"), Qt::CaseInsensitive); }

// The metric names the app's own runs report. They stay English in the curves' data (the CSV export
// is read by scripts) and are shown in the person's language; a run folder's own names are shown as
// written.
const char* const kKnownMetrics[] = {
    QT_TRANSLATE_NOOP("studio::CurvesView", "train loss"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "validation loss"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "train accuracy"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "validation accuracy"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "train MAE"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "validation MAE"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "validation MAE, target units"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "persistence MAE, target units"),
    QT_TRANSLATE_NOOP("studio::CurvesView", "validation attention on deciding steps"),
};

QString shownMetric(const QString& metric) { return shownIdentifier(metric, "studio::CurvesView", kKnownMetrics); }

} // namespace

// TensorBoard's smoothing: an exponential moving average whose early values are divided by the
// weight accumulated so far, so the curve starts at the data instead of rising from zero. Kept
// as running state, so each redraw smooths only the points that arrived since the last one.
double CurvesView::Smoother::next(double value, double weight)
{
    if (!std::isfinite(value))
        return value;
    last = last * weight + (1.0 - weight) * value;
    ++counted;
    const double debias = 1.0 - std::pow(weight, counted);
    return debias > 0.0 ? last / debias : value;
}

CurvesView::CurvesView(QWidget* parent)
    : QWidget(parent)
{
    m_plot = new QCustomPlot(this);
    m_plot->plotLayout()->clear();
    m_lossRect = new QCPAxisRect(m_plot);
    m_metricRect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(0, 0, m_lossRect);
    m_plot->plotLayout()->addElement(1, 0, m_metricRect);
    auto* margins = new QCPMarginGroup(m_plot);
    for (QCPAxisRect* rect : {m_lossRect, m_metricRect}) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("step"));
    }
    m_lossRect->axis(QCPAxis::atLeft)->setLabel(tr("loss"));
    m_metricRect->axis(QCPAxis::atLeft)->setLabel(tr("metric"));
    // One step axis: zooming or panning either plot moves both.
    connect(m_lossRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_metricRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    connect(m_metricRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_lossRect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    // The legend gets its own row under both plots: inside a plot it would hide the curves.
    // It is placed when the first curve arrives: an empty legend would still take room.
    m_plot->legend = new QCPLegend;
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->legend->setWrap(2);
    m_plot->legend->setBorderPen(Qt::NoPen);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    m_plot->legend->setFont(legendFont);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this] {
        m_follow->setChecked(true);
        m_dirty = true;
    });
    connect(m_plot, &QCustomPlot::mousePress, this, [this] { m_follow->setChecked(false); });
    connect(m_plot, &QCustomPlot::mouseWheel, this, [this] { m_follow->setChecked(false); });

    m_smoothingSlider = new QSlider(Qt::Horizontal, this);
    m_smoothingSlider->setRange(0, 99);
    m_smoothingSlider->setValue(static_cast<int>(m_smoothing * 100));
    m_smoothingSlider->setMinimumWidth(60);
    m_smoothingLabel = new QLabel(this);
    m_logScale = new QCheckBox(tr("Log scale"), this);
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep all data in view as it grows (double-click the plot to turn on again)."));
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Smoothing"), this));
    controls->addWidget(m_smoothingSlider, 1);
    controls->addWidget(m_smoothingLabel);
    controls->addWidget(m_logScale);
    controls->addWidget(m_follow);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(controls);
    layout->addWidget(m_plot, 1);

    connect(m_smoothingSlider, &QSlider::valueChanged, this, [this](int value) { setSmoothing(value / 100.0); });
    connect(m_logScale, &QCheckBox::toggled, this, &CurvesView::setLogScale);
    connect(m_follow, &QCheckBox::toggled, this, [this] { m_dirty = true; });
    m_redrawTimer = new QTimer(this);
    m_redrawTimer->setInterval(kRedrawIntervalMs);
    connect(m_redrawTimer, &QTimer::timeout, this, [this] {
        if (m_dirty)
            redraw();
    });
    m_redrawTimer->start();
    setSmoothing(m_smoothing);
}

int CurvesView::addRun(const QString& name)
{
    m_runs.append(Run{name, kRunColors.at(m_runs.size() % kRunColors.size()), {}});
    return runCount() - 1;
}

CurvesView::Curve& CurvesView::curveFor(int run, const QString& metric)
{
    Run& owner = m_runs[run];
    for (Curve& curve : owner.curves)
        if (curve.metric == metric)
            return curve;
    QCPAxisRect* rect = isLoss(metric) ? m_lossRect : m_metricRect;
    if (!m_plot->legend->layout()) {
        m_plot->plotLayout()->addElement(2, 0, m_plot->legend);
        m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
        m_plot->legend->setLayer(QStringLiteral("legend"));  // needs the plot, which placing gives it
    }
    Curve curve;
    curve.metric = metric;
    curve.raw = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    curve.smooth = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    curve.raw->removeFromLegend();
    curve.smooth->setName(QStringLiteral("%1 · %2").arg(owner.name, shownMetric(metric)));
    owner.curves.append(curve);
    restyle(owner.curves.last(), owner);
    return owner.curves.last();
}

void CurvesView::restyle(Curve& curve, const Run& run)
{
    QColor faint = run.color;
    faint.setAlpha(kRawAlpha);
    const bool validation = isValidation(curve.metric);
    QPen pen(run.color, (validation ? 1.5 : 2.0) * m_lineScale, validation ? Qt::DashLine : Qt::SolidLine);
    curve.smooth->setPen(pen);
    curve.raw->setPen(QPen(faint, m_lineScale));
    if (validation)
        curve.smooth->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, run.color, run.color, 6 * m_lineScale));
    curve.raw->setVisible(m_smoothing > 0.0 && !validation);
}

void CurvesView::addPoint(int run, const QString& metric, double step, double value)
{
    if (run < 0 || run >= runCount())
        return;
    Curve& curve = curveFor(run, metric);
    curve.steps.push_back(step);
    curve.values.push_back(value);
    m_dirty = true;
}

void CurvesView::clear()
{
    m_plot->clearGraphs();
    if (m_plot->legend->layout())
        m_plot->plotLayout()->take(m_plot->legend);
    m_plot->plotLayout()->simplify();
    m_runs.clear();
    m_dirty = true;
}

void CurvesView::setSmoothing(double weight)
{
    m_smoothing = std::clamp(weight, 0.0, 0.99);
    m_smoothingLabel->setText(QString::number(m_smoothing, 'f', 2));
    for (Run& run : m_runs)
        for (Curve& curve : run.curves)
            restyle(curve, run);
    m_redrawAll = true;  // every smoothed point changes with the weight
    m_dirty = true;
}

void CurvesView::setLineScale(double scale)
{
    m_lineScale = scale;
    for (Run& run : m_runs)
        for (Curve& curve : run.curves)
            restyle(curve, run);
    m_dirty = true;
}

void CurvesView::setLogScale(bool on)
{
    QCPAxis* axis = m_lossRect->axis(QCPAxis::atLeft);
    axis->setScaleType(on ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (on)
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    if (m_logScale->isChecked() != on)
        m_logScale->setChecked(on);
    m_dirty = true;
}

void CurvesView::flush() { redraw(); }

void CurvesView::redraw()
{
    m_dirty = false;
    for (Run& run : m_runs) {
        for (Curve& curve : run.curves) {
            if (m_redrawAll) {
                curve.raw->data()->clear();
                curve.smooth->data()->clear();
                curve.drawn = 0;
                curve.smoother = {};
            }
            // Only the points that arrived since the last redraw are added: a long run costs the
            // GUI thread the new points per tick, not all of them.
            const bool validation = isValidation(curve.metric);  // few points (one per epoch): drawn as they are
            for (size_t i = curve.drawn; i < curve.values.size(); ++i) {
                curve.raw->addData(curve.steps[i], curve.values[i]);
                curve.smooth->addData(curve.steps[i],
                                      validation ? curve.values[i] : curve.smoother.next(curve.values[i], m_smoothing));
            }
            curve.drawn = curve.values.size();
        }
    }
    m_redrawAll = false;
    if (m_follow->isChecked()) {
        for (QCPAxisRect* rect : {m_lossRect, m_metricRect}) {
            bool any = false;
            for (QCPGraph* graph : rect->graphs())
                any = any || !graph->data()->isEmpty();
            if (!any)
                continue;
            rect->axis(QCPAxis::atLeft)->rescale(/*onlyVisiblePlottables=*/true);
            rect->axis(QCPAxis::atBottom)->rescale(true);
        }
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

int CurvesView::pointCount(int run, const QString& metric) const
{
    if (run < 0 || run >= runCount())
        return 0;
    for (const Curve& curve : m_runs.at(run).curves)
        if (curve.metric == metric)
            return static_cast<int>(curve.values.size());
    return 0;
}

std::vector<QPointF> CurvesView::drawnPoints(int run, const QString& metric) const
{
    std::vector<QPointF> points;
    if (run < 0 || run >= runCount())
        return points;
    for (const Curve& curve : m_runs.at(run).curves) {
        if (curve.metric != metric || !curve.smooth)
            continue;
        for (auto it = curve.smooth->data()->constBegin(); it != curve.smooth->data()->constEnd(); ++it)
            points.emplace_back(it->key, it->value);
    }
    return points;
}

QByteArray CurvesView::toCsv() const
{
    QByteArray csv = csvRecord({QStringLiteral("run"), QStringLiteral("metric"), QStringLiteral("step"), QStringLiteral("value")});
    for (const Run& run : m_runs)
        for (const Curve& curve : run.curves)
            for (size_t i = 0; i < curve.values.size(); ++i)
                csv += csvRecord({run.name, curve.metric, QString::number(curve.steps[i], 'g', 10),
                                  QString::number(curve.values[i], 'g', 10)});
    return csv;
}

QString CurvesView::readOut(const QPoint& position) const
{
    double best = kHoverRadiusPx;
    QString text;
    for (const Run& run : m_runs) {
        for (const Curve& curve : run.curves) {
            const QCPGraph* graph = curve.smooth;
            // Only the points within the hover radius along the step axis: a long run has many.
            const QCPAxis* keys = graph->keyAxis();
            const double lowKey = keys->pixelToCoord(position.x() - kHoverRadiusPx);
            const double highKey = keys->pixelToCoord(position.x() + kHoverRadiusPx);
            const auto end = graph->data()->findEnd(std::max(lowKey, highKey));
            for (auto it = graph->data()->findBegin(std::min(lowKey, highKey)); it != end; ++it) {
                const QPointF pixel = graph->coordsToPixels(it->key, it->value);
                const double distance = std::hypot(pixel.x() - position.x(), pixel.y() - position.y());
                if (distance < best) {
                    best = distance;
                    const auto index = static_cast<size_t>(it - graph->data()->constBegin());
                    text = tr("%1\n%2 at step %3: %4").arg(run.name, shownMetric(curve.metric)).arg(it->key).arg(it->value, 0, 'g', 5);
                    if (index < curve.values.size() && curve.values[index] != it->value)
                        text += tr(" (raw %1)").arg(curve.values[index], 0, 'g', 5);
                }
            }
        }
    }
    return text;
}

bool CurvesView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::MouseMove) {
        const auto* move = static_cast<QMouseEvent*>(event);
        const QString text = readOut(move->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(move->globalPosition().toPoint(), text, m_plot);
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace studio
