#include "teaching/VectorStrip.h"

#include "colour/Colormap.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

constexpr int kDividerWidth = 4;
constexpr int kCellPreferredWidth = 44;  // room for "-0.123"
constexpr int kCellMinimumWidth = 3;

} // namespace

VectorStrip::VectorStrip(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void VectorStrip::setValues(std::vector<double> values, double scale)
{
    m_values = std::move(values);
    double largest = 0.0;
    for (double value : m_values)
        largest = std::max(largest, std::abs(value));
    m_scale = scale > 0.0 ? scale : (largest > 0.0 ? largest : 1.0);
    updateGeometry();
    update();
}

void VectorStrip::setDivider(int index)
{
    m_divider = index;
    update();
}

QRect VectorStrip::cellRect(int index) const
{
    const int count = static_cast<int>(m_values.size());
    if (index < 0 || index >= count)
        return {};
    const int gap = m_divider > 0 && m_divider < count ? kDividerWidth : 0;
    const double width = static_cast<double>(this->width() - gap) / count;
    const int extra = gap > 0 && index >= m_divider ? gap : 0;
    const int left = static_cast<int>(std::floor(index * width)) + extra;
    const int right = static_cast<int>(std::floor((index + 1) * width)) + extra;
    return {left, 0, std::max(1, right - left), height()};
}

int VectorStrip::cellAt(const QPoint& position) const
{
    for (int i = 0; i < static_cast<int>(m_values.size()); ++i)
        if (cellRect(i).contains(position))
            return i;
    return -1;
}

QString VectorStrip::toolTipFor(int index) const
{
    if (index < 0 || index >= static_cast<int>(m_values.size()))
        return {};
    const QString value = QString::number(m_values[static_cast<size_t>(index)], 'g', 7);
    return m_explain ? QStringLiteral("%1\n%2").arg(value, m_explain(index)) : value;
}

QSize VectorStrip::sizeHint() const
{
    const int height = fontMetrics().height() + 8;
    return {static_cast<int>(m_values.size()) * kCellPreferredWidth, height};
}

QSize VectorStrip::minimumSizeHint() const
{
    return {static_cast<int>(m_values.size()) * kCellMinimumWidth, fontMetrics().height() + 8};
}

bool VectorStrip::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = cellAt(help->pos());
        if (index < 0)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), toolTipFor(index), this, cellRect(index));
        return true;
    }
    return QWidget::event(event);
}

void VectorStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const Colormap colours(ColormapId::BlueRed);
    const QFontMetrics metrics = fontMetrics();
    for (int i = 0; i < static_cast<int>(m_values.size()); ++i) {
        const double value = m_values[static_cast<size_t>(i)];
        const QRect cell = cellRect(i);
        // Blue for negative, white for 0, red for positive (the map runs blue, white, red).
        const QColor fill = std::isnan(value) ? QColor(Qt::lightGray) : colours.colorAt(0.5 + 0.5 * value / m_scale);
        painter.fillRect(cell.adjusted(0, 0, -1, 0), fill);
        const QString text = QString::number(value, 'f', 2);
        if (metrics.horizontalAdvance(text) + 4 <= cell.width()) {
            painter.setPen(readableTextColor(fill));
            painter.drawText(cell, Qt::AlignCenter, text);
        }
    }
}

} // namespace studio
