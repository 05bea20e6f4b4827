#pragma once

// Attention as one row of cells under the tokens (or steps) it belongs to: the compact heatmap
// for text. A 2-D map is shown through its per-step summary, and the title says which.

#include "AttentionMapMath.h"
#include "HeatmapView.h"

#include <optional>

namespace studio {

class AttentionRowView : public HeatmapView {
    Q_OBJECT
public:
    explicit AttentionRowView(QWidget* parent = nullptr);

    // An empty or malformed map clears the view and puts the reason in the title.
    void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt);
    // A − B with the diverging map and a range symmetric around zero. Returns the reason when
    // the maps cannot be subtracted (and shows it), else an empty string. The view keeps that
    // colormap and range afterwards: set them again before showing plain attention.
    QString setDifference(const AttentionMap& a, const AttentionMap& b, const QString& nameA,
                          const QString& nameB);
};

} // namespace studio
