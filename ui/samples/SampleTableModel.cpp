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

bool isExplanationColumn(int column)
{
    return column >= SampleTableModel::kFirstExplanationColumn && column < SampleTableModel::ColumnCount;
}

bool isTopStepColumn(int column)
{
    return column == SampleTableModel::AttentionTopStepColumn || column == SampleTableModel::OcclusionTopStepColumn;
}

// The attribution method a τ, overlap or top-step column compares the attention with.
AttributionMethod methodOf(int column)
{
    switch (column) {
    case SampleTableModel::TauGradientColumn:
    case SampleTableModel::OverlapGradientColumn: return AttributionMethod::Gradient;
    case SampleTableModel::TauIntegratedGradientsColumn:
    case SampleTableModel::OverlapIntegratedGradientsColumn: return AttributionMethod::IntegratedGradients;
    case SampleTableModel::AttentionTopStepColumn: return AttributionMethod::Attention;
    default: return AttributionMethod::Occlusion;
    }
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
    m_explanation = {};
    m_figuresOf.assign(m_result.rows.size(), -1);
    endResetModel();
}

void SampleTableModel::setExplanation(DatasetExplanation explanation)
{
    m_explanation = std::move(explanation);
    m_figuresOf.assign(m_result.rows.size(), -1);
    for (size_t i = 0; i < m_explanation.examples.size(); ++i) {
        const int row = rowOfExample(m_explanation.examples[i].index);
        if (row >= 0)
            m_figuresOf[static_cast<size_t>(row)] = static_cast<int>(i);
    }
    // The rows stay (and so do the selection and the sort); only the figure columns change.
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, kFirstExplanationColumn), index(rowCount() - 1, ColumnCount - 1));
}

const ExampleFigures* SampleTableModel::figuresAt(int row) const
{
    if (row < 0 || static_cast<size_t>(row) >= m_figuresOf.size() || m_figuresOf[static_cast<size_t>(row)] < 0)
        return nullptr;
    return &m_explanation.examples[static_cast<size_t>(m_figuresOf[static_cast<size_t>(row)])];
}

double SampleTableModel::figure(int row, int column) const
{
    const ExampleFigures* figures = figuresAt(row);
    if (!figures)
        return std::nan("");
    if (column == AopcOverRandomColumn)
        return figures->attentionAopcOverRandom();
    const MethodAgreement* agreement = figures->agreementWith(methodOf(column));
    if (!agreement)
        return std::nan("");
    const bool tau = column == TauGradientColumn || column == TauOcclusionColumn || column == TauIntegratedGradientsColumn;
    return tau ? agreement->kendallTau : agreement->topKOverlap;
}

TopStepCheck SampleTableModel::topStep(int row, int column) const
{
    const ExampleFigures* figures = figuresAt(row);
    return figures ? figures->topStepOf(methodOf(column)) : TopStepCheck::Unmarked;
}

bool SampleTableModel::hasFigures(int column) const
{
    for (const ExampleFigures& figures : m_explanation.examples) {
        if (isTopStepColumn(column) ? figures.topStepOf(methodOf(column)) != TopStepCheck::Unmarked
            : column == AopcOverRandomColumn ? !std::isnan(figures.attentionAopcOverRandom())
                                             : figures.agreementWith(methodOf(column)) != nullptr)
            return true;
    }
    return false;
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

QVariant SampleTableModel::explanationData(int row, int column, int role) const
{
    if (isTopStepColumn(column)) {
        const TopStepCheck check = topStep(row, column);
        switch (role) {
        case Qt::DisplayRole:
            return check == TopStepCheck::Unmarked ? QString() : check == TopStepCheck::Decides ? QStringLiteral("✓") : QStringLiteral("✗");
        case SortRole: return check == TopStepCheck::Unmarked ? QVariant() : QVariant(check == TopStepCheck::Decides ? 1 : 0);
        case Qt::TextAlignmentRole: return int(Qt::AlignCenter);
        case Qt::ForegroundRole:
            return check == TopStepCheck::Unmarked ? QVariant() : QVariant(check == TopStepCheck::Decides ? kRightColour : kWrongColour);
        default: return {};
        }
    }
    const double value = figure(row, column);
    switch (role) {
    case Qt::DisplayRole:
        if (!figuresAt(row))
            return QString();  // not explained (yet)
        return std::isnan(value) ? QStringLiteral("—") : QString::number(value, 'f', column == AopcOverRandomColumn ? 4 : 3);
    case SortRole: return std::isnan(value) ? QVariant() : QVariant(value);
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (figuresAt(row) && std::isnan(value) && column != AopcOverRandomColumn)
            return tr("Undefined: the attention or this method gives every step the same score");
        return {};
    default: return {};
    }
}

QVariant SampleTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = index.column();
    if (isExplanationColumn(column) && role != CorrectRole)
        return explanationData(index.row(), column, role);
    const SampleRow& row = sampleAt(index.row());
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
        case TauGradientColumn: return tr("τ gradient");
        case TauOcclusionColumn: return tr("τ occlusion");
        case TauIntegratedGradientsColumn: return tr("τ IG");
        case OverlapGradientColumn: return tr("Top-%1 gradient").arg(m_explanation.topK);
        case OverlapOcclusionColumn: return tr("Top-%1 occlusion").arg(m_explanation.topK);
        case OverlapIntegratedGradientsColumn: return tr("Top-%1 IG").arg(m_explanation.topK);
        case AopcOverRandomColumn: return tr("AOPC − random");
        case AttentionTopStepColumn: return tr("Attention's top");
        case OcclusionTopStepColumn: return tr("Occlusion's top");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn: return tr("The example's position in the data, from 1");
        case ConfidenceColumn: return tr("Probability the model gives its predicted class");
        case LossColumn: return tr("The loss the model trains with, for this example alone");
        case CorrectColumn: return tr("Prediction right (✓) or wrong (✗)");
        case TauGradientColumn:
        case TauOcclusionColumn:
        case TauIntegratedGradientsColumn:
            return tr("Kendall's τ between the attention weights and this method's per-step magnitudes: 1 the same order, "
                      "0 unrelated, −1 reversed");
        case OverlapGradientColumn:
        case OverlapOcclusionColumn:
        case OverlapIntegratedGradientsColumn:
            return tr("Share of the %1 most attended steps that are among this method's %1 largest").arg(m_explanation.topK);
        case AopcOverRandomColumn:
            return tr("How much more the score drops when the most attended steps are removed than when as many random "
                      "steps are (AOPC comprehensiveness, attention minus random); above 0, the attention found steps the "
                      "score rests on");
        case AttentionTopStepColumn:
            return tr("Whether the most attended step is one of the steps that decide the label (✓) or not (✗); empty "
                      "where the data does not say which steps decide");
        case OcclusionTopStepColumn:
            return tr("Whether the step whose removal changes the score most is one of the steps that decide the label");
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
