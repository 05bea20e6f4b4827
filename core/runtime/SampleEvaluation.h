#pragma once

// Every example of a dataset through a saved model, for the sample browser: prediction, true
// label, confidence, loss, right or wrong, and the attention of each example. The work runs on a
// worker thread (SampleEvaluationWorker); this object lives on the GUI thread and forwards.
// No torch header here: ui/ includes this file.

#include "analysis/DatasetExplanation.h"
#include "common/ValueTypes.h"
#include "data/BuiltinTasks.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace studio {

class SampleEvaluationWorker;

// Where the examples come from.
struct SampleSource {
    enum class Kind { BuiltinTask, TextFile };

    // The examples of a built-in task (keyword, spike, adding) generated with `options`.
    static SampleSource builtinTask(const QString& name, const TaskOptions& options);
    // The labelled texts of a CSV, TSV, JSON, JSONL file or class folder, prepared as the model's
    // training prepared its text (saved tokenizer, vocabulary and classes).
    static SampleSource textFile(const QString& path);
    // Only the examples the model was validated on: the data is split with the run's saved seed
    // and fractions exactly as training split it. Meaningful only when the source is the data the
    // model was trained on (for a built-in task: the same name, count, length and seed).
    SampleSource validationSplit() const;

    // "the \"keyword\" task", "reviews.csv", "the validation split of reviews.csv": for messages.
    QString describe() const;

    Kind kind = Kind::BuiltinTask;
    QString task = QStringLiteral("keyword");
    TaskOptions taskOptions;
    QString path;
    bool validationOnly = false;
    int maxExamples = 5000;  // the first ones are evaluated; SampleEvaluationResult::available says how many there were
};

// One evaluated example.
struct SampleRow {
    int64_t index = 0;          // the example's position in the data (0-based)
    QString text;               // the words joined by spaces (cut to a preview), or "series of T steps"
    // Token input: the ids the model read. A word the vocabulary lacks is shown as written in
    // `text` and attention.tokens, while its id here is Vocabulary::kUnkId (1).
    std::vector<int64_t> tokenIds;
    QString trueLabel;          // class name, or the target value(s) for regression
    QString predictedLabel;     // class name, or the predicted value(s)
    // Probability of the predicted class, and of the true class; NaN for regression.
    double confidence = std::numeric_limits<double>::quiet_NaN();
    double trueProbability = std::numeric_limits<double>::quiet_NaN();
    // The head's training loss for this one example: binary cross-entropy on the logit,
    // cross-entropy with the true class, or squared error averaged over the outputs (regression).
    double loss = 0.0;
    bool correct = false;       // predicted class == true class; always false for regression
    // The example's attention, tokens included. Empty when the model has none, or when it was not
    // kept (attentionKept false): SampleEvaluation::requestAttention computes it again.
    AttentionMap attention;
    bool attentionKept = false;
};

struct SampleEvaluationResult {
    QString modelPath;
    QString source;             // SampleSource::describe()
    bool classification = true; // false: regression (no classes, no confidence, no "correct")
    bool hasAttention = true;   // false for a model with `none` attention
    QStringList labels;         // the model's classes
    int64_t available = 0;      // examples the source holds (before maxExamples)
    int64_t planned = 0;        // examples that were to be evaluated: min(available, maxExamples)
    bool cancelled = false;     // rows holds the examples evaluated before the cancel
    std::vector<SampleRow> rows;

    // Fraction of rows predicted correctly (NaN without rows or for regression), mean loss (NaN without rows).
    double accuracy() const;
    double meanLoss() const;
    int64_t correctCount() const;
};

// The GUI-thread side. One evaluation at a time: start() while one runs cancels it and its
// answer is never delivered (every run carries an id; only the newest one's signals go out).
class SampleEvaluation : public QObject {
    Q_OBJECT
public:
    // Attention kept in the rows, in bytes; maps beyond it are computed again when asked for.
    // Why both: a {T} map of a 100-token text costs ~4 KB with its words, so 5000 rows fit in
    // ~20 MB and clicks are instant without the model; a {T, T} self-attention map of 500-token
    // texts costs 1 MB each, and 5000 of them would take 5 GB. Under the budget (every ordinary
    // case) the maps are kept; past it, the worker keeps the model and data and reruns the one
    // example that is clicked (milliseconds), rather than holding gigabytes no one looks at.
    static constexpr qint64 kDefaultAttentionBudget = 256LL * 1024 * 1024;

    explicit SampleEvaluation(QObject* parent = nullptr);
    ~SampleEvaluation() override;  // cancels a running evaluation and waits for the thread

    // Loads the model file at `modelPath` and evaluates `source` with it on the worker: a native
    // model in batches; a TorchScript or Keras model one text at a time through ModelSession
    // (a labelled text file only: their training data is not known).
    void start(const QString& modelPath, const SampleSource& source);
    void cancel();  // the run stops after the batch in hand and delivers the rows done so far; an
                    // explanation run stops after the stage in hand and delivers the examples finished
    bool isRunning() const { return m_running; }

    // Explains the examples `exampleIndices` of the last delivered result (issue 13, over a
    // dataset) with the model that evaluated them, on the worker: answered by explained (or
    // explanationFailed), with explanationProgress meanwhile. A newer explain() or start() drops
    // the older run's answer.
    void explain(const std::vector<int64_t>& exampleIndices, const ExplainOptions& options);
    bool isExplaining() const { return m_explaining; }

    // Attention of an example of the last delivered result whose map was not kept:
    // answered by attentionReady (or attentionFailed).
    void requestAttention(int64_t exampleIndex);
    void setAttentionBudget(qint64 bytes) { m_attentionBudget = bytes; }
    qint64 attentionBudget() const { return m_attentionBudget; }

Q_SIGNALS:
    void progress(qint64 done, qint64 total);  // at most every ~30 ms, and once at the end
    void finished(const studio::SampleEvaluationResult& result);
    void failed(const QString& message);  // one sentence naming the model or data file
    void attentionReady(qint64 exampleIndex, const studio::AttentionMap& attention);
    void attentionFailed(qint64 exampleIndex, const QString& message);
    void explanationProgress(qint64 done, qint64 total);  // the first example at once, then at most every ~30 ms
    void explained(const studio::DatasetExplanation& result);
    void explanationFailed(const QString& message);

private:
    QThread m_thread;
    SampleEvaluationWorker* m_worker = nullptr;  // owned by m_thread (deleteLater on finish)
    std::shared_ptr<std::atomic<bool>> m_cancel;  // the running evaluation's flag
    quint64 m_lastRun = 0;
    quint64 m_deliveredRun = 0;  // the run whose rows requestAttention refers to
    bool m_running = false;
    std::shared_ptr<std::atomic<bool>> m_explainCancel;
    quint64 m_lastExplain = 0;
    bool m_explaining = false;
    qint64 m_attentionBudget = kDefaultAttentionBudget;
};

} // namespace studio

Q_DECLARE_METATYPE(studio::SampleSource)
Q_DECLARE_METATYPE(studio::SampleRow)
Q_DECLARE_METATYPE(studio::SampleEvaluationResult)
