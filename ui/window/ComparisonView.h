#pragma once

// The models side by side on the same input: one result view per model (aligned token by token,
// step by step), their predictions in one table, and the difference A − B of two models' attention
// with the diverging colormap. Holds any number of models. Each model's own choices (softmax
// candidate, layout, formula) are made on its panel and passed on with the model's index.

#include "common/ValueTypes.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QScrollArea;
class QSplitter;
class QStackedWidget;
class QTableWidget;

namespace studio {

class AttentionMatrixView;
class AttentionRowView;
class ModelResultView;
struct SeriesData;

class ComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit ComparisonView(QWidget* parent = nullptr);

    void addModel(const ModelSummary& summary);
    void removeModel(int index);
    // The model was reopened (another formula): its panel keeps its place and its choices.
    void setSummary(int index, const ModelSummary& summary);
    void setResult(int index, const InferenceResult& result);
    void setError(int index, const QString& message);
    void setSeriesInput(const SeriesData& series);

    int modelCount() const { return static_cast<int>(m_views.size()); }
    ModelResultView* modelView(int index) const { return m_views.value(index); }
    QTableWidget* predictionTable() const { return m_table; }
    QLabel* agreementNote() const { return m_agreementNote; }  // for tests
    AttentionRowView* differenceRow() const { return m_differenceRow; }
    // The difference view when it is shown, else the first model's figure; null when empty.
    QWidget* currentFigure() const;

Q_SIGNALS:
    void candidateChosen(int index, int candidate);
    void layoutChosen(int index, studio::SequenceLayout layout);
    void formulaChosen(int index, const QString& formula);
    void stepClicked(int step);  // in any model's text: the same input, so the same step in all

public:
    // Marks `step` in every model's text.
    void setSelectedStep(int step);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTableRow(int index);
    void updateDifference();
    void updateAgreement(const AttentionMap& a, const AttentionMap& b);
    void refreshChoices();
    void fitHeights();

    QList<ModelResultView*> m_views;
    QScrollArea* m_scroll = nullptr;
    QSplitter* m_split = nullptr;
    QTableWidget* m_table = nullptr;
    QWidget* m_differenceBox = nullptr;
    QComboBox* m_first = nullptr;
    QComboBox* m_second = nullptr;
    QLabel* m_differenceNote = nullptr;
    QLabel* m_agreementNote = nullptr;  // how far the two attentions agree: τ, top-k overlap, JS distance
    QStackedWidget* m_differencePages = nullptr;
    AttentionRowView* m_differenceRow = nullptr;
    AttentionMatrixView* m_differenceMatrix = nullptr;
    QLabel* m_empty = nullptr;
};

} // namespace studio
