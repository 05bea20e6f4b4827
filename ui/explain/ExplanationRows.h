#pragma once

// The "Is it an explanation?" rows (issue 13): the attention and each attribution of the same
// input over the same tokens or time axis, one heatmap strip per method, each on its own colour
// scale (a sequential one for the attention and the norms, a diverging one centred on zero for the
// signed methods). The strips zoom and pan together and share the chosen step; step labels are
// written under the last strip only.

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

    // One strip per method of the explanation, in its order (cheapest first); a later stage of the
    // same input adds strips and keeps the zoom.
    void setExplanation(const Explanation& explanation);
    void clear();

    int rowCount() const { return static_cast<int>(m_rows.size()); }
    HeatmapPlot* row(int index) const { return m_rows.at(static_cast<size_t>(index)).plot; }
    AttributionMethod rowMethod(int index) const { return m_rows.at(static_cast<size_t>(index)).method; }
    // Whether a method's values are signed (diverging scale around zero).
    static bool isSigned(AttributionMethod method);

    QSize sizeHint() const override;

Q_SIGNALS:
    void stepClicked(int step);

private:
    HeatmapPlot* addRow();
    void followRange(HeatmapPlot* source);

    struct Row {
        AttributionMethod method;
        HeatmapPlot* plot;
    };
    QVBoxLayout* m_layout = nullptr;
    std::vector<Row> m_rows;
    bool m_syncing = false;
};

} // namespace studio
