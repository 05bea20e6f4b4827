#pragma once

// The rows of a sample evaluation as a table (#, text, true, predicted, confidence, loss, ✓/✗),
// then, once the examples are explained (issue 13), each row's explanation figures: Kendall's τ
// and the top-k overlap of the attention against gradient, occlusion and integrated gradients, the
// attention's AOPC comprehensiveness over random steps', and whether the attention's and the
// occlusion's top step is a deciding one. The proxy sorts it by value and shows all, wrong or
// correct rows only.

#include "runtime/SampleEvaluation.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace studio {

class SampleTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IndexColumn,
        TextColumn,
        TrueColumn,
        PredictedColumn,
        ConfidenceColumn,
        LossColumn,
        CorrectColumn,
        // Explanation figures, empty until explained.
        TauGradientColumn,
        TauOcclusionColumn,
        TauIntegratedGradientsColumn,
        OverlapGradientColumn,
        OverlapOcclusionColumn,
        OverlapIntegratedGradientsColumn,
        AopcOverRandomColumn,
        AttentionTopStepColumn,
        OcclusionTopStepColumn,
        ColumnCount
    };
    static constexpr int kFirstExplanationColumn = TauGradientColumn;
    enum Role {
        SortRole = Qt::UserRole + 1,  // numbers as numbers (the display text would sort "10" before "9")
        CorrectRole,                  // bool: the row's prediction is right
    };

    explicit SampleTableModel(QObject* parent = nullptr);

    void setResult(SampleEvaluationResult result);
    void clear();
    const SampleEvaluationResult& result() const { return m_result; }
    const SampleRow& sampleAt(int row) const { return m_result.rows.at(static_cast<size_t>(row)); }
    // The table row of the example with data index `exampleIndex`, or -1.
    int rowOfExample(int64_t exampleIndex) const;
    // Keeps a map computed on request (the evaluation did not keep it), so the next click is instant.
    void setAttention(int row, const AttentionMap& attention);
    // The figures of the explained rows (matched by example index); a new result clears them.
    void setExplanation(DatasetExplanation explanation);
    const DatasetExplanation& explanation() const { return m_explanation; }
    const ExampleFigures* figuresAt(int row) const;  // null for a row not explained
    // Whether any explained row has a figure for this column (integrated gradients are optional,
    // deciding steps known only for the built-in tasks).
    bool hasFigures(int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const SampleRow& row, int column) const;
    QVariant sortValue(const SampleRow& row, int column) const;
    QVariant explanationData(int row, int column, int role) const;
    double figure(int row, int column) const;  // NaN when the row has none
    TopStepCheck topStep(int row, int column) const;

    SampleEvaluationResult m_result;
    DatasetExplanation m_explanation;
    std::vector<int> m_figuresOf;  // per row: its index in m_explanation.examples, or -1
};

class SampleFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Show { All, WrongOnly, CorrectOnly };

    explicit SampleFilterModel(QObject* parent = nullptr);

    void setShow(Show show);
    Show show() const { return m_show; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Show m_show = Show::All;
};

} // namespace studio
