#include "runtime/TrainingWorker.h"

#include "analysis/ForecastScore.h"
#include "common/StudioError.h"
#include "data/DataSplit.h"
#include "data/ForecastDataset.h"
#include "data/ImportControl.h"
#include "data/TextDataset.h"
#include "data/TextImport.h"
#include "model/LabelGuess.h"
#include "model/Prediction.h"
#include "train/Trainer.h"
#include "train/FittingModelConfig.h"

#include <ATen/Parallel.h>

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <functional>
#include <optional>

namespace studio {
namespace {

// Step reports faster than this are merged: the window redraws at most ~30 times a second.
constexpr qint64 kProgressIntervalMs = 30;

struct LoadedData {
    Dataset data;
    // What an example is when its tokens do not say (series); null for text.
    std::function<QString(int64_t)> exampleName;
};

// A forecast window by the time range it covers ("1750 – 1759"), or its rows without a time column.
std::function<QString(int64_t)> windowNames(SeriesTable&& table, std::vector<int64_t>&& windowStart, int window)
{
    auto axis = std::make_shared<SeriesTable>();
    axis->timeName = table.timeName;
    axis->timeFormat = table.timeFormat;
    axis->time = std::move(table.time);  // the time column alone: the values are not needed for names
    auto starts = std::make_shared<std::vector<int64_t>>(std::move(windowStart));
    return [axis, starts, window](int64_t example) {
        const int64_t first = (*starts)[static_cast<size_t>(example)];
        const int64_t last = first + window - 1;
        if (axis->timeName.isEmpty())
            return QStringLiteral("rows %1–%2").arg(first + 1).arg(last + 1);
        return QStringLiteral("%1 – %2").arg(axis->timeLabel(first), axis->timeLabel(last));
    };
}

LoadedData loadData(const TrainingSetup& setup, const ImportControl& control)
{
    if (setup.dataFile.isEmpty()) {
        Dataset data = makeBuiltinTask(setup.task, setup.taskOptions);
        std::function<QString(int64_t)> name;
        if (data.input == InputKind::Series)
            name = [](int64_t example) { return QStringLiteral("example %1").arg(example + 1); };
        return {std::move(data), std::move(name)};
    }
    if (!setup.forecast.targetColumn.isEmpty()) {
        ForecastSpec spec = setup.forecast;
        // The windows before the validation part are the training part; the normalizer learns only from them.
        spec.validationFraction = setup.training.validationFraction;
        spec.testFraction = setup.training.testFraction;
        SeriesReadOptions read;
        read.columns = spec.columnsToRead();
        SeriesTable table = readSeriesTable(setup.dataFile, read, control);
        ForecastData forecast = buildForecast(table, spec);
        return {std::move(forecast.dataset), windowNames(std::move(table), std::move(forecast.windowStart), spec.window)};
    }
    const TextCorpus corpus = importText(setup.dataFile, {}, control);
    const DataSplit records = splitItems(corpus.size(), setup.training.splitPlan(), /*ordered=*/false);
    TextDatasetOptions options;
    options.maxLength = setup.model.maxLength;  // 0: whole texts
    options.classNames = setup.classNames;
    const TextEncoding encoding = fitTextEncoding(corpus, options, records.train);
    std::vector<int64_t> exampleRecords;
    Dataset data = encodeCorpus(corpus, encoding, {}, &exampleRecords);
    data.groups = std::move(exampleRecords);
    return {std::move(data), {}};
}

// The data decides input, vocabulary and head; the person decides the rest.
ModelConfig fittedModel(const Dataset& data, const ModelConfig& chosen)
{
    ModelConfig config = fittingModelConfig(data);
    config.embeddingDim = chosen.embeddingDim;
    config.cell = chosen.cell;
    config.hiddenSize = chosen.hiddenSize;
    config.layers = chosen.layers;
    config.dropout = chosen.dropout;
    config.bidirectional = chosen.bidirectional;
    config.attention = chosen.attention;
    config.attentionDim = chosen.attentionDim;
    return config;
}

QString predictionText(const Prediction& prediction, const QStringList& labels)
{
    if (const std::optional<LabelGuess> guess = guessLabel(labels, prediction.output))
        return QStringLiteral("%1 (%2)").arg(guess->label).arg(guess->probability, 0, 'f', 2);
    return prediction.output.empty() ? QString() : QString::number(prediction.output.front(), 'g', 4);
}

AttentionSnapshot snapshot(Trainer& trainer, const std::vector<int64_t>& probes, const std::vector<QString>& names,
                           int epoch, int64_t step)
{
    AttentionModel model = trainer.model();
    const bool wasTraining = model->is_training();
    AttentionSnapshot result;
    result.epoch = epoch;
    result.step = step;
    result.probeNames = names;
    for (int64_t index : probes) {
        const Example& example = trainer.data().examples[static_cast<size_t>(index)];
        const Prediction prediction = predictExample(model, example, &trainer.state().vocabulary);
        result.probes.push_back(prediction.attention);
        result.predictions.push_back(predictionText(prediction, trainer.state().labels));
    }
    if (wasTraining)
        model->train();  // predictExample switched to eval mode in the middle of an epoch
    return result;
}

int64_t stepsPerEpoch(const Trainer& trainer)
{
    const auto batch = static_cast<int64_t>(trainer.state().training.batchSize);
    return (static_cast<int64_t>(trainer.trainIndices().size()) + batch - 1) / batch;
}

// A resumed run's finished epochs, reported again so the curves show the whole run.
std::vector<TrainingProgress> replayHistory(const Trainer& trainer)
{
    std::vector<TrainingProgress> reports;
    const int64_t steps = stepsPerEpoch(trainer);
    for (const EpochMetrics& metrics : trainer.state().history) {
        TrainingProgress report;
        report.epoch = metrics.epoch;
        report.epochs = trainer.state().training.epochs;
        report.step = steps * metrics.epoch;
        report.stepsPerEpoch = steps;
        report.trainLoss = metrics.trainLoss;
        report.trainMetric = metrics.trainMetric;
        reports.push_back(report);
        report.validationLoss = metrics.validationLoss;
        report.validationMetric = metrics.validationMetric;
        report.epochEnd = true;
        reports.push_back(report);
    }
    return reports;
}

// The run's record (run.json) says how far it got; runs with an explicit model file have none.
// Throws StudioError when it cannot be written, as saving the model file would.
void updateRecord(TrainingRunRecord* record)
{
    if (record->folder.isEmpty())
        return;
    writeRunRecord(*record);
}

} // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingControl> control)
    : m_control(std::move(control))
{
}

void TrainingWorker::run(const TrainingSetup& setup, const QString& runFolder)
{
    train(setup, runFolder, /*resuming=*/false);
}

void TrainingWorker::continueRun(const QString& runFolder)
{
    TrainingSetup setup;
    try {
        setup = readRunRecord(runFolder).setup;
    } catch (const StudioError& error) {
        TrainingOutcome outcome;
        outcome.status = TrainingStatus::Failed;
        outcome.message = error.message();
        outcome.runFolder = runFolder;
        Q_EMIT finished(outcome);
        return;
    }
    train(setup, runFolder, /*resuming=*/true);
}

void TrainingWorker::findInterruptedRuns(const QString& runsFolder)
{
    Q_EMIT interruptedRunsFound(studio::findInterruptedRuns(runsFolder));
}

void TrainingWorker::train(const TrainingSetup& setup, const QString& runFolder, bool resuming)
{
    at::set_num_threads(1);  // measured fastest for these LSTMs (docs/BENCHMARKS.md)
    TrainingOutcome outcome;
    outcome.setup = setup;
    outcome.runFolder = runFolder;
    TrainingRunRecord record;
    std::unique_ptr<QLockFile> lock;
    QString path = setup.checkpointPath;
    try {
        if (!runFolder.isEmpty()) {
            lock = lockRun(runFolder);  // before anything is written: another process may own the run
            if (resuming)
                record = readRunRecord(runFolder);
            record.folder = QFileInfo(runFolder).absoluteFilePath();
            record.name = QFileInfo(runFolder).fileName();
            record.setup = setup;
            record.running = true;
            record.message.clear();
            path = record.modelPath();
            updateRecord(&record);
        }
        if (path.isEmpty())
            throw StudioError(QStringLiteral("The run has neither a folder nor a model file to write."));

        ImportControl import;
        import.cancel = &m_control->cancel;  // Stop works while a large file is still being read
        import.progress = [this](qint64 done, qint64 total) { Q_EMIT importProgress(done, total); };
        LoadedData loaded = loadData(setup, import);
        const std::function<QString(int64_t)> exampleName = loaded.exampleName;
        std::optional<Trainer> trainer;
        if (resuming && QFileInfo::exists(path)) {
            // The saved weights and optimizer state; each epoch's shuffle and dropout follow from the
            // seed and the epoch number, so the rest of the run is the one an uninterrupted run trains.
            trainer.emplace(Trainer::resume(path, std::move(loaded.data)));
        } else {
            const ModelConfig config = fittedModel(loaded.data, setup.model);
            trainer.emplace(std::move(loaded.data), config, setup.training);
        }
        trainer->setCheckpointPath(path);
        record.epochsCompleted = trainer->state().epochsCompleted;  // the model file may be one epoch ahead of the record
        const ModelConfig& config = trainer->state().model;
        const bool forecast = isForecastPreprocessing(trainer->data().preprocessing);

        std::vector<int64_t> probes = trainer->validationIndices();
        if (probes.empty())
            probes = trainer->trainIndices();
        probes.resize(std::min<size_t>(probes.size(), static_cast<size_t>(std::max(0, setup.probeCount))));
        std::vector<QString> probeNames;
        if (exampleName)
            for (int64_t index : probes)
                probeNames.push_back(exampleName(index));

        ModelSummary summary;
        summary.path = path;
        summary.name = QFileInfo(path).fileName();
        summary.format = ModelFormat::Native;
        summary.input = config.input == InputKind::Tokens ? ModelInputKind::Tokens : ModelInputKind::Series;
        summary.labels = trainer->state().labels;
        summary.description = QStringLiteral("%1 attention on %2").arg(toString(config.attention), trainer->data().name);
        Q_EMIT started(summary, trainer->state().training.epochs);
        for (const TrainingProgress& report : replayHistory(*trainer))
            Q_EMIT progress(report);
        const int savedEpochs = trainer->state().epochsCompleted;
        // Before this process's first step: the initial (or resumed) weights.
        Q_EMIT attentionRecorded(snapshot(*trainer, probes, probeNames, savedEpochs, savedEpochs * stepsPerEpoch(*trainer)));

        QElapsedTimer sinceReport;
        sinceReport.start();
        std::optional<TrainingProgress> heldBack;
        trainer->setProgressCallback([&](const TrainingProgress& reported) {
            TrainingProgress report = reported;
            if (report.epochEnd) {
                // The checkpoint of this epoch is on disk now: the record may say so.
                record.epochsCompleted = report.epoch;
                updateRecord(&record);
                if (forecast && !trainer->validationIndices().empty()) {
                    AttentionModel model = trainer->model();
                    const ForecastScore score = scoreForecast(model, trainer->data(), trainer->validationIndices());
                    report.validationForecastMae = score.modelMae;
                    report.persistenceMae = score.persistenceMae;
                }
            }
            const bool probeNow = report.epochEnd
                || (setup.probeEverySteps > 0 && report.step % setup.probeEverySteps == 0);
            // Step reports are thinned to one per interval; the last one held back is sent before
            // the epoch's end, so that even an epoch shorter than the interval draws its training loss.
            if (report.epochEnd && heldBack) {
                Q_EMIT this->progress(*heldBack);
                heldBack.reset();
            }
            if (report.epochEnd || sinceReport.elapsed() >= kProgressIntervalMs) {
                sinceReport.restart();
                heldBack.reset();
                Q_EMIT this->progress(report);
            } else {
                heldBack = report;
            }
            if (probeNow)
                Q_EMIT attentionRecorded(snapshot(*trainer, probes, probeNames, report.epoch, report.step));
        });
        const TrainingResult result = trainer->run(*m_control);
        if (heldBack)  // stopped mid-epoch: its last steps still reach the curves
            Q_EMIT progress(*heldBack);
        outcome.status = result.status;
        outcome.message = result.message;
        outcome.epochsCompleted = result.epochsCompleted;
        outcome.modelPath = result.epochsCompleted > 0 ? path : QString();
    } catch (const ImportCancelled&) {
        outcome.status = TrainingStatus::Cancelled;
        outcome.message = QStringLiteral("Stopped while reading the data; nothing was trained.");
    } catch (const StudioError& error) {
        outcome.status = TrainingStatus::Failed;
        outcome.message = error.message();
    } catch (const std::exception& error) {
        outcome.status = TrainingStatus::Failed;
        outcome.message = QString::fromLocal8Bit(error.what()).section(QLatin1Char('\n'), 0, 0);
    }
    if (lock) {
        record.running = false;
        record.status = outcome.status;
        record.message = outcome.message;
        try {
            updateRecord(&record);
        } catch (const StudioError& error) {
            outcome.message += QLatin1Char(' ') + error.message();
        }
        lock.reset();  // released before anyone hears the run is over
    }
    Q_EMIT finished(outcome);
}

} // namespace studio
