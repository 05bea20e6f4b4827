#include "teaching/SoftmaxTableModel.h"

#include <QColor>

#include <cmath>

namespace studio {
namespace {

const QColor kSelectedRow(255, 230, 128);

} // namespace

QString SoftmaxTableModel::shown(double value)
{
    if (value != 0.0 && std::abs(value) < 1e-3)
        return QString::number(value, 'g', 3);
    return QString::number(value, 'f', 3);
}

void SoftmaxTableModel::setDistribution(Distribution distribution)
{
    beginResetModel();
    m_distribution = std::move(distribution);
    endResetModel();
}

void SoftmaxTableModel::setSelectedStep(int step)
{
    const int previous = m_selected;
    m_selected = step;
    for (int row : {previous, step})
        if (row >= 0 && row < steps())
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {Qt::BackgroundRole});
}

int SoftmaxTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_distribution.scores.empty() ? 0 : steps() + 1;
}

int SoftmaxTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SoftmaxTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return tr("Step");
    case TokenColumn:
        return tr("Token");
    case ScoreColumn:
        return QStringLiteral("e");
    case ExpColumn:
        return QStringLiteral("exp(e − max e)");
    case WeightColumn:
        return QStringLiteral("α = exp / Σ");
    default:
        return {};
    }
}

QVariant SoftmaxTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return text(index.row(), index.column());
    case Qt::ToolTipRole:
        return toolTip(index.row(), index.column());
    case Qt::BackgroundRole:
        return index.row() == m_selected ? QVariant(kSelectedRow) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() >= ScoreColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

QString SoftmaxTableModel::text(int row, int column) const
{
    const Distribution& d = m_distribution;
    if (row == steps()) {  // the sums
        double weights = 0.0;
        for (double alpha : d.weights)
            weights += alpha;
        switch (column) {
        case StepColumn:
            return QStringLiteral("Σ");
        case ExpColumn:
            return shown(d.sum);
        case WeightColumn:
            return shown(weights);
        default:
            return {};
        }
    }
    const auto r = static_cast<size_t>(row);
    switch (column) {
    case StepColumn:
        return QString::number(row + 1);
    case TokenColumn:
        return d.stepNames.value(row);
    case ScoreColumn:
        return shown(d.scores[r]);
    case ExpColumn:
        return shown(d.exps[r]);
    case WeightColumn:
        return shown(d.weights[r]);
    default:
        return {};
    }
}

QString SoftmaxTableModel::toolTip(int row, int column) const
{
    const Distribution& d = m_distribution;
    if (row == steps()) {
        if (column == ExpColumn)
            return tr("The sum of the exp column: the softmax's denominator");
        if (column == WeightColumn)
            return tr("The weights sum to 1: a distribution over the steps");
        return {};
    }
    const auto r = static_cast<size_t>(row);
    switch (column) {
    case ScoreColumn:
        return tr("The score of step %1 (section 2)").arg(row + 1);
    case ExpColumn:
        return d.padding[r] ? tr("Padding: masked, so exp gives exactly 0")
                            : tr("exp(%1 − %2) = %3").arg(shown(d.scores[r]), shown(d.largest), QString::number(d.exps[r], 'g', 7));
    case WeightColumn:
        return tr("%1 / %2 = %3: the weight of step %4 (the model's own softmax output)")
            .arg(shown(d.exps[r]), shown(d.sum), QString::number(d.weights[r], 'g', 7))
            .arg(row + 1);
    default:
        return {};
    }
}

} // namespace studio
