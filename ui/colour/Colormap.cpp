#include "colour/Colormap.h"

#include "colour/ColormapStops.h"

#include <QCoreApplication>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace studio {

Colormap::Colormap(ColormapId id)
    : m_id(id)
{
}

QColor Colormap::colorAt(double t) const
{
    const StopTable table = colormapStops(m_id);
    if (!(t > 0.0))  // also catches NaN
        t = 0.0;
    t = std::min(t, 1.0);
    const double position = t * static_cast<double>(table.count - 1);
    const auto below = std::min(static_cast<std::size_t>(position), table.count - 2);
    const double fraction = position - static_cast<double>(below);
    const RgbStop& a = table.stops[below];
    const RgbStop& b = table.stops[below + 1];
    const auto mix = [fraction](std::uint8_t from, std::uint8_t to) {
        return static_cast<int>(std::lround(from + fraction * (to - from)));
    };
    return QColor(mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue));
}

QCPColorGradient Colormap::toGradient() const
{
    const StopTable table = colormapStops(m_id);
    QMap<double, QColor> stops;
    for (std::size_t i = 0; i < table.count; ++i) {
        const RgbStop& stop = table.stops[i];
        stops.insert(static_cast<double>(i) / static_cast<double>(table.count - 1),
                     QColor(stop.red, stop.green, stop.blue));
    }
    QCPColorGradient gradient;
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setColorStops(stops);
    // 350 levels (QCustomPlot's default): finer than the 8-bit steps between neighbouring stops.
    gradient.setLevelCount(350);
    gradient.setNanHandling(QCPColorGradient::nhTransparent);
    return gradient;
}

QList<ColormapId> Colormap::all()
{
    return {ColormapId::Viridis, ColormapId::Cividis, ColormapId::Magma, ColormapId::BlueRed};
}

QString Colormap::displayName(ColormapId id)
{
    switch (id) {
    case ColormapId::Viridis: return QCoreApplication::translate("studio::Colormap", "Viridis");
    case ColormapId::Cividis: return QCoreApplication::translate("studio::Colormap", "Cividis");
    case ColormapId::Magma: return QCoreApplication::translate("studio::Colormap", "Magma");
    case ColormapId::BlueRed:
        return QCoreApplication::translate("studio::Colormap", "Blue–Red (diverging)");
    }
    return {};
}

QString Colormap::key(ColormapId id)
{
    switch (id) {
    case ColormapId::Viridis: return QStringLiteral("viridis");
    case ColormapId::Cividis: return QStringLiteral("cividis");
    case ColormapId::Magma: return QStringLiteral("magma");
    case ColormapId::BlueRed: return QStringLiteral("blue-red");
    }
    return {};
}

std::optional<ColormapId> Colormap::fromKey(const QString& key)
{
    for (ColormapId id : all()) {
        if (Colormap::key(id).compare(key, Qt::CaseInsensitive) == 0)
            return id;
    }
    return std::nullopt;
}

double relativeLuminance(const QColor& color)
{
    // sRGB channel to linear light, then the Rec. 709 weights (WCAG 2 definition).
    const auto linear = [](double channel) {
        return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF())
        + 0.0722 * linear(color.blueF());
}

QColor readableTextColor(const QColor& background)
{
    // Contrast ratio (L1 + 0.05) / (L2 + 0.05): against black it is (L + 0.05) / 0.05, against
    // white 1.05 / (L + 0.05); they are equal at L = sqrt(1.05 * 0.05) - 0.05 ≈ 0.179.
    constexpr double kEqualContrastLuminance = 0.179;
    return relativeLuminance(background) > kEqualContrastLuminance ? QColor(Qt::black)
                                                                    : QColor(Qt::white);
}

} // namespace studio
