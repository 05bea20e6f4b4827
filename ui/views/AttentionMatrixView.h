#pragma once

// A 2-D attention map as a colour map with labelled axes and a colour scale:
// T×T self-attention (rows: the attending step, columns: the step attended to) or
// T×d per-feature attention (rows: time steps, columns: hidden features).

#include "display/AttentionMapMath.h"
#include "views/HeatmapView.h"

#include <optional>

namespace studio {

class AttentionMatrixView : public HeatmapView {
    Q_OBJECT
public:
    explicit AttentionMatrixView(QWidget* parent = nullptr);

    // Names of the d features of a T×d map; when absent (or not d of them) they are numbered.
    void setFeatureNames(const QStringList& names);

    // kind defaults to guessMatrixKind (square: self-attention). A {T} map is drawn as one row.
    // An empty or malformed map clears the view and puts the reason in the title.
    void setAttention(const AttentionMap& map, std::optional<MatrixKind> kind = std::nullopt) override;

private:
    QStringList m_featureNames;
};

} // namespace studio
