#include "runtime/TrainingWorker.h"

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

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QUuid>

#include <exception>

namespace studio {
namespace {

// Step reports faster than this are merged: the window redraws at most ~30 times a second.
constexpr qint64 kProgressIntervalMs = 30;

Dataset loadData(const TrainingSetup& setup, const ImportControl& control)
{
    if (setup.dataFile.isEmpty())
        return makeBuiltinTask(setup.task, setup.taskOptions);
    if (!setup.forecast.targetColumn.isEmpty()) {
        ForecastSpec spec = setup.forecast;
        // The windows before the validation part are the training part; the normalizer learns only from them.
        spec.validationFraction = setup.training.validationFraction;
        spec.testFraction = setup.training.testFraction;
        SeriesReadOptions read;
        read.columns = spec.columnsToRead();
        return buildForecast(readSeriesTable(setup.dataFile, read, control), spec).dataset;
    }
    const TextCorpus corpus = importText(setup.dataFile, {}, control);
    const DataSplit records = splitItems(corpus.size(), setup.training.splitPlan(), /*ordered=*/false);
    TextDatasetOptions options;
    options.maxLength = setup.model.maxLength;  // 0: whole texts
    const TextEncoding encoding = fitTextEncoding(corpus, options, records.train);
    std::vector<int64_t> exampleRecords;
    Dataset data = encodeCorpus(corpus, encoding, {}, &exampleRecords);
    data.groups = std::move(exampleRecords);
    return data;
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

AttentionSnapshot snapshot(Trainer& trainer, const std::vector<int64_t>& probes, int epoch, int64_t step)
{
    AttentionModel model = trainer.model();
    const bool wasTraining = model->is_training();
    AttentionSnapshot result;
    result.epoch = epoch;
    result.step = step;
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

QString statusName(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Completed: return QStringLiteral("completed");
    case TrainingStatus::EarlyStopped: return QStringLiteral("early-stopped");
    case TrainingStatus::Cancelled: return QStringLiteral("cancelled");
    case TrainingStatus::Diverged: return QStringLiteral("diverged");
    }
    return QStringLiteral("failed");
}

} // namespace

TrainingWorker::TrainingWorker(std::shared_ptr<TrainingControl> control)
    : control_(std::move(control))
{
}

void TrainingWorker::run(const TrainingSetup& setup)
{
    at::set_num_threads(1);  // measured fastest for these LSTMs (docs/BENCHMARKS.md)
    const QString path = !setup.checkpointPath.isEmpty()
        ? setup.checkpointPath
        : QDir::temp().filePath(QStringLiteral("attention-studio-%1.asmodel")
                                    .arg(QUuid::createUuid().toString(QUuid::WithoutBraces).left(8)));
    try {
        ImportControl import;
        import.cancel = &control_->cancel;  // Stop works while a large file is still being read
        import.progress = [this](qint64 done, qint64 total) { Q_EMIT importProgress(done, total); };
        Dataset data = loadData(setup, import);
        const ModelConfig config = fittedModel(data, setup.model);
        Trainer trainer(std::move(data), config, setup.training);
        trainer.setCheckpointPath(path);

        std::vector<int64_t> probes = trainer.validationIndices();
        if (probes.empty())
            probes = trainer.trainIndices();
        probes.resize(std::min<size_t>(probes.size(), static_cast<size_t>(std::max(0, setup.probeCount))));

        ModelSummary summary;
        summary.path = path;
        summary.name = QFileInfo(path).fileName();
        summary.format = ModelFormat::Native;
        summary.input = config.input == InputKind::Tokens ? ModelInputKind::Tokens : ModelInputKind::Series;
        summary.labels = trainer.state().labels;
        summary.description = QStringLiteral("%1 attention on %2").arg(toString(config.attention), trainer.data().name);
        Q_EMIT started(summary, setup.training.epochs);
        Q_EMIT attentionRecorded(snapshot(trainer, probes, 0, 0));  // before any step: the initial weights

        QElapsedTimer sinceReport;
        sinceReport.start();
        trainer.setProgressCallback([&](const TrainingProgress& progress) {
            const bool probeNow = progress.epochEnd
                || (setup.probeEverySteps > 0 && progress.step % setup.probeEverySteps == 0);
            if (progress.epochEnd || sinceReport.elapsed() >= kProgressIntervalMs) {
                sinceReport.restart();
                Q_EMIT this->progress(progress);
            }
            if (probeNow)
                Q_EMIT attentionRecorded(snapshot(trainer, probes, progress.epoch, progress.step));
        });
        const TrainingResult result = trainer.run(*control_);
        Q_EMIT finished(statusName(result.status), result.message, result.epochsCompleted > 0 ? path : QString());
    } catch (const ImportCancelled&) {
        Q_EMIT finished(QStringLiteral("cancelled"), QStringLiteral("Stopped while reading the data; nothing was trained."), QString());
    } catch (const StudioError& error) {
        Q_EMIT finished(QStringLiteral("failed"), error.message(), QString());
    } catch (const std::exception& error) {
        Q_EMIT finished(QStringLiteral("failed"), QString::fromLocal8Bit(error.what()).section(QLatin1Char('\n'), 0, 0),
                        QString());
    }
}

} // namespace studio
