#pragma once

// The softmax written out, one row per step and a last row for the sums: step, token, the score
// e, exp(e − max e), α = exp / Σ. A model over plain numbers, so a 512-step input costs nothing
// until rows are on screen (texts and tooltips are made when the view asks for them).

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace studio {

class SoftmaxTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StepColumn, TokenColumn, ScoreColumn, ExpColumn, WeightColumn, ColumnCount };

    struct Distribution {
        QStringList stepNames;
        std::vector<double> scores;
        std::vector<double> exps;     // exp(e − max e), 0 on padding
        std::vector<double> weights;  // α
        std::vector<bool> padding;
        double largest = 0.0;         // max e over the real steps
        double sum = 0.0;             // Σ exp
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setDistribution(Distribution distribution);
    void setSelectedStep(int step);
    int steps() const { return static_cast<int>(m_distribution.scores.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // A number as the step-through view shows it: three decimals, three digits when tiny.
    static QString shown(double value);

private:
    QString text(int row, int column) const;
    QString toolTip(int row, int column) const;

    Distribution m_distribution;
    int m_selected = -1;
};

} // namespace studio
