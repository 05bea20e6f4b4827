#pragma once

// The colour stops behind each colormap: plain data, generated from matplotlib (see
// resources/colormaps/PROVENANCE.md). Only Colormap.cpp reads them.

#include "colour/Colormap.h"

#include <cstddef>
#include <cstdint>

namespace studio {

struct RgbStop {
    std::uint8_t red;
    std::uint8_t green;
    std::uint8_t blue;
};

// Stops evenly spaced over [0, 1]: stop i sits at i / (count - 1).
struct StopTable {
    const RgbStop* stops;
    std::size_t count;
};

StopTable colormapStops(ColormapId id);

} // namespace studio
