// attention-cli infer: one example through a saved model; the prediction and its attention.

#include "Commands.h"
#include "InferTorchScript.h"
#include "InferenceJson.h"
#include "StepRows.h"

#include "common/StudioError.h"
#include "data/ForecastDataset.h"
#include "data/SeriesTable.h"
#include "data/TextDataset.h"
#include "data/UcrImport.h"
#include "model/Prediction.h"
#include "model/LabelGuess.h"
#include "train/ModelFile.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

namespace studio::cli {
namespace {

const QString kModel = QStringLiteral("model");
const QString kText = QStringLiteral("text");
const QString kIds = QStringLiteral("ids");
const QString kSeries = QStringLiteral("series");
const QString kTimeMajor = QStringLiteral("time-major");
const QString kCandidate = QStringLiteral("candidate");

constexpr int kMaxTableRows = 50;   // longer 1-D attention shows only its strongest steps
constexpr int kTopSteps = 10;       // steps listed when the table is cut, or for a matrix
constexpr int kBarWidth = 30;       // characters of the bar drawn for a weight of 1
constexpr int kMaxListedUnknown = 5;

struct Input {
    Example example;
    bool hasTokens = false;  // text or ids: the JSON lists the tokens the model saw
    QStringList tokens;      // text: the tokens as the tokenizer made them (an unknown word stays a word)
    bool forecast = false;   // a forecasting model: the prediction also goes back to original units
    QStringList warnings;
};

Input textInput(const QString& text, const RunState& state)
{
    Input input;
    input.hasTokens = true;
    // Tokenized exactly as the training data was (the model file's preprocessing).
    input.example = encodeText(text, state.preprocessing, state.vocabulary, &input.tokens);
    if (text.trimmed().isEmpty() || input.tokens.isEmpty())
        throw UsageError(QStringLiteral("--text has no words: give the text to classify, e.g. --text \"a great movie\"."));
    QStringList unknown;
    for (int i = 0; i < input.tokens.size(); ++i)
        if (input.example.tokens[static_cast<size_t>(i)] == Vocabulary::kUnkId)
            unknown << input.tokens.at(i);
    const QStringList& words = input.tokens;
    if (!unknown.isEmpty()) {
        QStringList listed = unknown.mid(0, kMaxListedUnknown);
        if (unknown.size() > kMaxListedUnknown)
            listed << QStringLiteral("…");
        input.warnings << QStringLiteral("%1 of %2 words are not in the model's vocabulary and were read as <unk>: %3.")
                              .arg(unknown.size())
                              .arg(words.size())
                              .arg(listed.join(QLatin1String(", ")));
    }
    return input;
}

Input idsInput(const QString& text, const RunState& state)
{
    const QStringList parts = text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        throw UsageError(QStringLiteral("--ids has no ids: give token ids separated by spaces, e.g. --ids \"3 7 1\"."));
    // The embedding has rows for vocabularySize ids; the vocabulary names them (the two agree for
    // models trained here).
    const int64_t size = std::min<int64_t>(state.vocabulary.size(), state.model.vocabularySize);
    Input input;
    input.hasTokens = true;
    for (const QString& part : parts) {
        bool ok = false;
        const qlonglong id = part.toLongLong(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--ids holds \"%1\", which is not a whole number: give token ids separated by spaces.")
                                 .arg(part));
        if (id < 0 || id >= size)
            throw StudioError(QStringLiteral("Token id %1 in --ids is outside the model's vocabulary: use ids from 0 to %2.")
                                  .arg(id)
                                  .arg(size - 1));
        input.example.tokens.push_back(id);
    }
    if (std::find(input.example.tokens.begin(), input.example.tokens.end(), Vocabulary::kPadId) != input.example.tokens.end())
        input.warnings << QStringLiteral("--ids contains 0, the padding id; the model reads it as a real step.");
    return input;
}

Input seriesInput(const QString& file, const RunState& state)
{
    const QJsonObject& preprocessing = state.preprocessing;
    Input input;
    if (isForecastPreprocessing(preprocessing)) {
        // A raw CSV like the training file: the model's columns are picked, its last W rows used.
        const SeriesTable table = readSeriesTable(file, forecastReadOptions(preprocessing));
        input.example = makeForecastInput(table, preprocessing);
        input.forecast = true;
        return input;
    }
    StepRows rows = readStepRows(file, state.model.inputFeatures);
    if (isUcrPreprocessing(preprocessing)) {
        input.example = makeUcrInput(std::vector<double>(rows.values.begin(), rows.values.end()), preprocessing);
        return input;
    }
    input.example.values = std::move(rows.values);
    return input;
}

QString stepName(const AttentionMap& attention, int64_t step)
{
    return step < attention.tokens.size() ? attention.tokens.at(static_cast<int>(step)) : QString();
}

QString bar(double weight)
{
    return QString(static_cast<int>(std::lround(std::clamp(weight, 0.0, 1.0) * kBarWidth)), QLatin1Char('#'));
}

// Mean weight each step receives: the distribution itself for {T}; for {T, T} (rows are queries)
// the mean over rows; for {T, d} (a distribution over time per unit) the mean over units.
std::vector<double> weightPerStep(const AttentionMap& attention, bool selfAttention)
{
    const int64_t steps = attention.shape.front();
    std::vector<double> perStep(static_cast<size_t>(steps), 0.0);
    if (attention.shape.size() == 1) {
        std::copy(attention.values.begin(), attention.values.end(), perStep.begin());
        return perStep;
    }
    const int64_t columns = attention.shape.at(1);
    for (int64_t row = 0; row < steps; ++row)
        for (int64_t column = 0; column < columns; ++column) {
            const double weight = attention.values[static_cast<size_t>(row * columns + column)];
            perStep[static_cast<size_t>(selfAttention ? column : row)] += weight / static_cast<double>(selfAttention ? steps : columns);
        }
    return perStep;
}

void printStepRows(const AttentionMap& attention, const std::vector<double>& perStep, const std::vector<int64_t>& steps)
{
    const bool withTokens = !attention.tokens.isEmpty();
    printOut(withTokens ? QStringLiteral("  step  token             weight") : QStringLiteral("  step  weight"));
    for (int64_t step : steps) {
        const double weight = perStep[static_cast<size_t>(step)];
        if (withTokens)
            printOut(QStringLiteral("  %1  %2  %3  %4")
                         .arg(step, 4)
                         .arg(stepName(attention, step), -16)
                         .arg(weight, 6, 'f', 4)
                         .arg(bar(weight)));
        else
            printOut(QStringLiteral("  %1  %2  %3").arg(step, 4).arg(weight, 6, 'f', 4).arg(bar(weight)));
    }
}

std::vector<int64_t> strongestSteps(const std::vector<double>& perStep, int count)
{
    std::vector<int64_t> order(perStep.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) { return perStep[a] > perStep[b]; });
    order.resize(std::min(order.size(), static_cast<size_t>(count)));
    return order;
}

