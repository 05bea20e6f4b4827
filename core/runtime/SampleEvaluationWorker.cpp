#include "runtime/SampleEvaluationWorker.h"

#include "runtime/LoadedSamples.h"
#include "runtime/SampleExplanation.h"

#include "common/StudioError.h"
#include "data/DataSplit.h"
#include "data/TextDataset.h"
#include "data/TextImport.h"
#include "model/Prediction.h"
#include "train/Batch.h"
#include "train/ModelFile.h"

#include <ATen/Parallel.h>
#include <torch/utils.h>

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>

namespace studio {

namespace {

// Examples per forward pass: as train/Evaluation.cpp, a batch the CPU runs efficiently.
constexpr size_t kBatchSize = 64;
// Progress reports faster than this are merged: the window redraws at most ~30 times a second.
constexpr qint64 kProgressIntervalMs = 30;
// A row shows the start of its text; the attention view shows all of it.
constexpr int kPreviewCharacters = 240;

// Keyword and spike models with three classes were trained with the "no keyword / no spike"
// class, so their data must have it too (as attention-cli evaluate does).
TaskOptions taskOptionsFor(const SampleSource& source, const ModelConfig& model)
{
    TaskOptions options = source.taskOptions;
    const bool hasNeutralClass = source.task == QLatin1String("keyword") || source.task == QLatin1String("spike");
    if (hasNeutralClass && model.head == HeadKind::MultiClass)
        options.neutralClass = true;
    return options;
}

// The labelled texts of a file, read with the columns the model was trained on when it is the
// same file name (a training file with an unusual column), else found by the usual names.
TextCorpus importLabelledText(const QString& path, const RunState& state, const std::atomic<bool>* cancel)
{
    const QJsonObject trainedOn = state.preprocessing.value(QStringLiteral("source")).toObject();
    TextImportOptions options;
    if (trainedOn.value(QStringLiteral("file")).toString() == QFileInfo(path).fileName()
        && trainedOn.value(QStringLiteral("format")).toString() != QLatin1String("folder")) {
        options.textField = trainedOn.value(QStringLiteral("textField")).toString();
        options.labelField = trainedOn.value(QStringLiteral("labelField")).toString();
    }
    ImportControl control;
    control.cancel = cancel;  // a big file is read in seconds: Cancel (or closing the window) stops it too
    TextCorpus corpus = importText(path, options, control);
    if (!corpus.hasLabels())
        throw StudioError(QStringLiteral("%1 has no labels: the sample browser needs the true class of every text "
                                         "(a label column such as label, class or sentiment).")
                              .arg(path));
    return corpus;
}

// Throws StudioError, naming the model file and the data, when the model cannot read the data.
void checkDataFitsModel(const QString& modelPath, const QString& dataName, const Dataset& data, const RunState& state)
{
    const ModelConfig& model = state.model;
    const QString trainedOn = state.dataName.isEmpty() ? QString() : QStringLiteral(" (it was trained on \"%1\")").arg(state.dataName);
    if (data.input != model.input)
        throw StudioError(QStringLiteral("The model in %1 reads %2 but %3 holds %4%5.")
                              .arg(modelPath, toString(model.input), dataName, toString(data.input), trainedOn));
    if (data.head != model.head || data.outputs != model.outputs)
        throw StudioError(QStringLiteral("The model in %1 has a %2 head with %3 outputs but %4 needs %5 with %6%7.")
                              .arg(modelPath, toString(model.head))
                              .arg(model.outputs)
                              .arg(dataName, toString(data.head))
                              .arg(data.outputs)
                              .arg(trainedOn));
    if (data.input == InputKind::Series && data.features != model.inputFeatures)
        throw StudioError(QStringLiteral("The model in %1 reads %2 features per step but %3 has %4%5.")
                              .arg(modelPath)
                              .arg(model.inputFeatures)
                              .arg(dataName)
                              .arg(data.features)
                              .arg(trainedOn));
    // Same ids must mean the same words, or every number would be meaningless.
    if (data.input == InputKind::Tokens && data.vocabulary.toJson() != state.vocabulary.toJson())
        throw StudioError(QStringLiteral("The vocabulary saved in %1 differs from the one of %2%3.")
                              .arg(modelPath, dataName, trainedOn));
    if (model.attention == AttentionKind::PositionalBias) {
        int64_t longest = 0;
        for (const Example& example : data.examples)
            longest = std::max(longest, data.length(example));
        if (longest > model.maxLength)
            throw StudioError(QStringLiteral("The model in %1 has positional-bias attention for %2 steps, but %3 has "
                                             "examples of %4 steps.")
                                  .arg(modelPath)
                                  .arg(model.maxLength)
                                  .arg(dataName)
                                  .arg(longest));
    }
    if (data.size() == 0)
        throw StudioError(QStringLiteral("%1 has no examples.").arg(dataName));
}

// Fills samples.data (and, for text files, samples.corpus and pieceOf) from the source.
void loadSourceData(const SampleSource& source, LoadedSamples& samples, const std::atomic<bool>* cancel)
{
    const RunState& state = samples.model.state;
    if (source.kind == SampleSource::Kind::BuiltinTask) {
        samples.data = makeBuiltinTask(source.task, taskOptionsFor(source, state.model));
        return;
    }
    if (state.model.input != InputKind::Tokens)
        throw StudioError(QStringLiteral("The model in %1 reads %2, so it cannot be evaluated on the text file %3.")
                              .arg(samples.modelPath, toString(state.model.input), source.path));
    samples.corpus = importLabelledText(source.path, state, cancel);
    // The saved vocabulary and classes, so the examples are the ones the run trained on (as
    // attention-cli's reloadTrainingData does); words the model never saw read as <unk>.
    const TextEncoding encoding{state.preprocessing, state.vocabulary, state.labels};
    std::vector<int64_t> exampleRecords;
    samples.data = encodeCorpus(*samples.corpus, encoding, {}, &exampleRecords);
    samples.data.groups = std::move(exampleRecords);  // the split keeps the pieces of one text together
    const std::vector<int64_t>& groups = samples.data.groups;
    samples.pieceOf.assign(groups.size(), 0);
    for (size_t i = 1; i < groups.size(); ++i)
        if (groups[i] == groups[i - 1])
            samples.pieceOf[i] = samples.pieceOf[i - 1] + 1;
}

// The tokens of an example as a person reads them: the words of its text (as the tokenizer cut
// them) for a text file, the vocabulary's tokens otherwise.
QStringList wordsOf(const LoadedSamples& samples, int64_t exampleIndex)
{
    const Example& example = samples.data.examples[static_cast<size_t>(exampleIndex)];
    const Vocabulary& vocabulary = samples.model.state.vocabulary;
    if (samples.corpus) {
        std::vector<QStringList> pieces;
        const int64_t record = samples.data.groups[static_cast<size_t>(exampleIndex)];
        encodeTextPieces(samples.corpus->text(record), samples.model.state.preprocessing, vocabulary, &pieces);
        const auto piece = static_cast<size_t>(samples.pieceOf[static_cast<size_t>(exampleIndex)]);
        if (piece < pieces.size() && pieces[piece].size() == static_cast<qsizetype>(example.tokens.size()))
            return pieces[piece];
    }
    QStringList tokens;
    tokens.reserve(static_cast<qsizetype>(example.tokens.size()));
    for (int64_t id : example.tokens)
        tokens << vocabulary.tokenAt(id);
    return tokens;
}

// The examples to evaluate, in data order: all, or the run's validation split.
std::vector<int64_t> chosenExamples(const SampleSource& source, const Dataset& data, const RunState& state,
                                    const QString& modelPath)
{
    if (!source.validationOnly) {
        std::vector<int64_t> all(static_cast<size_t>(data.size()));
        for (size_t i = 0; i < all.size(); ++i)
            all[i] = static_cast<int64_t>(i);
        return all;
    }
    std::vector<int64_t> validation = splitDataset(data, state.training.splitPlan()).validation;
    if (validation.empty())
        throw StudioError(QStringLiteral("The model in %1 was trained without a validation split, so %2 has none: "
                                         "evaluate all of its examples instead.")
                              .arg(modelPath, source.describe()));
    std::sort(validation.begin(), validation.end());
    return validation;
}

QString previewOf(const Dataset& data, const Example& example, const QStringList& words)
{
    if (data.input == InputKind::Series) {
        const int64_t steps = data.length(example);
        return data.features > 1 ? QStringLiteral("series of %1 steps × %2 features").arg(steps).arg(data.features)
                                 : QStringLiteral("series of %1 steps").arg(steps);
    }
    QString text;
    for (const QString& word : words) {
        if (!text.isEmpty())
            text += QLatin1Char(' ');
        text += word;
        if (text.size() > kPreviewCharacters)
            return text.left(kPreviewCharacters) + QChar(0x2026);  // …
    }
    return text;
}

QString valuesText(const float* values, int64_t count)
{
    QStringList parts;
    for (int64_t i = 0; i < count; ++i)
        parts << QString::number(static_cast<double>(values[i]), 'g', 4);
    return parts.join(QStringLiteral(", "));
}

QString className(const QStringList& labels, int64_t index)
{
    return index >= 0 && index < labels.size() ? labels.at(static_cast<int>(index)) : QString::number(index);
}

// Prediction, confidence and loss of one example from its raw output; the loss is the one the
// head trains with (train/Objective.cpp), for this example alone.
void scoreOutput(const ModelConfig& model, const QStringList& labels, const float* output, const Example& example,
                 SampleRow& row)
{
    switch (model.head) {
    case HeadKind::Binary: {
        const double logit = output[0];
        const bool truth = example.target.front() > 0.5F;
        const bool positive = logit > 0.0;  // as headMetricSum, so accuracies agree exactly
        const double p = 1.0 / (1.0 + std::exp(-logit));
        // Binary cross-entropy with logits, in the overflow-free form torch uses.
        row.loss = std::max(logit, 0.0) - logit * (truth ? 1.0 : 0.0) + std::log1p(std::exp(-std::abs(logit)));
        row.confidence = positive ? p : 1.0 - p;
        row.trueProbability = truth ? p : 1.0 - p;
        row.trueLabel = className(labels, truth ? 1 : 0);
        row.predictedLabel = className(labels, positive ? 1 : 0);
        row.correct = positive == truth;
        return;
    }
    case HeadKind::MultiClass: {
        const auto truth = static_cast<int64_t>(std::lround(example.target.front()));
        const int64_t predicted = std::max_element(output, output + model.outputs) - output;  // first maximum, as argmax
        const double largest = output[predicted];
        double total = 0.0;
        for (int k = 0; k < model.outputs; ++k)
            total += std::exp(static_cast<double>(output[k]) - largest);
        const double logTotal = largest + std::log(total);
        const double logTrue = static_cast<double>(output[truth]) - logTotal;
        row.loss = -logTrue;
        row.confidence = std::exp(largest - logTotal);
        row.trueProbability = std::exp(logTrue);
        row.trueLabel = className(labels, truth);
        row.predictedLabel = className(labels, predicted);
        row.correct = predicted == truth;
        return;
    }
    case HeadKind::Regression:
        break;
    }
    double squares = 0.0;
    for (int k = 0; k < model.outputs; ++k) {
        const double error = static_cast<double>(output[k]) - static_cast<double>(example.target[static_cast<size_t>(k)]);
        squares += error * error;
    }
    row.loss = squares / static_cast<double>(model.outputs);
    row.trueLabel = valuesText(example.target.data(), static_cast<int64_t>(example.target.size()));
    row.predictedLabel = valuesText(output, model.outputs);
}

// Example b's attention from a padded batch: its own steps only.
AttentionMap attentionOf(const torch::Tensor& batchAttention, int64_t b, int64_t length, const ModelConfig& model)
{
    torch::Tensor weights = batchAttention[b].slice(/*dim=*/0, 0, length);
    if (mapsStepToStep(model.attention))
        weights = weights.slice(/*dim=*/1, 0, length);  // {T, T}: keys are steps too
    weights = weights.contiguous();
    AttentionMap map;
    map.shape.assign(weights.sizes().begin(), weights.sizes().end());
    map.values.assign(weights.data_ptr<float>(), weights.data_ptr<float>() + weights.numel());
    return map;
}

// What a kept map costs: its values and its tokens (a handle each, plus the characters of words
// that are not shared with the vocabulary).
qint64 bytesOf(const AttentionMap& map)
{
    qint64 bytes = static_cast<qint64>(map.values.size() * sizeof(float));
    for (const QString& token : map.tokens)
        bytes += static_cast<qint64>(sizeof(QString)) + token.size() * 2;
    return bytes;
}

QString firstLine(const char* text)
{
    return QString::fromLocal8Bit(text).section(QLatin1Char('\n'), 0, 0);
}

} // namespace

SampleEvaluationWorker::SampleEvaluationWorker() = default;
SampleEvaluationWorker::~SampleEvaluationWorker() = default;

void SampleEvaluationWorker::evaluate(quint64 runId, const QString& modelPath, const SampleSource& source,
                                      qint64 attentionBudget, const std::shared_ptr<std::atomic<bool>>& cancel)
{
    Q_ASSERT(QThread::currentThread() == thread());
    at::set_num_threads(1);  // measured fastest for these LSTMs (docs/BENCHMARKS.md)
    m_loaded.reset();  // the previous run's model and data are not needed any more
    m_loadedRun = 0;
    if (cancel->load()) {
        Q_EMIT failed(runId, QStringLiteral("The evaluation of %1 was cancelled before it started.").arg(source.describe()));
        return;
    }
    try {
        auto samples = std::make_unique<LoadedSamples>();
        samples->modelPath = modelPath;
        try {
            samples->model = loadModelFile(modelPath);
        } catch (const NotStudioModelFile&) {
            // TorchScript or Keras: one text at a time through the one model interface.
            samples->external = std::make_unique<SessionSamples>();
            QElapsedTimer sinceReport;
            sinceReport.start();
            SampleEvaluationResult result = scoreWithSession(
                *samples->external, modelPath, source, attentionBudget, *cancel, [&](qint64 done, qint64 total) {
                    if (sinceReport.elapsed() >= kProgressIntervalMs || done == total) {
                        sinceReport.restart();
                        Q_EMIT progress(runId, done, total);
                    }
                });
            m_loaded = std::move(samples);
            m_loadedRun = runId;
            Q_EMIT finished(runId, result);
            return;
        }
        const RunState& state = samples->model.state;
        const ModelConfig& config = state.model;
        const QString dataName = source.kind == SampleSource::Kind::BuiltinTask
            ? source.describe()
            : source.path;  // the whole path: the file the person chose, so they can find it
        loadSourceData(source, *samples, cancel.get());
        checkDataFitsModel(modelPath, dataName, samples->data, state);
        const std::vector<int64_t> examples = chosenExamples(source, samples->data, state, modelPath);

        SampleEvaluationResult result;
        result.modelPath = modelPath;
        result.source = source.describe();
        result.classification = config.head != HeadKind::Regression;
        result.hasAttention = config.attention != AttentionKind::None;
        result.labels = state.labels;
        result.available = static_cast<int64_t>(examples.size());
        result.planned = std::min<int64_t>(result.available, std::max(0, source.maxExamples));
        result.rows.reserve(static_cast<size_t>(result.planned));

        AttentionModel& model = samples->model.model;
        const Dataset& data = samples->data;
        torch::NoGradGuard noGrad;  // thread-local: made here, on the thread that runs the model
        model->eval();
        qint64 attentionBytes = 0;
        QElapsedTimer sinceReport;
        sinceReport.start();
        for (int64_t start = 0; start < result.planned; start += static_cast<int64_t>(kBatchSize)) {
            if (cancel->load()) {
                result.cancelled = true;
                break;
            }
            const int64_t end = std::min<int64_t>(result.planned, start + static_cast<int64_t>(kBatchSize));
            const std::vector<int64_t> slice(examples.begin() + start, examples.begin() + end);
            const Batch batch = makeBatch(data, slice);
            const ModelOutput output = model->forward(batch.input, batch.mask);
            const torch::Tensor logits = output.prediction.to(torch::kFloat).contiguous();
            const torch::Tensor attention = output.attention.defined() ? output.attention.to(torch::kFloat) : torch::Tensor();
            for (size_t b = 0; b < slice.size(); ++b) {
                const Example& example = data.examples[static_cast<size_t>(slice[b])];
                const QStringList words = data.input == InputKind::Tokens ? wordsOf(*samples, slice[b]) : QStringList();
                SampleRow row;
                row.index = slice[b];
                row.text = previewOf(data, example, words);
                row.tokenIds = example.tokens;
                scoreOutput(config, state.labels, logits[static_cast<int64_t>(b)].data_ptr<float>(), example, row);
                if (attention.defined() && attentionBytes < attentionBudget) {
                    row.attention = attentionOf(attention, static_cast<int64_t>(b), data.length(example), config);
                    row.attention.tokens = words;
                    row.attentionKept = true;
                    attentionBytes += bytesOf(row.attention);
                }
                result.rows.push_back(std::move(row));
            }
            if (sinceReport.elapsed() >= kProgressIntervalMs) {
                sinceReport.restart();
                Q_EMIT progress(runId, static_cast<qint64>(result.rows.size()), result.planned);
            }
        }
        Q_EMIT progress(runId, static_cast<qint64>(result.rows.size()), result.planned);
        m_loaded = std::move(samples);
        m_loadedRun = runId;
        Q_EMIT finished(runId, result);
    } catch (const StudioError& error) {
        Q_EMIT failed(runId, error.message());
    } catch (const std::exception& error) {
        Q_EMIT failed(runId, QStringLiteral("Evaluating %1 on %2 failed: %3").arg(modelPath, source.describe(), firstLine(error.what())));
    }
}

void SampleEvaluationWorker::computeAttention(quint64 runId, qint64 exampleIndex)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_loaded && m_loadedRun == runId && m_loaded->external) {
        try {
            Q_EMIT attentionReady(runId, exampleIndex, sessionAttention(*m_loaded->external, exampleIndex));
        } catch (const std::exception& error) {
            Q_EMIT attentionFailed(runId, exampleIndex, QString::fromUtf8(error.what()));
        }
        return;
    }
    if (!m_loaded || m_loadedRun != runId || exampleIndex < 0 || exampleIndex >= m_loaded->data.size()) {
        Q_EMIT attentionFailed(runId, exampleIndex,
                               QStringLiteral("Example %1 is not part of the evaluation that is loaded.").arg(exampleIndex + 1));
        return;
    }
    try {
        const Example& example = m_loaded->data.examples[static_cast<size_t>(exampleIndex)];
        Prediction prediction = predictExample(m_loaded->model.model, example, &m_loaded->model.state.vocabulary);
        if (!prediction.attention.tokens.isEmpty())
            prediction.attention.tokens = wordsOf(*m_loaded, exampleIndex);
        Q_EMIT attentionReady(runId, exampleIndex, prediction.attention);
    } catch (const std::exception& error) {
        Q_EMIT attentionFailed(runId, exampleIndex,
                               QStringLiteral("The attention of example %1 under %2 could not be computed: %3")
                                   .arg(exampleIndex + 1)
                                   .arg(m_loaded->modelPath, firstLine(error.what())));
    }
}

