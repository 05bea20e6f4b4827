#pragma once

// The colormaps every attention view offers. QCustomPlot 2.1 ships none that is perceptually
// uniform, so these are defined here from colour stops (ColormapStops.cpp) and turned into a
// QCPColorGradient for the plots or sampled directly (colorAt) by the token view.

#include <QColor>
#include <QList>
#include <QString>

#include <optional>

class QCPColorGradient;

namespace studio {

enum class ColormapId {
    Viridis,  // sequential, the default: lightness rises steadily from dark purple to yellow
    Cividis,  // sequential, designed to look the same to people with red-green colour blindness
    Magma,    // sequential, black to pale yellow: most contrast for small weights
    BlueRed,  // diverging around a white centre (ColorBrewer RdBu): for differences A - B
};

class Colormap {
public:
    explicit Colormap(ColormapId id = ColormapId::Viridis);

    ColormapId id() const { return m_id; }
    bool isDiverging() const { return m_id == ColormapId::BlueRed; }

    // t in [0, 1]; values outside are clamped, NaN gives the low end.
    QColor colorAt(double t) const;

    // The same stops as a QCustomPlot gradient, interpolated linearly in RGB like colorAt.
    QCPColorGradient toGradient() const;

    // Every map in the order a combo box lists them.
    static QList<ColormapId> all();
    // What a person reads in the combo box (translated).
    static QString displayName(ColormapId id);
    // A stable lowercase key for settings and the command line ("viridis", "blue-red").
    static QString key(ColormapId id);
    static std::optional<ColormapId> fromKey(const QString& key);

private:
    ColormapId m_id;
};

// WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white).
double relativeLuminance(const QColor& color);
// Black or white, whichever contrasts more with the background (WCAG contrast ratio).
QColor readableTextColor(const QColor& background);

} // namespace studio
