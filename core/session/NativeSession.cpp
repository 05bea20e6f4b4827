#include "session/NativeSession.h"

#include "analysis/StepAttribution.h"
#include "common/StudioError.h"
#include "data/ForecastDataset.h"
#include "data/SeriesTable.h"
#include "data/StepRows.h"
#include "data/TextDataset.h"
#include "data/UcrImport.h"
#include "model/LabelGuess.h"
#include "model/Prediction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cmath>

namespace studio {
namespace {

constexpr int kMaxListedUnknown = 5;  // unknown words named in the warning

// The model's one-line description in the window's language (core's few translated texts: the
// window installs the translation, the command line does not and stays English).
QString describe(const ModelConfig& config, const QStringList& labels)
{
    const QString cell = QStringLiteral("%1%2").arg(config.bidirectional ? QStringLiteral("Bi-") : QString(),
                                                    config.cell == RecurrentCell::Lstm ? QStringLiteral("LSTM") : QStringLiteral("GRU"));
    if (config.head == HeadKind::Regression)
        return QCoreApplication::translate("studio", "%1 attention, %2, regression").arg(shownName(config.attention), cell);
    const int classes = std::max<int>(labels.size(), config.outputs == 1 ? 2 : config.outputs);
    return QCoreApplication::translate("studio", "%1 attention, %2, %3 classes").arg(shownName(config.attention), cell).arg(classes);
}

QString unknownWordsWarning(const QStringList& tokens, const std::vector<int64_t>& ids)
{
    QStringList unknown;
    for (int i = 0; i < tokens.size() && i < static_cast<int>(ids.size()); ++i)
        if (ids[static_cast<size_t>(i)] == Vocabulary::kUnkId)
            unknown << tokens.at(i);
    if (unknown.isEmpty())
        return {};
    QStringList listed = unknown.mid(0, kMaxListedUnknown);
    if (unknown.size() > kMaxListedUnknown)
        listed << QStringLiteral("…");
    return QCoreApplication::translate("studio", "%1 of %2 words are not in the model's vocabulary and were read as <unk>: %3.")
        .arg(unknown.size())
        .arg(ids.size())
        .arg(listed.join(QLatin1String(", ")));
}

} // namespace

NativeSession::NativeSession(LoadedModelFile loaded, const QString& path)
    : m_loaded(std::move(loaded))
{
    const RunState& state = m_loaded.state;
    m_summary.path = path;
    m_summary.name = QFileInfo(path).fileName();
    m_summary.format = ModelFormat::Native;
    m_summary.input = state.model.input == InputKind::Tokens ? ModelInputKind::Tokens : ModelInputKind::Series;
    m_summary.labels = state.labels;
    m_summary.labelCodes = labelCodes(state.preprocessing);
    m_summary.features = state.model.inputFeatures;
    m_summary.description = describe(state.model, state.labels);
    if (state.model.attention == AttentionKind::None)
        m_summary.notes << QCoreApplication::translate("studio", "The model has no attention (the none baseline reads the last hidden state): "
                                         "there are no weights to show.");
}

InferenceRequest NativeSession::readSeries(const QString& path) const
{
    const QJsonObject& preprocessing = m_loaded.state.preprocessing;
    if (!isForecastPreprocessing(preprocessing))
        return ModelSession::readSeries(path);
    // A raw CSV like the training file: the model's own columns by name, missing cells kept as NaN
    // for the model's missing-value policy.
    return requestFromTable(readSeriesTable(path, forecastReadOptions(preprocessing)));
}

Example NativeSession::tokenExample(const InferenceRequest& request, InferenceResult& result, QStringList* tokens) const
{
    const RunState& state = m_loaded.state;
    Example example;
    if (request.ids.empty()) {
        if (request.text.trimmed().isEmpty())
            return example;
        // Tokenized exactly as the training data was (the model file's preprocessing).
        example = encodeText(request.text, state.preprocessing, state.vocabulary, tokens);
        const QString unknown = unknownWordsWarning(*tokens, example.tokens);
        if (!unknown.isEmpty()) {
            result.warnings << unknown;
            noteFlaw(result.flaws, ModelFlaw::UnknownWords);
        }
        return example;
    }
    // The embedding has rows for vocabularySize ids; the vocabulary names them.
    const int64_t size = std::min<int64_t>(state.vocabulary.size(), state.model.vocabularySize);
    for (int64_t id : request.ids) {
        if (id < 0 || id >= size)
            throw StudioError(QStringLiteral("Token id %1 is outside the vocabulary of %2: use ids from 0 to %3.")
                                  .arg(id)
                                  .arg(m_summary.name)
                                  .arg(size - 1));
        *tokens << state.vocabulary.tokenAt(id);
    }
    example.tokens = request.ids;
    if (std::find(request.ids.begin(), request.ids.end(), Vocabulary::kPadId) != request.ids.end()) {
        noteFlaw(result.flaws, ModelFlaw::PadIdInInput);
        result.warnings << QCoreApplication::translate("studio", "The ids contain 0, the padding id; the model reads it as a real step.");
    }
    return example;
}

InferenceResult NativeSession::run(const InferenceRequest& request)
{
    const RunState& state = m_loaded.state;
    InferenceResult result;
    QStringList tokens;
    const Example example = exampleFor(request, result, &tokens);
    if (example.tokens.empty() && example.values.empty())
        return result;
    result.warnings << m_summary.notes;
    QElapsedTimer clock;
    clock.start();
    Prediction prediction = predictExample(m_loaded.model, example, &state.vocabulary,
                                           request.trace ? PredictionDetail::Trace : PredictionDetail::Answer);
    result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    result.prediction = std::move(prediction.output);
    result.attention = std::move(prediction.attention);
    if (!tokens.isEmpty())
        result.attention.tokens = tokens;  // the words as typed, an unknown word included
    if (request.trace) {
        result.trace = std::move(prediction.trace);
        result.trace.labels = state.labels;
        if (!tokens.isEmpty())
            result.trace.stepNames = tokens;
    }
    result.tokenIds = example.tokens;
    result.source = result.attention.isEmpty() ? QStringLiteral("none") : QStringLiteral("output");
    result.warnings << prediction.warnings;
    for (ModelFlaw flaw : prediction.flaws)
        noteFlaw(result.flaws, flaw);
    if (isForecastPreprocessing(state.preprocessing))
        result.forecast = denormalizeTarget(result.prediction, state.preprocessing);
    if (const std::optional<LabelGuess> guess = guessLabel(state.labels, result.prediction)) {
        result.label = guess->label;
        result.probability = guess->probability;
    }
    return result;
}

Example NativeSession::exampleFor(const InferenceRequest& request, InferenceResult& result, QStringList* tokens) const
{
    Example example;
    if (m_loaded.state.model.input == InputKind::Tokens) {
        if (!request.series.empty())
            throw StudioError(QStringLiteral("%1 reads text, not a series: give it text or token ids.").arg(m_summary.name));
        return tokenExample(request, result, tokens);
    }
    if (!request.text.isEmpty() || !request.ids.empty())
        throw StudioError(QStringLiteral("%1 reads a series, not text: give it a series CSV.").arg(m_summary.name));
    if (!request.series.empty())
        example.values = seriesValues(request);
    return example;
}

Explanation NativeSession::explain(const InferenceRequest& request, const ExplainOptions& options)
{
    InferenceResult preparation;
    QStringList tokens;
    const Example example = exampleFor(request, preparation, &tokens);
    if (example.tokens.empty() && example.values.empty())
        return {};
    const int features = std::max(1, m_loaded.state.model.inputFeatures);
    // A series' steps are named by their numbers.
    const auto numberSteps = [features](const Example& e, QStringList& names) {
        if (names.isEmpty())
            for (int64_t t = 0; t < static_cast<int64_t>(e.values.size()) / features; ++t)
                names << QString::number(t);
    };
    numberSteps(example, tokens);
    // The other input, prepared as this one is (its warnings are not this input's).
    Example frozenExample;
    QStringList frozenSteps;
    if (options.frozenFrom) {
        InferenceResult ignored;
        frozenExample = exampleFor(*options.frozenFrom, ignored, &frozenSteps);
        numberSteps(frozenExample, frozenSteps);
    }
    const QStringList featureNames = seriesFeatureNames(request);
    Explanation explanation = explainExample(m_loaded.model, example, withStepLabels(options, tokens, preparation.warnings, featureNames),
                                             options.frozenFrom ? &frozenExample : nullptr);
    explanation.steps = tokens;
    explanation.features = featureNames;
    explanation.interventions.frozen.from = frozenSteps;
    explanation.notes = preparation.warnings + explanation.notes;
    return explanation;
}

QStringList NativeSession::seriesFeatureNames(const InferenceRequest& request) const
{
    const RunState& state = m_loaded.state;
    if (state.model.input == InputKind::Tokens)
        return {};
    // A forecaster reads its own columns, in its order, whatever order the file had them in.
    if (isForecastPreprocessing(state.preprocessing))
        return forecastSpecFrom(state.preprocessing).inputs();
    // Other series models read the columns as they come: the header's names, when it had one.
    return request.featureNames.size() == state.model.inputFeatures ? request.featureNames : QStringList();
}

// A forecaster reads its own columns by name and the last W rows; a UCR model z-normalizes the
// sequence when it was trained so; any other series model takes the rows as they are.
std::vector<float> NativeSession::seriesValues(const InferenceRequest& request) const
{
    const RunState& state = m_loaded.state;
    if (isForecastPreprocessing(state.preprocessing))
        return forecastWindow(request);
    if (request.features != state.model.inputFeatures)
        throw StudioError(QStringLiteral("%1 reads %2 values per step, but the series has %3.")
                              .arg(m_summary.name)
                              .arg(state.model.inputFeatures)
                              .arg(request.features));
    for (float value : request.series)
        if (!std::isfinite(value))
            throw StudioError(QStringLiteral("The series has a missing or non-finite value, which %1 cannot read: fill it in first.")
                                  .arg(m_summary.name));
    if (isUcrPreprocessing(state.preprocessing))
        return makeUcrInput(std::vector<double>(request.series.begin(), request.series.end()), state.preprocessing).values;
    return request.series;
}

// The same preparation as training (makeForecastInput: column choice, missing-value policy,
// normalization), on a table rebuilt from the request's named columns.
std::vector<float> NativeSession::forecastWindow(const InferenceRequest& request) const
{
    const QJsonObject& preprocessing = m_loaded.state.preprocessing;
    const QStringList inputs = forecastSpecFrom(preprocessing).inputs();
    SeriesTable table;
    table.path = QStringLiteral("the series");
    const int features = std::max(1, request.features);
    // No header: the columns are taken to be the model's, in its order.
    table.names = request.featureNames.isEmpty() && features == inputs.size() ? inputs : request.featureNames;
    const int64_t rows = static_cast<int64_t>(request.series.size()) / features;
    table.columns.assign(static_cast<size_t>(features), std::vector<double>(static_cast<size_t>(rows)));
    for (int64_t row = 0; row < rows; ++row) {
        table.appendLine(row, row + 2);  // line 1 is the header
        for (int column = 0; column < features; ++column)
            table.columns[static_cast<size_t>(column)][static_cast<size_t>(row)] =
                request.series[static_cast<size_t>(row * features + column)];
    }
    for (const QString& name : inputs)
        if (!table.names.contains(name))
            throw StudioError(QStringLiteral("%1 reads the column \"%2\", which the series does not have (it has %3): "
                                             "load a file with the training file's columns.")
                                  .arg(m_summary.name, name,
                                       table.names.isEmpty() ? QStringLiteral("no header") : table.names.join(QStringLiteral(", "))));
    return makeForecastInput(table, preprocessing, request.readSteps).values;
}

} // namespace studio