void printHuman(const QString& path, const RunState& state, const Prediction& prediction,
                const std::optional<LabelGuess>& guess)
{
    const ModelConfig& config = state.model;
    printOut(QStringLiteral("Model: %1 (%2 attention, %3, %4 input, %5 head)")
                 .arg(path, toString(config.attention), toString(config.cell), toString(config.input), toString(config.head)));
    if (guess) {
        printOut(QStringLiteral("Prediction: %1 (probability %2)").arg(guess->label).arg(guess->probability, 0, 'f', 3));
    } else {
        QStringList values;
        for (float value : prediction.output)
            values << QString::number(static_cast<double>(value), 'g', 6);
        printOut(QStringLiteral("Prediction: %1").arg(values.join(QLatin1String(", "))));
    }

    const AttentionMap& attention = prediction.attention;
    if (attention.isEmpty() || attention.shape.empty())
        return;
    const bool selfAttention = config.attention == AttentionKind::Self;
    const std::vector<double> perStep = weightPerStep(attention, selfAttention);
    const auto steps = static_cast<int64_t>(perStep.size());
    if (attention.shape.size() == 1) {
        if (steps <= kMaxTableRows) {
            printOut(QStringLiteral("Attention over %1 steps:").arg(steps));
            std::vector<int64_t> all(static_cast<size_t>(steps));
            std::iota(all.begin(), all.end(), 0);
            printStepRows(attention, perStep, all);
        } else {
            printOut(QStringLiteral("Attention over %1 steps, the %2 strongest:").arg(steps).arg(kTopSteps));
            printStepRows(attention, perStep, strongestSteps(perStep, kTopSteps));
        }
        return;
    }
    printOut(QStringLiteral("Attention map %1 x %2 (%3); most attended steps, mean over %4:")
                 .arg(attention.shape.at(0))
                 .arg(attention.shape.at(1))
                 .arg(selfAttention ? QStringLiteral("rows: query steps, columns: attended steps")
                                    : QStringLiteral("rows: steps, columns: hidden units"),
                      selfAttention ? QStringLiteral("query steps") : QStringLiteral("hidden units")));
    printStepRows(attention, perStep, strongestSteps(perStep, kTopSteps));
}

} // namespace

