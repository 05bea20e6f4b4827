#pragma once

// Which values map to the two ends of a colormap. Every attention view holds one: fixed bounds
// keep colours comparable across examples or epochs; automatic bounds follow the data shown.

#include <QMetaType>

#include <vector>

namespace studio {

// Resolved bounds: lower maps to colormap position 0, upper to 1 (always lower < upper).
struct ValueBounds {
    double lower = 0.0;
    double upper = 1.0;

    // Position of a value in [0, 1], clamped; NaN stays NaN so views can show "no value".
    double normalize(double value) const;
};

class ColorRange {
public:
    enum class Mode {
        Automatic,          // data minimum to data maximum
        SymmetricAutomatic, // -m to +m with m the largest |value|: zero sits at a diverging map's centre
        Fixed,              // the bounds given
    };

    static ColorRange automatic() { return ColorRange(Mode::Automatic, 0.0, 1.0); }
    static ColorRange symmetricAutomatic() { return ColorRange(Mode::SymmetricAutomatic, -1.0, 1.0); }
    static ColorRange fixed(double lower, double upper) { return ColorRange(Mode::Fixed, lower, upper); }

    ColorRange() = default;

    Mode mode() const { return m_mode; }
    bool isAutomatic() const { return m_mode != Mode::Fixed; }
    double fixedLower() const { return m_lower; }
    double fixedUpper() const { return m_upper; }

    // The bounds to draw these values with. Non-finite values are ignored; an empty or constant
    // data set, or fixed bounds given the wrong way round, still give a usable lower < upper.
    ValueBounds resolve(const std::vector<float>& values) const;
    ValueBounds resolve(const std::vector<double>& values) const;

    bool operator==(const ColorRange& other) const;
    bool operator!=(const ColorRange& other) const { return !(*this == other); }

private:
    ColorRange(Mode mode, double lower, double upper);

    Mode m_mode = Mode::Automatic;
    double m_lower = 0.0;
    double m_upper = 1.0;
};

} // namespace studio

Q_DECLARE_METATYPE(studio::ValueBounds)
Q_DECLARE_METATYPE(studio::ColorRange)
