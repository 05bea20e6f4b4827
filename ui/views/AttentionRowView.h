#pragma once

// Attention as one row of cells under the tokens (or steps) it belongs to: the compact heatmap
// for text. A 2-D map is shown through its per-step summary, and the title says which.

#include "display/AttentionMapMath.h"
#include "views/HeatmapView.h"

#include <optional>

namespace studio {

class AttentionRowView : public HeatmapView {
    Q_OBJECT
public:
    explicit AttentionRowView(QWidget* parent = nullptr);

    // An empty or malformed map clears the view and puts the reason in the title.
    void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt) override;
};

} // namespace studio
