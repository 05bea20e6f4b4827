#pragma once

// "Inside the attention": for one open model, its input and a chosen step, every quantity from
// the hidden states to the prediction with its real numbers (AttentionTrace, which comes with
// the model's answer): hₜ as a strip, the score eₜ with the variant's formula and its terms
// filled in, the softmax written out (exp, sum, division) for every step, αₜ·hₜ, the context
// vector, the head's outputs and the prediction. The equation of the stage under the pointer
// lights up; every number's tooltip says where it came from. Stepping through the steps (arrow
// keys, the step box, a click on a row, or a click on a token in any view) runs no model: the
// numbers of every step arrived with the answer.

#include "common/AttentionTrace.h"
#include "teaching/TraceFormulas.h"

#include <QWidget>

#include <array>
#include <vector>

class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;
class QTableWidget;
class QToolButton;

namespace studio {

class GateMapView;
class SoftmaxTableModel;
class VectorStrip;

class InsideAttentionPanel : public QWidget {
    Q_OBJECT
public:
    explicit InsideAttentionPanel(QWidget* parent = nullptr);

    // The open models, by their index in the window's list: added, renamed, removed (later
    // indices move down by one), and each one's latest numbers.
    void setModelName(int index, const QString& name);
    void removeModel(int index);
    void setTrace(int index, const AttentionTrace& trace);

    int shownModel() const;  // -1 when no model is open
    void showModel(int index);
    const AttentionTrace& trace() const;
    int step() const { return m_step; }

    // For tests and the window: the parts a person reads.
    QLabel* formulaLabel() const { return m_formula; }
    QLabel* scoreLabel() const { return m_scoreText; }
    QLabel* headLabel() const { return m_prediction; }
    QLabel* messageLabel() const { return m_message; }
    VectorStrip* hiddenStrip() const { return m_hidden; }
    VectorStrip* weightedStrip() const { return m_weighted; }
    VectorStrip* contextStrip() const { return m_context; }
    // The score's terms, in the order the variant shows them (0 to 2).
    VectorStrip* termStrip(int row) const { return m_terms.at(static_cast<size_t>(row)).strip; }
    QTableView* softmaxTable() const { return m_softmax; }
    SoftmaxTableModel* softmaxModel() const { return m_softmaxRows; }
    QTableWidget* headTable() const { return m_head; }
    QSpinBox* stepBox() const { return m_stepBox; }
    QSpinBox* unitBox() const { return m_unit; }
    GateMapView* gateMap() const { return m_gates; }
    QComboBox* directionChoice() const { return m_direction; }
    // The stage whose equation is lit (the one under the pointer).
    TraceStage highlightedStage() const { return m_highlighted; }
    QWidget* stageWidget(TraceStage stage) const;

public Q_SLOTS:
    // 0-based; out-of-range steps are clamped (when there are no numbers yet, once they come).
    // Emits stepSelected when the step changes.
    void setStep(int step);

Q_SIGNALS:
    void stepSelected(int step);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Entry {
        QString name;
        AttentionTrace trace;
    };
    struct TermRow {
        QLabel* label = nullptr;
        VectorStrip* strip = nullptr;
    };

    QWidget* addStage(TraceStage stage, const QString& title, QWidget* parent);
    void refresh();          // after a new trace or model: everything
    void showStep();         // after a new step: the step's numbers
    void showScore();
    void showSoftmax();
    void showContext();
    void showHead();
    void setHighlight(TraceStage stage);
    void showTerm(int row, const QString& label, std::vector<double> values, std::function<QString(int)> explain);

    std::vector<Entry> m_models;
    int m_shown = -1;
    int m_step = 0;
    TraceStage m_highlighted = TraceStage::None;

    QComboBox* m_modelChoice = nullptr;
    QSpinBox* m_stepBox = nullptr;
    QToolButton* m_previous = nullptr;
    QToolButton* m_next = nullptr;
    QLabel* m_stepName = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_stages = nullptr;
    QLabel* m_formula = nullptr;
    std::vector<std::pair<TraceStage, QWidget*>> m_stageWidgets;
    GateMapView* m_gates = nullptr;
    QComboBox* m_direction = nullptr;
    QLabel* m_gatesText = nullptr;
    VectorStrip* m_hidden = nullptr;
    QLabel* m_hiddenText = nullptr;
    std::array<TermRow, 3> m_terms{};
    QLabel* m_scoreText = nullptr;
    QLabel* m_softmaxText = nullptr;
    QSpinBox* m_unit = nullptr;
    QTableView* m_softmax = nullptr;
    SoftmaxTableModel* m_softmaxRows = nullptr;
    VectorStrip* m_weighted = nullptr;
    QLabel* m_weightedText = nullptr;
    QLabel* m_contextText = nullptr;
    VectorStrip* m_beforeTanh = nullptr;
    VectorStrip* m_context = nullptr;
    QTableWidget* m_head = nullptr;
    QLabel* m_prediction = nullptr;
};

} // namespace studio
