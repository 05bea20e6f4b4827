#pragma once

// A time series with its attention underneath: one plot row per feature (each with its own
// value axis, since features have their own units), and below them the attention as a heat
// strip on the same time axis. Zooming or panning any row (Ctrl+wheel, drag; time axis only)
// moves all rows together, so the strip stays under the steps it belongs to. Double-click shows
// everything again.
//
// Long series (issue 12): when more steps are in view than the rows have pixel columns, each
// line is drawn as its smallest and largest value per column and the strip as the largest
// weight per column (display/SeriesLevelOfDetail), recomputed after every layout (zoom, pan,
// resize, a figure's size) in O(columns · log T). Zoomed in to a column per step or fewer, every
// step is drawn as it is.

#include "display/AttentionMapMath.h"
#include "display/ColorRange.h"
#include "display/SeriesLevelOfDetail.h"
#include "colour/Colormap.h"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCPAxis;
class QCPAxisRect;
class QCPColorMap;
class QCPColorMapData;
class QCPGraphData;
template <typename DataType>  // "typename": lupdate reads "<class" as a class of its own
class QCPDataContainer;
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

    // The attention step under a point of the plot's heat strip, or -1. Where a pixel column
    // stands for several steps (zoomed out), the step with the largest weight among them: the one
    // whose weight the strip's colour there shows.
    int stepAt(const QPoint& position) const;
    // Outlines attention step `step` in the heat strip (the step chosen in any view); -1: none.
    void setSelectedStep(int step);
    int selectedStep() const { return m_selected; }

    // What the lines and the strip draw now: which time steps each column stands for. One step
    // per column when every step is drawn: all of them, or for a long strip those in view.
    StepColumns shownColumns() const { return m_shown; }
    // Off: every step drawn at every zoom, as before the level of detail (for its benchmark).
    void setLevelOfDetailEnabled(bool enabled);

Q_SIGNALS:
    void stepClicked(int step);  // a click (not a drag) on the heat strip

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // The time steps (series coordinates) under a point of the strip and the strip row there.
    struct StripSpan {
        int row = 0;
        int64_t from = 0;       // [from, to): the steps of the pixel column (one when zoomed in)
        int64_t to = 0;
        int64_t strongest = 0;  // the step of the largest weight among them
    };
    std::optional<StripSpan> stripSpanAt(const QPoint& position) const;
    QString stripToolTip(const QPoint& position) const;

    void rebuildLayout();
    void updateStrip();
    void applyLevelOfDetail();
    void showEveryStep(const StepColumns& steps);
    void showColumns(const StepColumns& columns);
    QCPColorMapData* stepCells(int64_t from, int64_t to) const;  // series steps [from, to), one cell each
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
    std::vector<double> m_stripValues;  // row-major, m_stripRows × m_stripSteps
    int m_stripRows = 0;
    int m_stripSteps = 0;
    bool m_sharingRange = false;

    // Level of detail: each feature's line with every step (shared with its graph when every
    // step is shown, so switching back copies nothing), and the pyramids of the lines and of
    // each strip row.
    QList<QSharedPointer<QCPDataContainer<QCPGraphData>>> m_everyStep;
    std::vector<MinMaxPyramid> m_featurePyramids;
    std::vector<MinMaxPyramid> m_stripPyramids;
    StepColumns m_shown;
    bool m_showsEveryStep = true;
    bool m_detailStale = true;  // the data changed since the columns were made
    bool m_levelOfDetail = true;
};

} // namespace studio
