#include "train/ModelFile.h"

#include "common/StudioError.h"
#include "io/ModelFileCheck.h"

#include <torch/serialize/output-archive.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <sstream>

namespace studio {
namespace {

constexpr char kFormatKey[] = "attention_studio_format";
constexpr char kStateKey[] = "attention_studio_state";
constexpr int64_t kFormatVersion = 1;  // bump when the layout changes; loaders refuse newer files

QByteArray stateToJson(const RunState& state)
{
    QJsonArray history;
    for (const EpochMetrics& metrics : state.history)
        history.append(epochMetricsToJson(metrics));
    const QJsonObject json{
        {QStringLiteral("model"), state.model.toJson()},
        {QStringLiteral("training"), state.training.toJson()},
        {QStringLiteral("vocabulary"), state.vocabulary.toJson()},
        {QStringLiteral("labels"), QJsonArray::fromStringList(state.labels)},
        {QStringLiteral("dataName"), state.dataName},
        {QStringLiteral("preprocessing"), state.preprocessing},
        {QStringLiteral("epochsCompleted"), state.epochsCompleted},
        {QStringLiteral("history"), history},
    };
    return QJsonDocument(json).toJson(QJsonDocument::Compact);
}

RunState stateFromJson(const QByteArray& bytes, const QString& path)
{
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (!document.isObject())
        throw StudioError(QStringLiteral("%1: the model description is damaged (%2).").arg(path, error.errorString()));
    const QJsonObject json = document.object();
    try {
        RunState state;
        state.model = ModelConfig::fromJson(json.value(QStringLiteral("model")).toObject());
        state.training = TrainingConfig::fromJson(json.value(QStringLiteral("training")).toObject());
        state.vocabulary = Vocabulary::fromJson(json.value(QStringLiteral("vocabulary")).toArray());
        for (const QJsonValue& label : json.value(QStringLiteral("labels")).toArray())
            state.labels << label.toString();
        state.dataName = json.value(QStringLiteral("dataName")).toString();
        state.preprocessing = json.value(QStringLiteral("preprocessing")).toObject();
        state.epochsCompleted = json.value(QStringLiteral("epochsCompleted")).toInt();
        for (const QJsonValue& entry : json.value(QStringLiteral("history")).toArray())
            state.history.push_back(epochMetricsFromJson(entry.toObject()));
        return state;
    } catch (const StudioError& problem) {
        throw StudioError(QStringLiteral("%1: %2").arg(path, problem.message()));
    }
}

} // namespace

QJsonObject epochMetricsToJson(const EpochMetrics& metrics)
{
    QJsonObject json{{QStringLiteral("epoch"), metrics.epoch},
                     {QStringLiteral("trainLoss"), metrics.trainLoss},
                     {QStringLiteral("trainMetric"), metrics.trainMetric}};
    if (!std::isnan(metrics.validationLoss))
        json.insert(QStringLiteral("validationLoss"), metrics.validationLoss);
    if (!std::isnan(metrics.validationMetric))
        json.insert(QStringLiteral("validationMetric"), metrics.validationMetric);
    return json;
}

EpochMetrics epochMetricsFromJson(const QJsonObject& json)
{
    constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();
    EpochMetrics metrics;
    metrics.epoch = json.value(QStringLiteral("epoch")).toInt();
    metrics.trainLoss = json.value(QStringLiteral("trainLoss")).toDouble();
    metrics.trainMetric = json.value(QStringLiteral("trainMetric")).toDouble();
    metrics.validationLoss = json.value(QStringLiteral("validationLoss")).toDouble(kMissing);
    metrics.validationMetric = json.value(QStringLiteral("validationMetric")).toDouble(kMissing);
    return metrics;
}

void saveModelFile(const QString& path, const RunState& state, AttentionModel& model,
                   torch::optim::Optimizer* optimizer)
{
    std::ostringstream bytes;
    try {
        torch::serialize::OutputArchive archive;
        archive.write(kFormatKey, c10::IValue(kFormatVersion));
        archive.write(kStateKey, c10::IValue(stateToJson(state).toStdString()));
        torch::serialize::OutputArchive weights;
        model->save(weights);
        archive.write("model", weights);
        if (optimizer) {
            torch::serialize::OutputArchive optimizerArchive;
            optimizer->save(optimizerArchive);
            archive.write("optimizer", optimizerArchive);
        }
        archive.save_to(bytes);
    } catch (const c10::Error& error) {
        throw StudioError(QStringLiteral("Could not serialize the model for %1: %2").arg(path, QString::fromStdString(error.what_without_backtrace())));
    }

    // QSaveFile writes a temporary file beside the target and renames it over the target on
    // commit(), so a crash mid-write leaves the previous checkpoint intact.
    QSaveFile file(path);
    const std::string data = bytes.str();
    if (!file.open(QIODevice::WriteOnly) || file.write(data.data(), static_cast<qint64>(data.size())) != static_cast<qint64>(data.size())
        || !file.commit())
        throw StudioError(QStringLiteral("Could not write the model file %1: %2. Check that the folder exists and is writable.")
                              .arg(path, file.errorString()));
    markModelFileChecked(path);  // written whole just now by this writer: reading it back is safe
}

LoadedModelFile loadModelFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw StudioError(QStringLiteral("The model file %1 does not exist.").arg(path));
    if (!info.isFile() || !info.isReadable())
        throw StudioError(QStringLiteral("%1 is not a readable file.").arg(path));
    checkModelFileInChild(path);  // LibTorch's reader can crash on a damaged file: a child reads it first

    auto archive = std::make_shared<torch::serialize::InputArchive>();
    try {
        archive->load_from(path.toStdString());
    } catch (const std::exception&) {
        // c10::Error for most files; TorchScript whose code does not compile throws other types.
        throw NotStudioModelFile(QStringLiteral("%1 is not an Attention Studio model file (it is not a readable torch archive; "
                                         "it may be truncated or of another kind).")
                              .arg(path));
    }

    LoadedModelFile loaded;
    try {
        c10::IValue format;
        if (!archive->try_read(kFormatKey, format) || !format.isInt())
            throw NotStudioModelFile(QStringLiteral("%1 is a torch archive but not an Attention Studio model file.").arg(path));
        if (format.toInt() > kFormatVersion)
            throw StudioError(QStringLiteral("%1 was written by a newer Attention Studio (format %2; this one reads up to %3): "
                                             "update the application.")
                                  .arg(path)
                                  .arg(format.toInt())
                                  .arg(kFormatVersion));
        c10::IValue stateJson;
        if (!archive->try_read(kStateKey, stateJson) || !stateJson.isString())
            throw StudioError(QStringLiteral("%1: the model description is missing.").arg(path));
        loaded.state = stateFromJson(QByteArray::fromStdString(stateJson.toStringRef()), path);
        loaded.model = buildModel(loaded.state.model);
        torch::serialize::InputArchive weights;
        if (!archive->try_read("model", weights))
            throw StudioError(QStringLiteral("%1: the model weights are missing.").arg(path));
        loaded.model->load(weights);
        auto optimizerState = std::make_shared<torch::serialize::InputArchive>();
        if (archive->try_read("optimizer", *optimizerState))
            loaded.optimizerState = optimizerState;
    } catch (const c10::Error& error) {
        throw StudioError(QStringLiteral("%1: the weights do not match the model description (%2).")
                              .arg(path, QString::fromStdString(error.what_without_backtrace()).section(QLatin1Char('\n'), 0, 0)));
    }
    return loaded;
}

} // namespace studio
