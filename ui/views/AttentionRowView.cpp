#include "views/AttentionRowView.h"

#include "views/HeatmapPlot.h"

namespace studio {
AttentionRowView::AttentionRowView(QWidget* parent)
    : HeatmapView(parent)
{
    plot()->setRowAxisVisible(false);
    plot()->setValueLabel(tr("weight"));
}

void AttentionRowView::setAttention(const AttentionMap& map, std::optional<MatrixKind> kind)
{
    const QString problem = attentionShapeProblem(map);
    if (!problem.isEmpty()) {
        plot()->clearGrid();
        plot()->setTitle(map.isEmpty() ? QString() : problem);
        return;
    }
    const StepWeights steps = perStepWeights(map, kind.value_or(guessMatrixKind(map)));
    const int count = static_cast<int>(steps.weights.size());
    const bool hasTokens = map.tokens.size() == count;
    plot()->setValueLabel(tr("weight"));
    plot()->setColumnAxis(hasTokens ? tr("token") : tr("step"), stepLabels(map, count));
    plot()->setGrid(1, count, steps.weights);
    plot()->setTitle(steps.caption);
    plot()->replot();
}

} // namespace studio
