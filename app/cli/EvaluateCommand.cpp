// attention-cli evaluate: a saved model on freshly generated task data, or (--data) any model on a
// labelled text file (EvaluateOnData).

#include "Commands.h"
#include "EvaluateOnData.h"

#include "analysis/AttentionRelevance.h"
#include "common/StudioError.h"
#include "train/Evaluation.h"
#include "train/ModelFile.h"

#include <QJsonValue>

#include <optional>

namespace studio::cli {
namespace {

const QString kModel = QStringLiteral("model");

constexpr int kDefaultEvaluationCount = 1000;
// Training defaults to seed 1 (TrainingConfig); a different default seed makes the evaluation data
// held out: generated afresh, not the examples the model was trained or validated on.
constexpr uint64_t kDefaultEvaluationSeed = 20240607;
static_assert(kDefaultEvaluationSeed != TrainingConfig{}.seed, "evaluation data must differ from training data by default");

// Throws StudioError when the task's data cannot be read by the model, naming what differs.
void checkTaskFitsModel(const QString& path, const Dataset& data, const ModelConfig& model, const RunState& state)
{
    if (data.input != model.input)
        throw StudioError(QStringLiteral("The model in %1 reads %2 but the task \"%3\" holds %4: evaluate it on the task it "
                                         "was trained on (\"%5\").")
                              .arg(path, toString(model.input), data.name, toString(data.input), state.dataName));
    if (data.head != model.head || data.outputs != model.outputs)
        throw StudioError(QStringLiteral("The model in %1 has a %2 head with %3 outputs but the task \"%4\" needs %5 with %6: "
                                         "evaluate it on the task it was trained on (\"%7\").")
                              .arg(path, toString(model.head))
                              .arg(model.outputs)
                              .arg(data.name, toString(data.head))
                              .arg(data.outputs)
                              .arg(state.dataName));
    if (data.input == InputKind::Series && data.features != model.inputFeatures)
        throw StudioError(QStringLiteral("The model in %1 reads %2 features per step but the task \"%3\" has %4: evaluate it "
                                         "on the task it was trained on (\"%5\").")
                              .arg(path)
                              .arg(model.inputFeatures)
                              .arg(data.name)
                              .arg(data.features)
                              .arg(state.dataName));
    // Same ids must mean the same words, or the numbers would be meaningless.
    if (data.input == InputKind::Tokens && data.vocabulary.toJson() != state.vocabulary.toJson())
        throw StudioError(QStringLiteral("The vocabulary saved in %1 differs from the task \"%2\": evaluate the model on "
                                         "the task it was trained on (\"%3\").")
                              .arg(path, data.name, state.dataName));
}

} // namespace

int runEvaluate(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Loss and metric (accuracy, or mean absolute error for regression) of a model file on freshly\n"
                       "generated task data. The data seed defaults to %1, not the training default 1, so the examples\n"
                       "are held out. For attention with one distribution per sequence (additive, tanh-dense,\n"
                       "positional-bias, dot) it also measures whether the attention finds the step that decides\n"
                       "the label: how often the top step is relevant, the mean mass on relevant steps, and that\n"
                       "mass over its uniform share (1 = no better than uniform).")
            .arg(kDefaultEvaluationSeed));
    parser.addOption({kModel, QStringLiteral("Model file: written by attention-cli train for a task; with --data any model "
                                             "(TorchScript, Keras .h5/.keras too) (required)."),
                      QStringLiteral("file")});
    addTaskOptions(parser, kDefaultEvaluationCount, kDefaultEvaluationSeed);
    addEvaluateDataOptions(parser);
    addFormatOption(parser);
    if (!parseCommandLine(parser, line, QStringLiteral("evaluate --model FILE [--task NAME | --data FILE] [options]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    if (evaluatesData(parser))
        return runEvaluateOnData(parser, format);
    const QString path = requiredOption(parser, kModel);
    // Validate the flags before the (slower) model load.
    taskOptions(parser, builtinTaskNames().first(), kDefaultEvaluationCount, kDefaultEvaluationSeed);
    if (parser.isSet(QStringLiteral("task")))
        taskName(parser);

    LoadedModelFile loaded = loadModelFile(path);
    const RunState& state = loaded.state;
    const ModelConfig& config = state.model;
    const QString task = taskName(parser, builtinTaskNames().contains(state.dataName) ? state.dataName : QString());
    TaskOptions options = taskOptions(parser, task, kDefaultEvaluationCount, kDefaultEvaluationSeed);
    // A multi-class keyword/spike model was trained with the neutral class; the data must have it too.
    options.neutralClass = options.neutralClass || (taskHasNeutralClass(task) && config.head == HeadKind::MultiClass);
    if (config.attention == AttentionKind::PositionalBias && options.length > config.maxLength) {
        if (parser.isSet(QStringLiteral("task-length")))
            throw StudioError(QStringLiteral("The model in %1 has positional-bias attention for %2 steps, fewer than "
                                             "--task-length %3: pass --task-length %2 or less.")
                                  .arg(path)
                                  .arg(config.maxLength)
                                  .arg(options.length));
        options.length = config.maxLength;  // the task's default is longer than the model can read
    }
    const Dataset data = makeBuiltinTask(task, options);
    checkTaskFitsModel(path, data, config, state);

    const EvaluationResult result = evaluateModel(loaded.model, data, /*indices=*/{});
    const QString metric = metricName(config.head);
    std::optional<RelevanceStats> relevance;
    if (hasSingleDistribution(config.attention))
        relevance = measureRelevance(loaded.model, data, allIndices(data));

    if (format == OutputFormat::Json) {
        QJsonObject json{
            {QStringLiteral("model"), path},
            {QStringLiteral("task"), task},
            {QStringLiteral("examples"), static_cast<qint64>(result.count)},
            {QStringLiteral("length"), options.length},
            {QStringLiteral("seed"), QString::number(options.seed)},  // a string, as 64-bit seeds overflow doubles
            {QStringLiteral("loss"), result.loss},
            {QStringLiteral("metric"), metric},
            {QStringLiteral("value"), result.metric},
            {QStringLiteral("relevance"), QJsonValue::Null},
        };
        if (relevance)
            json.insert(QStringLiteral("relevance"),
                        QJsonObject{{QStringLiteral("examples"), static_cast<qint64>(relevance->examples)},
                                    {QStringLiteral("topIsRelevant"), relevance->topIsRelevant},
                                    {QStringLiteral("relevantMass"), relevance->relevantMass},
                                    {QStringLiteral("overUniform"), relevance->overUniform}});
        printJson(json);
        return kExitOk;
    }
    printOut(QStringLiteral("Model %1 on %2 fresh \"%3\" examples (length %4%5, seed %6):")
                 .arg(path)
                 .arg(result.count)
                 .arg(task)
                 .arg(options.length)
                 .arg(options.variableLength ? QStringLiteral(", variable") : QString())
                 .arg(options.seed));
    printOut(QStringLiteral("  loss      %1").arg(result.loss, 0, 'f', 4));
    printOut(QStringLiteral("  %1  %2").arg(metric, -8).arg(result.metric, 0, 'f', 4));
    if (relevance) {
        printOut(QStringLiteral("Attention relevance (%1 examples):").arg(relevance->examples));
        printOut(QStringLiteral("  top step is relevant   %1").arg(relevance->topIsRelevant, 0, 'f', 3));
        printOut(QStringLiteral("  mass on relevant steps %1").arg(relevance->relevantMass, 0, 'f', 3));
        printOut(QStringLiteral("  over uniform           %1 (1 = no better than uniform)").arg(relevance->overUniform, 0, 'f', 2));
    } else {
        printOut(QStringLiteral("Attention relevance: not measured (%1 attention has no single distribution per sequence).")
                     .arg(toString(config.attention)));
    }
    return kExitOk;
}

} // namespace studio::cli
