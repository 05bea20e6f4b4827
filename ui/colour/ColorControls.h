#pragma once

// The small bar above each attention view: which colormap, and whether the colour range follows
// the data or stays at fixed bounds (so colours can be compared across examples or epochs).

#include "display/ColorRange.h"
#include "colour/Colormap.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;

namespace studio {

class ColorControls : public QWidget {
    Q_OBJECT
public:
    explicit ColorControls(QWidget* parent = nullptr);

    ColormapId colormap() const;
    ColorRange colorRange() const;

    // Set from code (a view, saved settings): updates the widgets without emitting.
    void setColormap(ColormapId id);
    void setColorRange(const ColorRange& range);
    // As if the person chose it (a session opened, presentation mode): the widgets show it and the
    // signals go out, so every view these controls drive follows.
    void chooseColormap(ColormapId id);
    void chooseColorRange(const ColorRange& range);
    // The bounds the view resolved from its data: shown in the spin boxes while automatic, so
    // turning "Auto" off starts from what is on screen.
    void showResolvedBounds(const ValueBounds& bounds);

Q_SIGNALS:
    void colormapChanged(studio::ColormapId id);
    void colorRangeChanged(const studio::ColorRange& range);

private:
    void emitRange();
    void updateEnabled();

    QComboBox* m_colormaps = nullptr;
    QCheckBox* m_automatic = nullptr;
    QDoubleSpinBox* m_lower = nullptr;
    QDoubleSpinBox* m_upper = nullptr;
    // Automatic means symmetric around zero for difference views.
    bool m_symmetric = false;
};

} // namespace studio
