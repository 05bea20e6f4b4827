#pragma once

// The recurrent layer's gates over time, for one direction: one band per gate (LSTM i, f, g, o,
// then the cell state c and the output h; GRU r, z, n, then h), each H units tall and T steps
// wide, coloured by value (gates in [0, 1] on the sequential map, g, c and h on the diverging
// one). The selected step's column is outlined, and clicking a column selects its step: the
// attention above and the gates here show the same step. A cell's tooltip says what it is.

#include "common/AttentionTrace.h"

#include <QImage>
#include <QWidget>

#include <vector>

namespace studio {

class GateMapView : public QWidget {
    Q_OBJECT
public:
    explicit GateMapView(QWidget* parent = nullptr);

    void setTrace(const AttentionTrace& trace);
    // 0: forward, 1: backward (bidirectional models).
    void setDirection(int direction);
    int direction() const { return m_direction; }
    void setSelectedStep(int step);
    int selectedStep() const { return m_selected; }

    int bandCount() const;               // gates, then c (LSTM) and h
    QString bandName(int band) const;    // "i", "f", "g", "o", "c", "h" / "r", "z", "n", "h"
    double valueAt(int band, int unit, int step) const;
    // Where a cell is drawn, and which (band, unit, step) is at a point; {-1, -1, -1} outside.
    QRect cellRect(int band, int unit, int step) const;
    struct Cell {
        int band = -1;
        int unit = -1;
        int step = -1;
    };
    Cell cellAt(const QPoint& position) const;
    QString toolTipFor(const Cell& cell) const;

    // What the bands show, in a sentence or two, for a layer of `cell`s.
    static QString legend(RecurrentCell cell);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void stepClicked(int step);

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;

private:
    int labelWidth() const;
    int rowHeight() const;
    int bandTop(int band) const;
    // One image per band, a pixel per (step, unit), drawn scaled: a 512-step input paints as fast
    // as a short one. Made again when the trace or the direction changes.
    void colourBands();

    AttentionTrace m_trace;
    int m_direction = 0;
    int m_selected = -1;
    std::vector<QImage> m_bands;
};

} // namespace studio
