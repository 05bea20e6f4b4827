#pragma once

// The "Is it an explanation?" rows (issue 13): the attention and each attribution of the same
// input over the same tokens or time axis, one heatmap strip per method, each on its own colour
// scale (a sequential one for the attention and the norms, a diverging one centred on zero for the
// signed methods). A series' methods that have values per feature (gradient, gradient × input,
// integrated gradients, occlusion) follow as one map each, features down, steps across, so that a
// person comparing a forecaster's input columns sees which column at which step matters. Strips
// and maps zoom and pan together, share the chosen step and keep their steps in one column: every
// plot has the same left and right margins. Step labels are written under the last strip and
// under the last map.

#include "common/Explanation.h"

#include <QWidget>

#include <vector>

class QVBoxLayout;

namespace studio {

class HeatmapPlot;

class ExplanationRows : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationRows(QWidget* parent = nullptr);

    // One strip per method of the explanation, in its order (cheapest first), then one map per
    // entry of its perFeature; a later stage of the same input adds strips and maps and keeps the
    // zoom.
    void setExplanation(const Explanation& explanation);
    void clear();
    // Lays out every plot at its present width and fits its height around its grid (a figure
    // off screen is measured after this). True when a height or title changed: lay out again.
    bool settleHeights();

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    HeatmapPlot* row(int index) const { return m_rows.at(static_cast<size_t>(index)).plot; }
    AttributionMethod rowMethod(int index) const { return m_rows.at(static_cast<size_t>(index)).method; }
    // The per-feature maps: features × steps (row f, column t holds FeatureScores::at(t, f)).
    int featureMapCount() const { return static_cast<int>(m_featureMaps.size()); }
    HeatmapPlot* featureMap(int index) const { return m_featureMaps.at(static_cast<size_t>(index)).plot; }
    AttributionMethod featureMapMethod(int index) const { return m_featureMaps.at(static_cast<size_t>(index)).method; }
    // Whether a method's values are signed (diverging scale around zero).
    static bool isSigned(AttributionMethod method);

    QSize sizeHint() const override;

Q_SIGNALS:
    void stepClicked(int step);

private:
    struct Row {
        AttributionMethod method;
        HeatmapPlot* plot;
        int grid;       // the height its cells should have, in pixels
        QString name;   // the title: the method's name and its colour scale
        QString range;
    };

    HeatmapPlot* addPlot(int layoutIndex);
    void followRange(HeatmapPlot* source);
    // Keeps the plots that show the same methods in the same order, else builds them anew.
    static bool keepsPrefix(const std::vector<Row>& shown, const std::vector<AttributionMethod>& wanted);
    void showFeatureMaps(const Explanation& explanation, const QString& stepTitle);
    Row* rowOf(const HeatmapPlot* plot);
    void fitHeight(HeatmapPlot* plot);
    void alignColumns();
    template <typename Visit>
    void forEachPlot(Visit visit) const
    {
        for (const Row& row : m_rows)
            visit(row.plot);
        for (const Row& map : m_featureMaps)
            visit(map.plot);
    }

    QVBoxLayout* m_layout = nullptr;
    std::vector<Row> m_rows;         // one strip per method, in the explanation's order
    std::vector<Row> m_featureMaps;  // one map per FeatureScores, below the strips
    int m_chosenStep = -1;
    int m_fits = 0;  // titles and heights fitted so far (settleHeights: did a round change any?)
    bool m_syncing = false;
};

} // namespace studio
