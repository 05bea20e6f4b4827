#include "views/AttentionMatrixView.h"

#include "views/HeatmapPlot.h"

namespace studio {
AttentionMatrixView::AttentionMatrixView(QWidget* parent)
    : HeatmapView(parent)
{
    plot()->setValueLabel(tr("weight"));
}

void AttentionMatrixView::setFeatureNames(const QStringList& names)
{
    m_featureNames = names;
}

void AttentionMatrixView::setAttention(const AttentionMap& map, std::optional<MatrixKind> kind)
{
    const QString problem = attentionShapeProblem(map);
    if (!problem.isEmpty()) {
        plot()->clearGrid();
        plot()->setTitle(map.isEmpty() ? QString() : problem);
        return;
    }
    const int rows = static_cast<int>(attentionRows(map));
    const int columns = static_cast<int>(attentionColumns(map));
    const bool hasTokens = map.tokens.size() == map.shape[0];
    const QString stepTitle = hasTokens ? tr("token") : tr("step");
    const QStringList steps = stepLabels(map, map.shape[0]);

    plot()->setValueLabel(tr("weight"));
    plot()->setRowAxisVisible(map.shape.size() == 2);
    if (map.shape.size() == 1) {
        plot()->setColumnAxis(stepTitle, steps);
        plot()->setRowAxis(QString());
        plot()->setTitle(tr("Attention weight of each %1").arg(stepTitle));
    } else if (kind.value_or(guessMatrixKind(map)) == MatrixKind::SelfAttention) {
        plot()->setColumnAxis(tr("attended %1 (key)").arg(stepTitle), steps);
        plot()->setRowAxis(tr("attending %1 (query)").arg(stepTitle), steps);
        plot()->setTitle(tr("Self-attention, %1×%2: each row is one %3's attention over the input")
                             .arg(rows)
                             .arg(columns)
                             .arg(stepTitle));
    } else {
        const QStringList features = m_featureNames.size() == columns ? m_featureNames : QStringList();
        plot()->setColumnAxis(tr("feature"), features);
        plot()->setRowAxis(stepTitle, steps);
        plot()->setTitle(tr("Per-feature attention, %1×%2: each column is one feature's attention over time")
                             .arg(rows)
                             .arg(columns));
    }
    std::vector<double> values(map.values.begin(), map.values.end());
    plot()->setGrid(rows, columns, values);
    plot()->replot();
}

} // namespace studio
