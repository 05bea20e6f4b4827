#include "colour/ColorBar.h"

#include <QPainter>

#include <algorithm>

namespace studio {
namespace {

constexpr int kBarWidth = 160;
constexpr int kBarHeight = 10;
constexpr int kSpacing = 6;  // between a value and the bar

QString valueText(double value)
{
    return QString::number(value, 'g', 3);
}

} // namespace

ColorBar::ColorBar(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

void ColorBar::setColormap(ColormapId id)
{
    m_colormap = Colormap(id);
    update();
}

void ColorBar::setBounds(const ValueBounds& bounds)
{
    m_bounds = bounds;
    updateGeometry();  // the end labels may change width
    update();
}

QSize ColorBar::sizeHint() const
{
    const QFontMetrics metrics(font());
    const int labels = metrics.horizontalAdvance(valueText(m_bounds.lower))
        + metrics.horizontalAdvance(valueText(m_bounds.upper));
    return QSize(labels + 2 * kSpacing + kBarWidth, std::max(metrics.height(), kBarHeight));
}

void ColorBar::paintEvent(QPaintEvent* /*event*/)
{
    QPainter painter(this);
    const QFontMetrics metrics(font());
    const QString low = valueText(m_bounds.lower);
    const QString high = valueText(m_bounds.upper);
    const int lowWidth = metrics.horizontalAdvance(low);
    const QRect bar(lowWidth + kSpacing, (height() - kBarHeight) / 2, kBarWidth, kBarHeight);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, lowWidth, height()), Qt::AlignVCenter | Qt::AlignLeft, low);
    painter.drawText(QRect(bar.right() + 1 + kSpacing, 0, width(), height()), Qt::AlignVCenter | Qt::AlignLeft, high);
    for (int x = 0; x < bar.width(); ++x) {
        painter.setPen(m_colormap.colorAt(x / double(bar.width() - 1)));
        painter.drawLine(bar.left() + x, bar.top(), bar.left() + x, bar.bottom());
    }
}

} // namespace studio
