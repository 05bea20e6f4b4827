#pragma once

// A time series with its attention underneath: one plot row per feature (each with its own
// value axis, since features have their own units), and below them the attention as a heat
// strip on the same time axis. Zooming or panning any row (Ctrl+wheel, drag; time axis only)
// moves all rows together, so the strip stays under the steps it belongs to. Double-click shows
// everything again.

#include "display/AttentionMapMath.h"
#include "display/ColorRange.h"
#include "colour/Colormap.h"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCPAxis;
class QCPAxisRect;
class QCPColorMap;
class QCPItemRect;
class QCPMarginGroup;
class QCPColorScale;
class QCPRange;
class QCPTextElement;
class QCustomPlot;

namespace studio {

class ColorControls;
class StepAxisTicker;

struct SeriesData {
    QStringList names;                          // one per feature
    std::vector<std::vector<double>> features;  // features[f][t]; NaN leaves a gap
};

class SeriesAttentionView : public QWidget {
    Q_OBJECT
public:
    explicit SeriesAttentionView(QWidget* parent = nullptr);
    ~SeriesAttentionView() override;

    void setSeries(const SeriesData& series);
    // Attention step t is drawn under series step firstStep + t (a model that saw only the last
    // window of the series). {T}: one strip row. {T, d} per-feature: one strip row per feature.
    // {T, T} self-attention: the attention each step receives (column mean). Zoom and pan stay
    // as they are unless the time axis gets longer or shorter.
    void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt,
                      int firstStep = 0);

    void setColormap(ColormapId id);
    void setColorRange(const ColorRange& range);

    QCustomPlot* plot() const { return m_plot; }  // for figure export
    ColorControls* controls() const { return m_controls; }
    QList<QCPAxisRect*> seriesRects() const { return m_seriesRects; }
    QCPAxisRect* stripRect() const { return m_stripRect; }
    QCPColorMap* strip() const { return m_strip; }

    void resetView();  // the whole series and attention in view

    // The attention step under a point of the plot's heat strip, or -1.
    int stepAt(const QPoint& position) const;
    // Outlines attention step `step` in the heat strip (the step chosen in any view); -1: none.
    void setSelectedStep(int step);
    int selectedStep() const { return m_selected; }

Q_SIGNALS:
    void stepClicked(int step);  // a click (not a drag) on the heat strip

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuildLayout();
    void updateStrip();
    void applyColors();
    void shareTimeRange(const QCPRange& range);
    QCPAxisRect* addTimeRow(int row);
    int timeSteps() const;

    ColorControls* m_controls = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPTextElement* m_title = nullptr;
    QCPMarginGroup* m_rowEdges = nullptr;    // left and right edges of all rows
    QCPMarginGroup* m_stripEdges = nullptr;  // top and bottom of the strip and its colour scale
    QList<QCPAxisRect*> m_seriesRects;
    QCPAxisRect* m_stripRect = nullptr;
    QCPColorMap* m_strip = nullptr;
    QCPColorScale* m_scale = nullptr;
    QList<QSharedPointer<StepAxisTicker>> m_timeTickers;
    QSharedPointer<StepAxisTicker> m_stripRowTicker;

    SeriesData m_series;
    AttentionMap m_attention;
    std::optional<MatrixKind> m_kind;
    int m_firstStep = 0;
    int m_selected = -1;
    QCPItemRect* m_mark = nullptr;
    QPoint m_pressedAt;
    Colormap m_colormap;
    ColorRange m_colorRange;
    std::vector<double> m_stripValues;
    bool m_sharingRange = false;
};

} // namespace studio
