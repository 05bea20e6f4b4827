#include "samples/SampleTableModel.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

// Right and wrong in colours that stay apart for red-green colour blindness (blue and vermilion
// of Okabe & Ito); the ✓ and ✗ shapes carry the meaning on their own as well.
const QColor kRightColour(0x00, 0x72, 0xB2);
const QColor kWrongColour(0xD5, 0x5E, 0x00);

QString probabilityText(double probability)
{
    return std::isnan(probability) ? QStringLiteral("—") : QString::number(probability, 'f', 3);
}

} // namespace

SampleTableModel::SampleTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SampleTableModel::setResult(SampleEvaluationResult result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

void SampleTableModel::clear()
{
    setResult({});
}

int SampleTableModel::rowOfExample(int64_t exampleIndex) const
{
    // Rows are in data order, so the example's row is found by bisection.
    const auto& rows = m_result.rows;
    const auto found = std::lower_bound(rows.begin(), rows.end(), exampleIndex,
                                        [](const SampleRow& row, int64_t index) { return row.index < index; });
    return found != rows.end() && found->index == exampleIndex ? static_cast<int>(found - rows.begin()) : -1;
}

void SampleTableModel::setAttention(int row, const AttentionMap& attention)
{
    if (row < 0 || row >= rowCount())
        return;
    SampleRow& sample = m_result.rows[static_cast<size_t>(row)];
    sample.attention = attention;
    sample.attentionKept = true;
}

int SampleTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_result.rows.size());
}

int SampleTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SampleTableModel::display(const SampleRow& row, int column) const
{
    switch (column) {
    case IndexColumn: return QString::number(row.index + 1);  // counted from 1, as people count
    case TextColumn: return row.text;
    case TrueColumn: return row.trueLabel;
    case PredictedColumn: return row.predictedLabel;
    case ConfidenceColumn: return probabilityText(row.confidence);
    case LossColumn: return QString::number(row.loss, 'f', 4);
    case CorrectColumn:
        if (!m_result.classification)
            return QString();
        return row.correct ? QStringLiteral("✓") : QStringLiteral("✗");
    }
    return {};
}

QVariant SampleTableModel::sortValue(const SampleRow& row, int column) const
{
    switch (column) {
    case IndexColumn: return static_cast<qlonglong>(row.index);
    case ConfidenceColumn: return std::isnan(row.confidence) ? QVariant() : QVariant(row.confidence);
    case LossColumn: return row.loss;
    case CorrectColumn: return row.correct ? 1 : 0;
    default: return display(row, column);
    }
}

QVariant SampleTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SampleRow& row = sampleAt(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(row, column);
    case SortRole: return sortValue(row, column);
    case CorrectRole: return row.correct;
    case Qt::TextAlignmentRole:
        if (column == CorrectColumn)
            return int(Qt::AlignCenter);
        if (column == IndexColumn || column == ConfidenceColumn || column == LossColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (column == CorrectColumn && m_result.classification)
            return row.correct ? kRightColour : kWrongColour;
        return {};
    case Qt::FontRole:
        if (column == CorrectColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == TextColumn)
            return row.text;
        if (column == ConfidenceColumn && m_result.classification)
            return tr("Probability of the predicted class %1: %2\nProbability of the true class %3: %4")
                .arg(row.predictedLabel, probabilityText(row.confidence), row.trueLabel, probabilityText(row.trueProbability));
        if (column == LossColumn)
            return m_result.classification ? tr("Cross-entropy of the true class: −log %1").arg(probabilityText(row.trueProbability))
                                           : tr("Squared error, averaged over the outputs");
        return {};
    default: return {};
    }
}

QVariant SampleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case IndexColumn: return tr("#");
        case TextColumn: return tr("Text");
        case TrueColumn: return tr("True");
        case PredictedColumn: return tr("Predicted");
        case ConfidenceColumn: return tr("Confidence");
        case LossColumn: return tr("Loss");
        case CorrectColumn: return QStringLiteral("✓/✗");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn: return tr("The example's position in the data, from 1");
        case ConfidenceColumn: return tr("Probability the model gives its predicted class");
        case LossColumn: return tr("The loss the model trains with, for this example alone");
        case CorrectColumn: return tr("Prediction right (✓) or wrong (✗)");
        }
    }
    return {};
}

SampleFilterModel::SampleFilterModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SampleTableModel::SortRole);
}

void SampleFilterModel::setShow(Show show)
{
    if (show == m_show)
        return;
    m_show = show;
    invalidateFilter();
}

bool SampleFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_show == Show::All)
        return true;
    const bool correct = sourceModel()->index(sourceRow, 0, sourceParent).data(SampleTableModel::CorrectRole).toBool();
    return m_show == Show::CorrectOnly ? correct : !correct;
}

} // namespace studio
