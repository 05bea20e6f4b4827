// attention-cli train: a new run on a built-in task, or the continuation of a saved one.

#include "Commands.h"
#include "DataOptions.h"
#include "FitProgress.h"

#include "analysis/ForecastScore.h"
#include "common/StudioError.h"
#include "data/ForecastDataset.h"
#include "train/Evaluation.h"
#include "train/ModelFile.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <QFileInfo>
#include <QJsonArray>

#include <atomic>
#include <cmath>
#include <csignal>
#include <optional>

namespace studio::cli {
namespace {

constexpr int kDefaultTaskCount = 2000;  // examples generated for training
constexpr uint64_t kDefaultTrainingSeed = TrainingConfig{}.seed;

const QString kOut = QStringLiteral("out");
const QString kResume = QStringLiteral("resume");
const QString kEpochs = QStringLiteral("epochs");

// Ctrl-C asks the loop to stop at the next step (the last epoch checkpoint stays valid) instead
// of killing the process mid-write. A lock-free atomic store is safe in a signal handler.
std::atomic<bool>* gCancelFlag = nullptr;

extern "C" void requestCancel(int /*signal*/)
{
    if (gCancelFlag)
        gCancelFlag->store(true);
}

QJsonObject testJson(const EvaluationResult& test, const std::optional<ForecastScore>& forecast)
{
    QJsonObject json{{QStringLiteral("loss"), test.loss},
                     {QStringLiteral("metric"), test.metric},
                     {QStringLiteral("count"), static_cast<qint64>(test.count)}};
    if (forecast) {
        json.insert(QStringLiteral("mae"), forecast->modelMae);
        if (!std::isnan(forecast->persistenceMae))
            json.insert(QStringLiteral("persistenceMae"), forecast->persistenceMae);
    }
    return json;
}

// Model and training flags cannot change a saved run; say so instead of silently ignoring them.
void warnIgnoredWithResume(const QCommandLineParser& parser)
{
    QStringList ignored;
    for (const QString& name : modelOptionNames() + trainingOptionNames())
        if (name != kEpochs && parser.isSet(name))
            ignored << QLatin1String("--") + name;
    if (!ignored.isEmpty())
        printWarning(QStringLiteral("%1 ignored with --resume: the model file fixes the model and training settings "
                                    "(only --epochs can raise the total).")
                         .arg(ignored.join(QLatin1String(", ")) + (ignored.size() == 1 ? QLatin1String(" is") : QLatin1String(" are"))));
}

} // namespace

int runTrain(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Train a model on a built-in task. The model file is a checkpoint, rewritten after every epoch.\n"
                       "--resume continues a saved run: give the same --task-length, --task-count and --variable-length\n"
                       "as the first run (the task, seed and neutral class follow the saved run), and\n"
                       "--epochs to raise the total. The run goes on in --out, or in the resumed file without it.\n"
                       "Ctrl-C stops at the next step; the file keeps the last finished epoch."));
    addTaskOptions(parser, kDefaultTaskCount, kDefaultTrainingSeed);
    addDataOptions(parser);
    addModelOptions(parser);
    addTrainingOptions(parser);
    parser.addOptions({
        {kOut, QStringLiteral("Model file to write (required unless --resume)."), QStringLiteral("file")},
        {kResume, QStringLiteral("Continue the run saved in this model file."), QStringLiteral("file")},
    });
    addFormatOption(parser);
    if (!parseCommandLine(parser, line,
                          QStringLiteral("train --task NAME --out FILE [options]\n"
                                         "       attention-cli train --resume FILE [--epochs N] [--out FILE] [options]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    const bool resuming = parser.isSet(kResume);
    const QString resumePath = resuming ? requiredOption(parser, kResume) : QString();
    if (!resuming && (!parser.isSet(kOut) || parser.value(kOut).isEmpty()))
        throw UsageError(QStringLiteral("The option --out is required: name the model file to write (or use --resume FILE)."));
    const QString outPath = parser.isSet(kOut) ? requiredOption(parser, kOut) : resumePath;
    // Checked before the data is generated or the first epoch is spent.
    intOption(parser, kEpochs, /*fallback=*/0, /*minimum=*/1);
    const QFileInfo outFolder(QFileInfo(outPath).absolutePath());
    if (!outFolder.isDir())
        throw StudioError(QStringLiteral("Cannot write the model file %1: the folder %2 does not exist; create it first.")
                              .arg(outPath, outFolder.filePath()));

    std::optional<Trainer> trainer;
    if (resuming) {
        warnIgnoredWithResume(parser);
        // Read once up front for the saved task and seed, so the data is generated as in the first run.
        const RunState saved = loadModelFile(resumePath).state;
        const bool fromFile = usesDataFile(parser);
        const QString task = fromFile ? QString()
                                      : taskName(parser, builtinTaskNames().contains(saved.dataName) ? saved.dataName : QString());
        if (!fromFile && task != saved.dataName)
            throw UsageError(QStringLiteral("%1 was trained on \"%2\", not the task \"%3\": resume with the same --task or --data.")
                                 .arg(resumePath, saved.dataName, task));
        TaskOptions options = fromFile ? TaskOptions{} : taskOptions(parser, task, kDefaultTaskCount, saved.training.seed);
        // A multi-class keyword/spike run was started with the neutral class; regenerate it the same way.
        options.neutralClass = options.neutralClass || (taskHasNeutralClass(task) && saved.model.head == HeadKind::MultiClass);
        Dataset data = usesDataFile(parser) ? reloadTrainingData(parser, saved).data : makeBuiltinTask(task, options);
        trainer.emplace(Trainer::resume(resumePath, std::move(data), intOption(parser, kEpochs, 0, /*minimum=*/1)));
        const RunState& state = trainer->state();
        if (state.epochsCompleted >= state.training.epochs)
            throw UsageError(QStringLiteral("%1 already holds all %2 epochs of its run: pass --epochs with a larger total "
                                            "to continue it.")
                                 .arg(resumePath)
                                 .arg(state.epochsCompleted));
    } else {
        TrainingConfig training;
        applyTrainingOptions(parser, &training);
        Dataset data;
        if (usesDataFile(parser)) {
            training.seed = seedOption(parser, kDefaultTrainingSeed);
            TrainingData loaded = loadTrainingData(parser, training);
            for (const QString& note : loaded.notes)
                printWarning(note);
            data = std::move(loaded.data);
        } else {
            const QString task = taskName(parser);
            const TaskOptions options = taskOptions(parser, task, kDefaultTaskCount, kDefaultTrainingSeed);
            data = makeBuiltinTask(task, options);
            training.seed = options.seed;
        }
        // The data decides input and head (and maxLength, which positional-bias needs); flags the rest.
        ModelConfig model = fittingModelConfig(data);
        applyModelOptions(parser, &model);
        const QString problem = model.validate();
        if (!problem.isEmpty())
            throw UsageError(QStringLiteral("The model options do not make a valid model: %1").arg(problem));
        trainer.emplace(std::move(data), model, training);
    }
    trainer->setCheckpointPath(outPath);

    const HeadKind head = trainer->state().model.head;
    const QString metric = metricName(head);
    std::optional<FitProgress> fitProgress;
    if (format == OutputFormat::Human) {
        fitProgress.emplace(metric, FitProgress::isTerminal(stdout));
        trainer->setProgressCallback([&fitProgress](const TrainingProgress& progress) { fitProgress->report(progress); });
    }

    TrainingControl control;
    gCancelFlag = &control.cancel;
    std::signal(SIGINT, requestCancel);
    std::signal(SIGTERM, requestCancel);
    const TrainingResult result = trainer->run(control);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    gCancelFlag = nullptr;

    const bool succeeded = studio::succeeded(result.status);
    // The held-out test part (--test), evaluated once, after training.
    std::optional<EvaluationResult> test;
    std::optional<ForecastScore> forecastTest;  // forecasts: the test error in the target's own units
    if (succeeded && !trainer->testIndices().empty()) {
        AttentionModel trained = trainer->model();
        test = evaluateModel(trained, trainer->data(), trainer->testIndices());
        if (isForecastPreprocessing(trainer->data().preprocessing))
            forecastTest = scoreForecast(trained, trainer->data(), trainer->testIndices());
    }
    if (format == OutputFormat::Json) {
        QJsonArray history;
        for (const EpochMetrics& metrics : result.history)
            history.append(epochMetricsToJson(metrics));
        printJson(QJsonObject{
            {QStringLiteral("status"), toString(result.status)},
            {QStringLiteral("message"), result.message},
            {QStringLiteral("epochs"), result.epochsCompleted},
            {QStringLiteral("metric"), metric},
            {QStringLiteral("history"), history},
            {QStringLiteral("model"), outPath},
            {QStringLiteral("test"), test ? QJsonValue(testJson(*test, forecastTest)) : QJsonValue()},
        });
    } else if (succeeded) {
        if (test)
            printOut(QStringLiteral("test loss %1  test %2 %3  (%4 held-out examples)")
                         .arg(formatMetric(test->loss), metric, formatMetric(test->metric))
                         .arg(test->count));
        if (forecastTest)
            printOut(QStringLiteral("test mae in original units %1  (persistence, next = last value: %2)")
                         .arg(forecastTest->modelMae, 0, 'g', 5)
                         .arg(forecastTest->persistenceMae, 0, 'g', 5));
        printOut(QStringLiteral("%1 Model file: %2").arg(result.message, outPath));
    }
    if (!succeeded) {
        printError(result.message);
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace studio::cli
