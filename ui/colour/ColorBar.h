#pragma once

// A small horizontal colour legend: the colormap from low to high with the values at its ends.
// The token view has no axes, so this is what tells a reader which colour means how much.

#include "display/ColorRange.h"
#include "colour/Colormap.h"

#include <QWidget>

namespace studio {

class ColorBar : public QWidget {
    Q_OBJECT
public:
    explicit ColorBar(QWidget* parent = nullptr);

    void setColormap(ColormapId id);
    void setBounds(const ValueBounds& bounds);
    ValueBounds bounds() const { return m_bounds; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Colormap m_colormap;
    ValueBounds m_bounds;
};

} // namespace studio
