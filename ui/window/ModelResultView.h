#pragma once

// One model's answer to the current input: its name, what to know about it (notes), the choices
// that belong to this model alone, prediction, warnings and attention, drawn the way the
// attention's shape asks for (text flow and a one-row heatmap, a matrix, or a series with a heat
// strip under it).
//
// The choices, each shown only when it means something for this model:
// - Attention: which softmax to show, when the model computes more than one ("first that fits" by
//   default);
// - Layout: how a TorchScript model is fed (Auto, batch-first, time-major), with the sentence
//   saying which layout was used and why;
// - Formula: how a Keras custom attention layer is read, when its weights fit more than one.
// The view only says what the person chose; the owner passes it to the model.
//
// Each flaw the warnings diagnose (wrong softmax axis, padding weight, ...) gets a "Why?" link that
// opens its explanation: the cause, the tutorial line that causes it, and the fix.

#include "common/ValueTypes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace studio {

class AttentionMatrixView;
class AttentionRowView;
class SeriesAttentionView;
class TokenAttentionPanel;
struct SeriesData;

class ModelResultView : public QWidget {
    Q_OBJECT
public:
    explicit ModelResultView(QWidget* parent = nullptr);

    // Again after the model is reopened (another formula): the choices offered are kept.
    void setSummary(const ModelSummary& summary);
    void setResult(const InferenceResult& result);
    void setError(const QString& message);
    // Series models: the input as typed or loaded, plotted above the attention.
    void setSeriesInput(const SeriesData& series);
    // The formula the model reads now (empty: the default), shown in "Formula:" without a signal;
    // for a reopen that failed, where the model keeps the formula it had.
    void showFormula(const QString& formula);

    const ModelSummary& summary() const { return m_summary; }
    const InferenceResult& result() const { return m_result; }
    // The figure on screen now, for export (the heatmap, matrix or series plot).
    QWidget* currentFigure() const;
    TokenAttentionPanel* tokenPanel() const { return m_tokens; }
    AttentionRowView* rowView() const { return m_row; }
    AttentionMatrixView* matrixView() const { return m_matrix; }
    SeriesAttentionView* seriesView() const { return m_series; }
    QComboBox* candidateChoice() const { return m_candidate; }
    QComboBox* layoutChoice() const { return m_layout; }
    QComboBox* formulaChoice() const { return m_formula; }
    QLabel* notesLabel() const { return m_notes; }
    QLabel* layoutNoteLabel() const { return m_layoutNote; }
    QLabel* warningsLabel() const { return m_warnings; }
    QLabel* flawLinksLabel() const { return m_flawLinks; }

public Q_SLOTS:
    // Opens (or raises) the explanation of `flaw`.
    void showFlawExplanation(studio::ModelFlaw flaw);
    // The step chosen anywhere (a click, the step-through view), marked in the text.
    void setSelectedStep(int step);
    // Steps known to decide the label (a known-answer lesson), marked under the text.
    void setDecidingSteps(std::vector<bool> deciding);

Q_SIGNALS:
    void candidateChosen(int candidate);            // 0-based; -1: the first that fits
    void layoutChosen(studio::SequenceLayout layout);
    void formulaChosen(const QString& formula);     // empty: the reading chosen by default
    void stepClicked(int step);                     // a token clicked: the step-through view follows

private:
    void showMessage(const QString& text);
    void updateCandidates();
    void updateChoicesRow();
    void updateFlawLinks();

    ModelSummary m_summary;
    InferenceResult m_result;
    QLabel* m_title = nullptr;
    QLabel* m_prediction = nullptr;
    QLabel* m_warnings = nullptr;
    QLabel* m_flawLinks = nullptr;
    QLabel* m_notes = nullptr;
    QWidget* m_choices = nullptr;
    QLabel* m_candidateLabel = nullptr;
    QComboBox* m_candidate = nullptr;
    int m_candidateChoice = -1;  // what the person chose, kept while a result lists no candidates
    QLabel* m_layoutLabel = nullptr;
    QComboBox* m_layout = nullptr;
    QLabel* m_formulaLabel = nullptr;
    QComboBox* m_formula = nullptr;
    QLabel* m_layoutNote = nullptr;
    QStackedWidget* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_textPage = nullptr;
    TokenAttentionPanel* m_tokens = nullptr;
    AttentionRowView* m_row = nullptr;
    AttentionMatrixView* m_matrix = nullptr;
    SeriesAttentionView* m_series = nullptr;
    int m_seriesSteps = 0;  // steps of the series input, to place a window's attention under its end
};

} // namespace studio
