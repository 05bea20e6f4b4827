#include "bench/OpenBenchmark.h"

#include "bench/ProcessMemory.h"
#include "common/StudioError.h"
#include "data/Vocabulary.h"
#include "external/keras/KerasArchive.h"
#include "external/keras/KerasFileKind.h"
#include "external/keras/KerasModel.h"
#include "io/ModelFileCheck.h"
#include "model/AttentionModel.h"
#include "model/ModelConfig.h"
#include "session/ModelSession.h"
#include "train/ModelFile.h"

#include <ATen/Parallel.h>
#include <torch/utils.h>

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>
#include <optional>
#include <random>

namespace studio {
namespace {

constexpr uint64_t kSeed = 4;              // the reference model's weights and the random ids
constexpr int kFreeInputLength = 200;      // ids when the model takes any length
constexpr int64_t kVocabularyUnknown = 100;  // ids stay below this when the vocabulary is not known

double elapsedMs(const QElapsedTimer& timer)
{
    return static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

// What a native model needs to be as large as the Keras model: its first Embedding, its first
// recurrent layer (inside a Bidirectional or not), and the units of its last Dense.
struct KerasShape {
    int vocabulary = 0;
    int embedding = 0;
    QString cell;  // "LSTM" or "GRU"
    int units = 0;
    bool bidirectional = false;
    int outputs = 1;
};

QJsonArray configLayers(const QJsonObject& modelConfig)
{
    const QJsonValue config = modelConfig.value(QStringLiteral("config"));
    if (config.isArray())  // Keras 1 Sequential: the config is the layer list
        return config.toArray();
    return config.toObject().value(QStringLiteral("layers")).toArray();
}

std::optional<KerasShape> kerasShape(const QJsonObject& modelConfig)
{
    KerasShape shape;
    for (const QJsonValue& value : configLayers(modelConfig)) {
        const QJsonObject layer = value.toObject();
        const QString cls = layer.value(QStringLiteral("class_name")).toString();
        const QJsonObject config = layer.value(QStringLiteral("config")).toObject();
        if (cls == QLatin1String("Embedding") && shape.vocabulary == 0) {
            shape.vocabulary = config.value(QStringLiteral("input_dim")).toInt();
            shape.embedding = config.value(QStringLiteral("output_dim")).toInt();
        } else if ((cls == QLatin1String("LSTM") || cls == QLatin1String("GRU")) && shape.units == 0) {
            shape.cell = cls;
            shape.units = config.value(QStringLiteral("units")).toInt();
        } else if (cls == QLatin1String("Bidirectional") && shape.units == 0) {
            const QJsonObject inner = config.value(QStringLiteral("layer")).toObject();
            const QString innerClass = inner.value(QStringLiteral("class_name")).toString();
            if (innerClass == QLatin1String("LSTM") || innerClass == QLatin1String("GRU")) {
                shape.cell = innerClass;
                shape.units = inner.value(QStringLiteral("config")).toObject().value(QStringLiteral("units")).toInt();
                shape.bidirectional = true;
            }
        } else if (cls == QLatin1String("Dense")) {
            shape.outputs = std::max(1, config.value(QStringLiteral("units")).toInt());
        }
    }
    if (shape.vocabulary < 2 || shape.embedding < 1 || shape.units < 1)
        return std::nullopt;
    return shape;
}

int64_t weightValues(const keras::KerasArchive& archive)
{
    int64_t count = 0;
    for (const auto& [name, arrays] : archive.layerWeights)
        for (const keras::WeightArray& array : arrays)
            count += static_cast<int64_t>(array.values.size());
    for (const auto& [name, arrays] : archive.varGroups)
        for (const keras::WeightArray& array : arrays)
            count += static_cast<int64_t>(array.values.size());
    return count;
}

// The native model of the same size, untrained: the Embedding, the recurrent layer, tanh-dense
// attention (a softmax over w·tanh(h), like the tutorial's Dense(1, tanh) scores) and a head
// with as many outputs. Its vocabulary names every embedding row, as a trained model's does.
// Returns the number of parameters.
int64_t writeReferenceModel(const QString& path, const KerasShape& shape)
{
    ModelConfig config;
    config.input = InputKind::Tokens;
    config.vocabularySize = shape.vocabulary;
    config.embeddingDim = shape.embedding;
    config.cell = shape.cell == QLatin1String("GRU") ? RecurrentCell::Gru : RecurrentCell::Lstm;
    config.hiddenSize = shape.units;
    config.bidirectional = shape.bidirectional;
    config.attention = AttentionKind::TanhDense;
    config.head = shape.outputs > 1 ? HeadKind::MultiClass : HeadKind::Binary;
    config.outputs = shape.outputs;

    torch::manual_seed(kSeed);
    AttentionModel model = buildModel(config);
    RunState state;
    state.model = config;
    for (int id = 2; id < shape.vocabulary; ++id)
        state.vocabulary.add(QStringLiteral("w%1").arg(id));
    saveModelFile(path, state, model, /*optimizer=*/nullptr);
    int64_t parameters = 0;
    for (const torch::Tensor& parameter : model->parameters())
        parameters += parameter.numel();
    return parameters;
}

std::vector<int64_t> randomIds(int length, int64_t vocabulary)
{
    std::mt19937_64 random(kSeed);
    std::uniform_int_distribution<int64_t> id(2, std::max<int64_t>(vocabulary, 3) - 1);
    std::vector<int64_t> ids(static_cast<size_t>(length));
    for (int64_t& value : ids)
        value = id(random);
    return ids;
}

// One round for one file: open, first result; the peak resident memory of the round.
void timeOpen(OpenTimings& timings, std::vector<int64_t>& ids, int64_t vocabulary, bool timed, bool& peakReset)
{
    peakReset = resetPeakResident() && peakReset;
    const qint64 residentBefore = procStatusBytes("VmRSS");
    QElapsedTimer timer;
    // Every round is a first open, child check included; timed apart so the reading itself shows.
    forgetCheckedModelFiles();
    timer.start();
    checkModelFileInChild(timings.path);
    const double checkMs = elapsedMs(timer);
    timer.restart();
    std::unique_ptr<ModelSession> session = ModelSession::open(timings.path);
    const double openMs = elapsedMs(timer);
    const ModelSummary summary = session->summary();
    if (ids.empty())  // first round: the model's own length, now that it is known
        ids = randomIds(summary.fixedLength > 0 ? summary.fixedLength : kFreeInputLength, vocabulary);
    InferenceRequest request;
    request.ids = ids;
    timer.restart();
    const InferenceResult result = session->run(request);
    const double firstMs = elapsedMs(timer);
    session.reset();
    const qint64 peak = procStatusBytes("VmHWM");
    timings.peakResidentBytes = std::max(timings.peakResidentBytes, peak);
    timings.peakGrowthBytes = std::max(timings.peakGrowthBytes, peak - residentBefore);

    timings.format = formatName(summary.format);
    timings.description = summary.description;
    timings.attentionSteps = static_cast<int>(result.attention.values.size());
    timings.attentionSource = result.source;
    if (!timed) {
        timings.warmupTotalMs.push_back(checkMs + openMs + firstMs);
        return;
    }
    timings.check.add(checkMs);
    timings.open.add(openMs);
    timings.firstResult.add(firstMs);
    timings.total.add(checkMs + openMs + firstMs);
}

void timeKerasStages(KerasOpenStages& stages, const QString& path, const std::vector<int64_t>& ids)
{
    QElapsedTimer timer;
    timer.start();
    const keras::KerasArchive archive = keras::readKerasFile(path);
    stages.readFile.add(elapsedMs(timer));
    timer.restart();
    const keras::KerasModel model(archive, QString());
    stages.buildModel.add(elapsedMs(timer));
    timer.restart();
    model.run(ids, {}, 0);
    stages.firstRun.add(elapsedMs(timer));
}

double ratio(double a, double b)
{
    return b > 0.0 ? a / b : 0.0;
}

} // namespace

void TimingSeries::add(double value)
{
    ms.push_back(value);
}

void TimingSeries::finish()
{
    if (ms.empty())
        return;
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    medianMs = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    minMs = sorted.front();
    maxMs = sorted.back();
}

QJsonObject TimingSeries::toJson() const
{
    QJsonArray each;
    for (double value : ms)
        each.append(value);
    return {{QStringLiteral("medianMs"), medianMs},
            {QStringLiteral("minMs"), minMs},
            {QStringLiteral("maxMs"), maxMs},
            {QStringLiteral("ms"), each}};
}

QJsonObject OpenTimings::toJson() const
{
    QJsonArray warmup;
    for (double value : warmupTotalMs)
        warmup.append(value);
    return {{QStringLiteral("path"), path},
            {QStringLiteral("format"), format},
            {QStringLiteral("description"), description},
            {QStringLiteral("fileBytes"), fileBytes},
            {QStringLiteral("parameters"), static_cast<qint64>(parameters)},
            {QStringLiteral("check"), check.toJson()},
            {QStringLiteral("open"), open.toJson()},
            {QStringLiteral("firstResult"), firstResult.toJson()},
            {QStringLiteral("total"), total.toJson()},
            {QStringLiteral("warmupTotalMs"), warmup},
            {QStringLiteral("peakResidentBytes"), peakResidentBytes},
            {QStringLiteral("peakGrowthBytes"), peakGrowthBytes},
            {QStringLiteral("attentionSteps"), attentionSteps},
            {QStringLiteral("attentionSource"), attentionSource}};
}

QJsonObject KerasOpenStages::toJson() const
{
    return {{QStringLiteral("readFile"), readFile.toJson()},
            {QStringLiteral("buildModel"), buildModel.toJson()},
            {QStringLiteral("firstRun"), firstRun.toJson()}};
}

QJsonObject OpenBenchmarkReport::toJson() const
{
    QJsonObject json{{QStringLiteral("repeats"), repeats},
                     {QStringLiteral("warmupRounds"), warmupRounds},
                     {QStringLiteral("threads"), threads},
                     {QStringLiteral("length"), length},
                     {QStringLiteral("residentBeforeBytes"), residentBeforeBytes},
                     {QStringLiteral("peakResetPerRun"), peakResetPerRun},
                     {QStringLiteral("model"), model.toJson()}};
    if (hasReference) {
        json.insert(QStringLiteral("reference"), reference.toJson());
        json.insert(QStringLiteral("openRatio"), openRatio);
        json.insert(QStringLiteral("firstResultRatio"), firstResultRatio);
        json.insert(QStringLiteral("totalRatio"), totalRatio);
    }
    if (!referenceNote.isEmpty())
        json.insert(QStringLiteral("referenceNote"), referenceNote);
    if (hasStages)
        json.insert(QStringLiteral("kerasStages"), stages.toJson());
    return json;
}

OpenBenchmarkReport runOpenBenchmark(const OpenBenchmarkSettings& settings)
{
    if (settings.repeats < 1)
        throw StudioError(QStringLiteral("The open benchmark needs at least one repeat, not %1.").arg(settings.repeats));
    if (settings.warmupRounds < 0)
        throw StudioError(QStringLiteral("The open benchmark's warm-up rounds must be 0 or more, not %1.").arg(settings.warmupRounds));
    const QFileInfo info(settings.path);
    if (!info.isFile())
        throw StudioError(QStringLiteral("%1 does not exist or is not a file: give the model file to open.").arg(settings.path));

    OpenBenchmarkReport report;
    report.repeats = settings.repeats;
    report.warmupRounds = settings.warmupRounds;
    report.threads = at::get_num_threads();
    report.residentBeforeBytes = procStatusBytes("VmRSS");
    report.model.path = settings.path;
    report.model.fileBytes = info.size();

    // Untimed, before the rounds: the Keras config gives the reference's sizes and the ids'
    // range. (It also puts the file in the page cache: every timed open reads it from memory.)
    const bool keras = keras::isKerasFile(settings.path);
    int64_t vocabulary = kVocabularyUnknown;
    std::optional<KerasShape> shape;
    if (keras) {
        const keras::KerasArchive archive = keras::readKerasFile(settings.path);
        report.model.parameters = weightValues(archive);
        shape = kerasShape(archive.modelConfig);
        if (shape)
            vocabulary = shape->vocabulary;
    }
    QTemporaryDir folder;
    if (settings.reference) {
        if (!shape) {
            report.referenceNote = keras ? QStringLiteral("no native reference: the model has no Embedding followed by an LSTM or GRU")
                                         : QStringLiteral("no native reference: the file is not a Keras model");
        } else if (!folder.isValid()) {
            report.referenceNote = QStringLiteral("no native reference: no temporary folder (%1)").arg(folder.errorString());
        } else {
            report.hasReference = true;
            report.reference.path = folder.filePath(QStringLiteral("reference.asmodel"));
            report.reference.parameters = writeReferenceModel(report.reference.path, *shape);
            report.reference.fileBytes = QFileInfo(report.reference.path).size();
            report.referenceNote = QStringLiteral("native model of the same size: Embedding %1x%2, %3%4 %5, tanh-dense attention, "
                                                  "%6 output(s); untrained, saved without optimizer state")
                                       .arg(shape->vocabulary)
                                       .arg(shape->embedding)
                                       .arg(shape->bidirectional ? QStringLiteral("bidirectional ") : QString(), shape->cell)
                                       .arg(shape->units)
                                       .arg(shape->outputs);
        }
    }
    report.hasStages = keras && settings.stages;

    std::vector<int64_t> ids = settings.ids;
    report.peakResetPerRun = true;
    for (int round = 0; round < settings.warmupRounds + settings.repeats; ++round) {
        const bool timed = round >= settings.warmupRounds;
        // Alternate which goes first, so neither always follows the other's freed memory.
        const bool modelFirst = round % 2 == 0;
        if (modelFirst)
            timeOpen(report.model, ids, vocabulary, timed, report.peakResetPerRun);
        if (report.hasReference)
            timeOpen(report.reference, ids, vocabulary, timed, report.peakResetPerRun);
        if (!modelFirst)
            timeOpen(report.model, ids, vocabulary, timed, report.peakResetPerRun);
        if (report.hasStages) {
            KerasOpenStages untimed;
            timeKerasStages(timed ? report.stages : untimed, settings.path, ids);
        }
    }
    report.length = static_cast<int>(ids.size());
    for (OpenTimings* timings : {&report.model, &report.reference}) {
        timings->check.finish();
        timings->open.finish();
        timings->firstResult.finish();
        timings->total.finish();
    }
    report.stages.readFile.finish();
    report.stages.buildModel.finish();
    report.stages.firstRun.finish();
    if (report.hasReference) {
        report.openRatio = ratio(report.model.open.medianMs, report.reference.open.medianMs);
        report.firstResultRatio = ratio(report.model.firstResult.medianMs, report.reference.firstResult.medianMs);
        report.totalRatio = ratio(report.model.total.medianMs, report.reference.total.medianMs);
    }
    return report;
}

} // namespace studio