void SampleEvaluationWorker::explain(quint64 explainId, quint64 runId, const std::vector<int64_t>& indices,
                                     const ExplainOptions& options, const std::shared_ptr<std::atomic<bool>>& cancel)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_loaded || m_loadedRun != runId) {
        Q_EMIT explanationFailed(explainId, QStringLiteral("The evaluation to explain is no longer loaded: evaluate again first."));
        return;
    }
    try {
        QElapsedTimer sinceReport;
        sinceReport.start();
        DatasetExplainControl control;
        control.cancel = cancel.get();
        control.progress = [&](int64_t done, int64_t total) {
            // The first example is reported at once, so the bar shows the total (and a Cancel has a
            // report to follow); later ones are merged like the evaluation's.
            if (done == 1 || done == total || sinceReport.elapsed() >= kProgressIntervalMs) {
                sinceReport.restart();
                Q_EMIT explanationProgress(explainId, done, total);
            }
            return !cancel->load();
        };
        const DatasetExplanation result = explainSamples(*m_loaded, indices, options, control);
        Q_EMIT explained(explainId, result);
    } catch (const StudioError& error) {
        Q_EMIT explanationFailed(explainId, error.message());
    } catch (const std::exception& error) {
        Q_EMIT explanationFailed(explainId, QStringLiteral("Explaining the examples of %1 failed: %2")
                                                .arg(m_loaded->modelPath, firstLine(error.what())));
    }
}

} // namespace studio
