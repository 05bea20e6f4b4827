#pragma once

// "Is it an explanation?" (issue 13): beside the attention, for one open model and the current
// input, the attention and each attribution as rows over the same steps, and the figures that say
// whether the attention explains the prediction — agreement, faithfulness, interventions — each
// with one sentence on how to read it. Computed on its own worker (runtime/LiveExplanation) while
// the panel is shown, stage by stage, cheapest first; newer input stops older work. Typing never
// waits on it.

#include "common/Explanation.h"
#include "common/ValueTypes.h"
#include "session/ModelSession.h"  // SessionOptions; torch-free

#include <QWidget>

#include <optional>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;
class QPushButton;

namespace studio {

class ExplanationFigure;
class ExplanationRows;
class LiveExplanation;

class ExplanationPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExplanationPanel(QWidget* parent = nullptr);

    // The open models, by their index in the window's list (as InsideAttentionPanel keeps them).
    void setModel(int index, const QString& name, const QString& path, const SessionOptions& options);
    void removeModel(int index);
    void showModel(int index);
    int shownModel() const;
    void setInput(const InferenceRequest& input);
    // Shown: explanations run; hidden: nothing runs.
    void setActive(bool active);

    // The rows and the report as one figure (File ▸ Export, attention-cli render --view explain).
    ExplanationFigure* figure() const { return m_figure; }
    ExplanationRows* rows() const;
    QLabel* report() const;
    QLabel* status() const { return m_status; }
    const Explanation& explanation() const { return m_explanation; }
    LiveExplanation* live() const { return m_live; }
    // "Attention from another input:": the text whose attention the frozen intervention puts on
    // this input's hidden states (ExplainOptions::frozenFrom), taken on Enter or leaving the field.
    QLineEdit* frozenInput() const { return m_frozenInput; }

Q_SIGNALS:
    void exportRequested(QWidget* figure);
    // A stage's answer was shown (partial or complete).
    void explanationShown(const studio::Explanation& explanation);

private:
    void openShown();
    void applyOptions();
    void onUpdated(const Explanation& explanation);
    void showExplanation(const Explanation& explanation);
    void followModelKind(const ModelSummary& summary);

    struct Model {
        QString name;
        QString path;
        SessionOptions options;
    };
    std::vector<Model> m_models;
    LiveExplanation* m_live = nullptr;
    QComboBox* m_modelChoice = nullptr;
    QSpinBox* m_igSteps = nullptr;
    QSpinBox* m_topK = nullptr;
    QPushButton* m_export = nullptr;
    QLineEdit* m_frozenInput = nullptr;
    QString m_frozenText;  // what the options carry now (the field may be mid-edit)
    QLabel* m_status = nullptr;
    ExplanationFigure* m_figure = nullptr;
    // Answers arrive with every stage of every keystroke; drawing each would take the GUI thread
    // from the typing. One is drawn at once, then at most one per interval: the newest waiting.
    QTimer* m_redraw = nullptr;
    std::optional<Explanation> m_waiting;
    Explanation m_explanation;
};

} // namespace studio
