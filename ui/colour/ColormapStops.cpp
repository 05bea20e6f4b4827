// Colour stops of the app's colormaps, as data. Generated once from matplotlib 3.6.3 by
// resources/colormaps/generate_stops.py; where the numbers come from and their licences are in
// resources/colormaps/PROVENANCE.md. Do not edit by hand: regenerate.

#include "colour/ColormapStops.h"

namespace studio {
namespace {

// viridis: matplotlib, van der Walt & Smith; CC0. 32 stops, evenly spaced.
constexpr RgbStop kViridis[] = {
    {68, 1, 84}, {71, 13, 96}, {72, 24, 106}, {72, 35, 116},
    {71, 46, 124}, {69, 56, 130}, {66, 65, 134}, {62, 74, 137},
    {58, 84, 140}, {54, 93, 141}, {50, 101, 142}, {46, 109, 142},
    {43, 117, 142}, {40, 125, 142}, {37, 132, 142}, {34, 140, 141},
    {31, 148, 140}, {30, 156, 137}, {32, 163, 134}, {37, 171, 130},
    {46, 179, 124}, {58, 186, 118}, {72, 193, 110}, {88, 199, 101},
    {108, 205, 90}, {127, 211, 78}, {147, 215, 65}, {168, 219, 52},
    {192, 223, 37}, {213, 226, 26}, {234, 229, 26}, {253, 231, 37},
};

// cividis: Nuñez, Anderton & Renslow 2018 (PLOS ONE 13(7): e0199239), as shipped in matplotlib.
constexpr RgbStop kCividis[] = {
    {0, 34, 78}, {0, 40, 91}, {0, 46, 106}, {5, 51, 113},
    {28, 57, 111}, {41, 63, 110}, {51, 68, 109}, {60, 74, 108},
    {69, 80, 108}, {77, 85, 108}, {85, 91, 109}, {92, 97, 110},
    {100, 103, 112}, {107, 109, 114}, {114, 114, 116}, {120, 120, 119},
    {128, 127, 120}, {136, 133, 120}, {144, 139, 120}, {151, 145, 119},
    {160, 152, 117}, {168, 158, 115}, {176, 165, 113}, {185, 171, 109},
    {194, 179, 105}, {203, 185, 101}, {211, 192, 95}, {220, 200, 89},
    {230, 208, 81}, {239, 215, 72}, {248, 223, 60}, {254, 232, 56},
};

// magma: matplotlib, van der Walt & Smith; CC0.
constexpr RgbStop kMagma[] = {
    {0, 0, 4}, {3, 3, 18}, {10, 8, 34}, {19, 13, 52},
    {30, 17, 73}, {42, 17, 92}, {56, 16, 108}, {69, 16, 119},
    {84, 19, 125}, {96, 24, 128}, {109, 29, 129}, {121, 34, 130},
    {136, 39, 129}, {148, 44, 128}, {161, 48, 126}, {174, 52, 123},
    {189, 57, 119}, {202, 62, 114}, {214, 69, 108}, {226, 77, 102},
    {236, 88, 96}, {243, 101, 92}, {248, 116, 92}, {251, 131, 95},
    {253, 148, 103}, {254, 163, 111}, {254, 178, 122}, {254, 193, 133},
    {254, 209, 148}, {253, 224, 161}, {252, 238, 176}, {252, 253, 191},
};

// ColorBrewer RdBu (Cynthia Brewer), reversed so that low is blue and high is red: its 11 colours.
constexpr RgbStop kBlueRed[] = {
    {5, 48, 97}, {33, 102, 172}, {67, 147, 195}, {146, 197, 222},
    {209, 229, 240}, {247, 247, 247}, {253, 219, 199}, {244, 165, 130},
    {214, 96, 77}, {178, 24, 43}, {103, 0, 31},
};

} // namespace

StopTable colormapStops(ColormapId id)
{
    switch (id) {
    case ColormapId::Viridis: return {kViridis, std::size(kViridis)};
    case ColormapId::Cividis: return {kCividis, std::size(kCividis)};
    case ColormapId::Magma: return {kMagma, std::size(kMagma)};
    case ColormapId::BlueRed: return {kBlueRed, std::size(kBlueRed)};
    }
    return {kViridis, std::size(kViridis)};
}

} // namespace studio
