#!/usr/bin/env python3
"""Print the colour stops of ui/ColormapStops.cpp from matplotlib's own colormaps.

Run with a matplotlib that has viridis, cividis, magma and RdBu (3.x):
    python3 resources/colormaps/generate_stops.py > stops.txt
and paste the rows into ui/ColormapStops.cpp. Also prints, on stderr, the largest error of linear
interpolation between the stops against matplotlib's full 256-entry table (in 8-bit units).
"""
import sys

import matplotlib
import numpy as np

# (name in the app, matplotlib name, stops). Stops are evenly spaced at i / (stops - 1) and the app
# interpolates linearly between them. viridis, cividis and magma are 256-entry tables: 32 stops
# follow them to within a few 8-bit steps. RdBu_r (blue low, red high) is itself the linear
# interpolation of ColorBrewer's 11 RdBu colours, so its 11 stops are those colours exactly.
MAPS = [("viridis", "viridis", 32), ("cividis", "cividis", 32), ("magma", "magma", 32),
        ("blueRed", "RdBu_r", 11)]


def to8bit(rgb):
    return np.clip(np.rint(np.asarray(rgb) * 255.0), 0, 255).astype(int)


print(f"// matplotlib {matplotlib.__version__}")
for app_name, mpl_name, stop_count in MAPS:
    cmap = matplotlib.colormaps[mpl_name]
    positions = np.linspace(0.0, 1.0, stop_count)
    segments = getattr(cmap, "_segmentdata", None)
    if segments is not None:
        # A segmented map: read its anchor colours, not its 256-entry sampled table (sampling
        # 0.5 lands on entry 127 or 128, one step off the white centre).
        channels = [np.array(segments[c])[:, 1] for c in ("red", "green", "blue")]
        assert all(len(ch) == stop_count for ch in channels)
        stops = to8bit(np.stack(channels, axis=1))
    else:
        stops = to8bit(cmap(positions)[:, :3])
    print(f"// {app_name} ({mpl_name})")
    for r, g, b in stops:
        print(f"    {{{r}, {g}, {b}}},")
    # How far linear interpolation between the 8-bit stops strays from the full table.
    fine = np.linspace(0.0, 1.0, 256)
    reference = cmap(fine)[:, :3] * 255.0
    interpolated = np.stack([np.interp(fine, positions, stops[:, c]) for c in range(3)], axis=1)
    error = np.abs(interpolated - reference).max()
    print(f"{app_name}: max interpolation error {error:.2f} / 255", file=sys.stderr)
