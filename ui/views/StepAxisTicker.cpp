#include "views/StepAxisTicker.h"

#include <QFontMetrics>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

// Tokens longer than this are cut with an ellipsis on the axis (the tooltip has them whole).
constexpr int kMaxLabelCharacters = 14;
// Free pixels between two neighbouring labels.
constexpr int kLabelGap = 6;
// Share of the plot's length assumed to be axis before the first layout has measured it.
constexpr double kUnknownLayoutShare = 0.8;

// The smallest of 1, 2, 5, 10, 20, 50, … that is at least `minimum`.
double niceStep(double minimum)
{
    if (!(minimum > 1.0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(minimum)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= minimum)
            return factor * magnitude;
    }
    return 10.0 * magnitude;
}

QString shortened(const QString& label)
{
    if (label.size() <= kMaxLabelCharacters)
        return label;
    return label.left(kMaxLabelCharacters - 1) + QChar(0x2026);
}

} // namespace

StepAxisTicker::StepAxisTicker(QCPAxis* axis)
    : m_axis(axis)
{
}

void StepAxisTicker::setSteps(int count, const QStringList& labels)
{
    m_count = std::max(count, 0);
    m_labels.clear();
    if (labels.size() == m_count) {
        m_labels.reserve(labels.size());
        for (const QString& label : labels)
            m_labels << shortened(label);
    }
    m_widestLabel = -1;
}

QString StepAxisTicker::labelOf(int step) const
{
    if (step >= 0 && step < m_labels.size())
        return m_labels.at(step);
    return QString::number(step);
}

double StepAxisTicker::axisLengthInPixels()
{
    if (!m_axis || !m_axis->axisRect() || !m_axis->parentPlot())
        return 1.0;
    const bool horizontal = m_axis->orientation() == Qt::Horizontal;
    const QRect viewport = m_axis->parentPlot()->viewport();
    const int viewportLength = horizontal ? viewport.width() : viewport.height();
    const QRect laidOut = m_axis->axisRect()->rect();
    const int axisLength = horizontal ? laidOut.width() : laidOut.height();
    // Ticks are made before the layout, so the axis rect still has the size of the last layout,
    // done for the previous viewport (before a resize, or the screen size before a figure export).
    // The margins around the axis change little: carry them over to the new viewport.
    double length = kUnknownLayoutShare * viewportLength;
    if (m_previousViewportLength > 0 && axisLength > 0)
        length = viewportLength - (m_previousViewportLength - axisLength);
    m_previousViewportLength = viewportLength;
    return std::max(length, 1.0);
}

int StepAxisTicker::widestLabel(const QFont& font)
{
    if (m_widestLabel >= 0 && font == m_measuredFont)
        return m_widestLabel;
    const QFontMetrics metrics(font);
    int widest = metrics.horizontalAdvance(QString::number(std::max(m_count - 1, 0)));
    for (const QString& label : std::as_const(m_labels))
        widest = std::max(widest, metrics.horizontalAdvance(label));
    m_measuredFont = font;
    m_widestLabel = widest;
    return widest;
}

double StepAxisTicker::getTickStep(const QCPRange& range)
{
    if (!m_axis || m_count <= 0)
        return 1.0;
    const QFont font = m_axis->tickLabelFont();
    const double pixelsPerStep = axisLengthInPixels() / std::max(range.size(), 1e-9);
    const int lineHeight = QFontMetrics(font).height();
    const bool horizontal = m_axis->orientation() == Qt::Horizontal;
    double labelExtent = lineHeight;
    if (horizontal) {
        const int widest = widestLabel(font);
        // Tokens stand upright while each has room; when they crowd they turn vertical so that
        // more of them fit. Step numbers stay horizontal and thin out instead.
        const bool upright = m_labels.isEmpty() || widest + kLabelGap <= pixelsPerStep;
        const double rotation = upright ? 0.0 : -90.0;
        if (m_axis->tickLabelRotation() != rotation)
            m_axis->setTickLabelRotation(rotation);
        labelExtent = upright ? widest : lineHeight;
    }
    return niceStep((labelExtent + kLabelGap) / pixelsPerStep);
}

int StepAxisTicker::getSubTickCount(double /*tickStep*/)
{
    return 0;  // steps are discrete: nothing lies between them
}

QString StepAxisTicker::getTickLabel(double tick, const QLocale& /*locale*/, QChar /*formatChar*/,
                                     int /*precision*/)
{
    return labelOf(static_cast<int>(std::lround(tick)));
}

QVector<double> StepAxisTicker::createTickVector(double tickStep, const QCPRange& range)
{
    QVector<double> ticks;
    if (m_count <= 0)
        return ticks;
    const auto step = static_cast<long long>(std::max(1.0, std::round(tickStep)));
    // Multiples of the step, so the labelled steps stay the same while panning.
    const long long first = std::max(0LL, static_cast<long long>(std::ceil(range.lower / static_cast<double>(step))) * step);
    const long long last = std::min<long long>(m_count - 1, static_cast<long long>(std::floor(range.upper)));
    for (long long tick = first; tick <= last; tick += step)
        ticks.append(static_cast<double>(tick));
    return ticks;
}

} // namespace studio