int runInfer(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Run a model file (from attention-cli train, or TorchScript exported from PyTorch) on one input and\n"
                       "show the prediction and the attention weights. Text is tokenized as the model's training data was\n"
                       "(TorchScript: as its meta.json says); words outside the vocabulary become <unk>.\n"
                       "A series CSV has one row per timestep and one column per feature; a header row is optional.\n"
                       "JSON: prediction (raw model output), attention {shape, values (row-major)}, source, tokens\n"
                       "(text/ids only), warnings, and label/probability (of that label) for classifiers with labels."));
    parser.addOptions({
        {kModel, QStringLiteral("Model file written by attention-cli train, or a TorchScript file (required)."),
         QStringLiteral("file")},
        {kText, QStringLiteral("Text to read (token models)."), QStringLiteral("string")},
        {kIds, QStringLiteral("Token ids separated by spaces, e.g. \"3 7 1\" (token models)."), QStringLiteral("ids")},
        {kSeries, QStringLiteral("CSV file of the series (series models)."), QStringLiteral("file.csv")},
        {kTimeMajor, QStringLiteral("TorchScript models: feed (T, 1, features) instead of (1, T, features).")},
        {kCandidate, QStringLiteral("TorchScript models that return no attention: show softmax #N of the graph "
                                    "(the human output lists them) instead of the first that fits the input."),
         QStringLiteral("n")},
    });
    addFormatOption(parser);
    if (!parseCommandLine(parser, line,
                          QStringLiteral("infer --model FILE (--text STRING | --ids \"3 7 1\" | --series FILE.csv) "
                                         "[--time-major] [--candidate N] [--format json]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    const QString path = requiredOption(parser, kModel);
    const int inputCount = int(parser.isSet(kText)) + int(parser.isSet(kIds)) + int(parser.isSet(kSeries));
    if (inputCount != 1)
        throw UsageError(QStringLiteral("Give exactly one input: --text, --ids or --series (%1 given).").arg(inputCount));

    LoadedModelFile loaded;
    try {
        loaded = loadModelFile(path);
    } catch (const NotStudioModelFile&) {
        // Not one of ours: a model exported from PyTorch as TorchScript (which explains itself if not).
        ExternalRequest request;
        if (parser.isSet(kText))
            request.text = parser.value(kText);
        if (parser.isSet(kIds))
            request.ids = parser.value(kIds);
        if (parser.isSet(kSeries))
            request.seriesPath = requiredOption(parser, kSeries);
        request.timeMajor = parser.isSet(kTimeMajor);
        request.candidate = intOption(parser, kCandidate, 0, 1) - 1;
        return inferTorchScript(path, request, format);
    }
    const RunState& state = loaded.state;
    const ModelConfig& config = state.model;
    const bool tokenInput = parser.isSet(kText) || parser.isSet(kIds);
    if (tokenInput && config.input != InputKind::Tokens)
        throw StudioError(QStringLiteral("The model in %1 reads a series, not tokens: give the input with --series FILE.csv.").arg(path));
    if (!tokenInput && config.input != InputKind::Series)
        throw StudioError(QStringLiteral("The model in %1 reads tokens, not a series: give the input with --text or --ids.").arg(path));

    Input input;
    if (parser.isSet(kText)) {
        input = textInput(parser.value(kText), state);
    } else if (parser.isSet(kIds)) {
        input = idsInput(parser.value(kIds), state);
    } else {
        input = seriesInput(requiredOption(parser, kSeries), state);
    }
    if (config.attention == AttentionKind::None)
        input.warnings << QStringLiteral("The model has no attention (the none baseline reads the last hidden state): "
                                         "there are no weights to show.");

    Prediction prediction = predictExample(loaded.model, input.example, &state.vocabulary);
    input.warnings << prediction.warnings;
    if (!input.tokens.isEmpty())
        prediction.attention.tokens = input.tokens;
    const std::vector<double> forecast =
        input.forecast ? denormalizeTarget(prediction.output, state.preprocessing) : std::vector<double>{};
    const std::optional<LabelGuess> guess = guessLabel(state.labels, prediction.output);

    if (format == OutputFormat::Json) {
        QJsonObject json = inferenceJson(prediction.output, prediction.attention, QStringLiteral("output"), input.warnings,
                                         input.hasTokens ? &prediction.attention.tokens : nullptr);
        if (input.forecast) {
            QJsonArray values;
            for (double value : forecast)
                values.append(value);
            json.insert(QStringLiteral("forecast"), values);
        }
        if (guess) {
            json.insert(QStringLiteral("label"), guess->label);
            json.insert(QStringLiteral("probability"), guess->probability);
        }
        printJson(json);
    } else {
        for (const QString& warning : input.warnings)
            printWarning(warning);
        printHuman(path, state, prediction, guess);
        if (input.forecast) {
            QStringList values;
            for (double value : forecast)
                values << QString::number(value, 'g', 6);
            printOut(QStringLiteral("Forecast of %1 (original units): %2")
                         .arg(forecastSpecFrom(state.preprocessing).targetColumn, values.join(QStringLiteral(", "))));
        }
    }
    return kExitOk;
}

} // namespace studio::cli
