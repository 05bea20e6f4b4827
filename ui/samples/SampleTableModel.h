#pragma once

// The rows of a sample evaluation as a table (#, text, true, predicted, confidence, loss, ✓/✗),
// and the proxy that sorts it by value and shows all, wrong or correct rows only.

#include "runtime/SampleEvaluation.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace studio {

class SampleTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IndexColumn, TextColumn, TrueColumn, PredictedColumn, ConfidenceColumn, LossColumn, CorrectColumn, ColumnCount };
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

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const SampleRow& row, int column) const;
    QVariant sortValue(const SampleRow& row, int column) const;

    SampleEvaluationResult m_result;
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
