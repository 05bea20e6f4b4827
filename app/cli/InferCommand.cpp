// attention-cli infer: one example through any model the app opens (native, TorchScript, Keras),
// through the one model interface (ModelSession); the prediction and its attention.

#include "Commands.h"
#include "InferenceJson.h"
#include "ModelInput.h"

#include "common/AttentionSteps.h"
#include "common/StudioError.h"
#include "session/ModelSession.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace studio::cli {
namespace {

constexpr int kMaxTableRows = 50;   // longer 1-D attention shows only its strongest steps
constexpr int kTopSteps = 10;       // steps listed when the table is cut, or for a matrix
constexpr int kBarWidth = 30;       // characters of the bar drawn for a weight of 1

QString stepName(const AttentionMap& attention, int64_t step)
{
    return step < attention.tokens.size() ? attention.tokens.at(static_cast<int>(step)) : QString();
}

QString bar(double weight)
{
    return QString(static_cast<int>(std::lround(std::clamp(weight, 0.0, 1.0) * kBarWidth)), QLatin1Char('#'));
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

void printPrediction(const InferenceResult& result)
{
    if (!result.label.isEmpty()) {
        printOut(QStringLiteral("Prediction: %1 (probability %2)").arg(result.label).arg(result.probability, 0, 'f', 3));
        return;
    }
    QStringList values;
    for (float value : result.prediction)
        values << QString::number(static_cast<double>(value), 'g', 6);
    printOut(QStringLiteral("Prediction: %1").arg(values.join(QLatin1String(", "))));
}

void printHuman(const ModelSummary& summary, const InferenceResult& result)
{
    printOut(QStringLiteral("Model: %1 (%2; %3)").arg(summary.path, summary.description, formatName(summary.format)));
    printPrediction(result);
    if (!result.forecast.empty()) {
        QStringList values;
        for (double value : result.forecast)
            values << QString::number(value, 'g', 6);
        printOut(QStringLiteral("Forecast (original units): %1").arg(values.join(QStringLiteral(", "))));
    }
    if (!result.layoutNote.isEmpty())
        printOut(result.layoutNote);
    if (result.candidates.size() > 1)
        printOut(QStringLiteral("Softmax outputs (show another with --candidate N): %1").arg(result.candidates.join(QStringLiteral("; "))));

    const AttentionMap& attention = result.attention;
    if (attention.isEmpty() || attention.shape.empty()) {
        printOut(QStringLiteral("No attention to show."));
        return;
    }
    const std::vector<double> perStep = weightPerStep(attention);
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
    if (attention.shape.size() > 2) {
        QStringList shape;
        for (int64_t size : attention.shape)
            shape << QString::number(size);
        printOut(QStringLiteral("Attention of shape %1 (see --format json for the values).").arg(shape.join(QLatin1Char('x'))));
        return;
    }
    const bool selfAttention = isSelfAttentionShape(attention);
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
        QStringLiteral("Run a model file on one input and show the prediction and the attention weights: a model from\n"
                       "attention-cli train, TorchScript exported from PyTorch, or Keras (.h5, .keras), recognised by content.\n"
                       "Text is tokenized as the model's training data was (TorchScript: as its meta.json says; Keras: by the\n"
                       "Tokenizer saved beside it); words outside the vocabulary become <unk>.\n"
                       "A series CSV has one row per timestep and one column per feature; a header row is optional.\n"
                       "JSON: prediction (raw model output), attention {shape, values (row-major)}, source, tokens\n"
                       "(text/ids only), warnings, flaws (what the warnings diagnose: wrong_softmax_axis, padding_weight,\n"
                       "fixed_length, unknown_words, truncated, pad_id_in_input), label/probability (of that label) for\n"
                       "classifiers with labels,\n"
                       "candidates (softmax outputs found) and layout (external models: how the sequence was fed)."));
    addModelInputOptions(parser);
    addFormatOption(parser);
    if (!parseCommandLine(parser, line,
                          QStringLiteral("infer --model FILE (--text STRING | --ids \"3 7 1\" | --series FILE.csv) "
                                         "[--time-major | --batch-first] [--candidate N] [--keras-config FILE] "
                                         "[--tokenizer FILE] [--format json]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    ModelInput input = modelInput(parser);
    const ModelSummary summary = input.session->summary();
    const InferenceResult result = runModelInput(input);

    if (format == OutputFormat::Json) {
        printJson(inferenceJson(summary, result));
        return kExitOk;
    }
    for (const QString& warning : result.warnings)
        printWarning(warning);
    printHuman(summary, result);
    return kExitOk;
}

} // namespace studio::cli
