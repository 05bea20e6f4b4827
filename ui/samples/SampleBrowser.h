#pragma once

// Browse a dataset through a model: every example's prediction, true label, confidence and
// loss in a sortable table, filtered to all / wrong / correct rows, with a summary line
// (accuracy, count, mean loss). Clicking a row shows that example's attention under the table
// and emits sampleChosen. The evaluation runs on a worker thread (SampleEvaluation), with a
// progress bar and Cancel; usable on its own or as a dock of the main window. Explain then
// explains the evaluated examples on the same worker (issue 13): each row gains its agreement and
// faithfulness figures as sortable columns, and a second line summarises them (medians, quartiles,
// how often the top step is a deciding one).

#include "samples/SampleTableModel.h"
#include "runtime/SampleEvaluation.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace studio {

class AttentionRowView;
class TokenAttentionPanel;

class SampleBrowser : public QWidget {
    Q_OBJECT
public:
    explicit SampleBrowser(QWidget* parent = nullptr);

    // Evaluates `source` with the native model file at `modelPath`; a run in progress is replaced.
    void evaluate(const QString& modelPath, const SampleSource& source);
    void cancel();
    bool isEvaluating() const { return m_evaluation->isRunning(); }
    // Explains every evaluated example (as the Explain button does): attention, gradient and
    // occlusion, and integrated gradients when its box is ticked.
    void explainExamples();
    bool isExplaining() const { return m_evaluation->isExplaining(); }
    void setShow(SampleFilterModel::Show show);

    // The parts, for the window (status bar, export) and tests.
    SampleEvaluation* evaluation() const { return m_evaluation; }
    QTableView* table() const { return m_table; }
    SampleTableModel* samples() const { return m_samples; }
    SampleFilterModel* filter() const { return m_filter; }
    QComboBox* showBox() const { return m_showBox; }
    QLabel* summaryLabel() const { return m_summary; }
    QLabel* exampleCaption() const { return m_caption; }
    QProgressBar* progressBar() const { return m_progress; }
    QPushButton* cancelButton() const { return m_cancel; }
    QPushButton* explainButton() const { return m_explain; }
    QCheckBox* integratedGradientsBox() const { return m_withIntegratedGradients; }
    QLabel* explanationSummaryLabel() const { return m_explanationSummary; }
    TokenAttentionPanel* tokenPanel() const { return m_tokens; }
    AttentionRowView* rowView() const { return m_row; }

Q_SIGNALS:
    // A row was chosen (click or keyboard): its attention, and a line saying which example it is.
    void sampleChosen(const studio::AttentionMap& attention, const QString& label);
    void evaluationFinished(const QString& summary);
    void evaluationFailed(const QString& message);
    void explanationFinished(const QString& summary);
    void explanationFailed(const QString& message);

private:
    void onFinished(const SampleEvaluationResult& result);
    void onFailed(const QString& message);
    void onProgress(qint64 done, qint64 total);
    void onAttentionReady(qint64 exampleIndex, const AttentionMap& attention);
    void onCurrentChanged(const QModelIndex& current);
    void showSample(int sourceRow);
    void setBusy(bool busy);
    void updateSummary();
    void onExplained(const DatasetExplanation& explanation);
    void showExplanationColumns();
    QString explanationSummary(const DatasetExplanation& explanation) const;
    QString describe(const SampleRow& row) const;

    SampleEvaluation* m_evaluation = nullptr;
    SampleTableModel* m_samples = nullptr;
    SampleFilterModel* m_filter = nullptr;
    QComboBox* m_showBox = nullptr;
    QLabel* m_summary = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_explain = nullptr;
    QCheckBox* m_withIntegratedGradients = nullptr;
    QLabel* m_explanationSummary = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_caption = nullptr;
    TokenAttentionPanel* m_tokens = nullptr;
    AttentionRowView* m_row = nullptr;
    int64_t m_waitingFor = -1;  // the example whose attention was asked of the worker
};

} // namespace studio
