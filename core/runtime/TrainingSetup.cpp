#include "runtime/TrainingSetup.h"

#include "common/StudioError.h"

#include <QFileInfo>
#include <QJsonArray>

namespace studio {
namespace {

QJsonObject taskOptionsToJson(const TaskOptions& options)
{
    return QJsonObject{
        {QStringLiteral("count"), options.count},
        {QStringLiteral("length"), options.length},
        {QStringLiteral("seed"), QString::number(options.seed)},  // a string: JSON doubles round 64-bit seeds
        {QStringLiteral("variableLength"), options.variableLength},
        {QStringLiteral("neutralClass"), options.neutralClass},
    };
}

TaskOptions taskOptionsFromJson(const QJsonObject& json)
{
    TaskOptions options;
    options.count = json.value(QStringLiteral("count")).toInt(options.count);
    options.length = json.value(QStringLiteral("length")).toInt(options.length);
    bool ok = false;
    options.seed = json.value(QStringLiteral("seed")).toString().toULongLong(&ok);
    if (!ok)
        throw StudioError(QStringLiteral("the task options have no valid \"seed\"."));
    options.variableLength = json.value(QStringLiteral("variableLength")).toBool();
    options.neutralClass = json.value(QStringLiteral("neutralClass")).toBool();
    return options;
}

QJsonObject forecastToJson(const ForecastSpec& spec)
{
    return QJsonObject{
        {QStringLiteral("targetColumn"), spec.targetColumn},
        {QStringLiteral("inputColumns"), QJsonArray::fromStringList(spec.inputColumns)},
        {QStringLiteral("window"), spec.window},
        {QStringLiteral("horizon"), spec.horizon},
        {QStringLiteral("multiStep"), spec.multiStep},
        {QStringLiteral("missing"), toString(spec.missing)},
        {QStringLiteral("normalization"), toString(spec.normalization)},
    };
}

ForecastSpec forecastFromJson(const QJsonObject& json)
{
    ForecastSpec spec;
    spec.targetColumn = json.value(QStringLiteral("targetColumn")).toString();
    for (const QJsonValue& column : json.value(QStringLiteral("inputColumns")).toArray())
        spec.inputColumns << column.toString();
    spec.window = json.value(QStringLiteral("window")).toInt(spec.window);
    spec.horizon = json.value(QStringLiteral("horizon")).toInt(spec.horizon);
    spec.multiStep = json.value(QStringLiteral("multiStep")).toBool();
    if (!parseMissingPolicy(json.value(QStringLiteral("missing")).toString(), &spec.missing))
        throw StudioError(QStringLiteral("the forecast's \"missing\" policy is unknown."));
    if (!parseNormalizationKind(json.value(QStringLiteral("normalization")).toString(), &spec.normalization))
        throw StudioError(QStringLiteral("the forecast's \"normalization\" is unknown."));
    return spec;
}

// Only what the person chooses: the data fits input, vocabulary and head when the run starts.
QJsonObject chosenModelToJson(const ModelConfig& model)
{
    return QJsonObject{
        {QStringLiteral("embeddingDim"), model.embeddingDim},
        {QStringLiteral("cell"), toString(model.cell)},
        {QStringLiteral("hiddenSize"), model.hiddenSize},
        {QStringLiteral("layers"), model.layers},
        {QStringLiteral("dropout"), model.dropout},
        {QStringLiteral("bidirectional"), model.bidirectional},
        {QStringLiteral("attention"), toString(model.attention)},
        {QStringLiteral("attentionDim"), model.attentionDim},
        {QStringLiteral("maxLength"), model.maxLength},
    };
}

ModelConfig chosenModelFromJson(const QJsonObject& json)
{
    ModelConfig model;
    model.embeddingDim = json.value(QStringLiteral("embeddingDim")).toInt(model.embeddingDim);
    if (!parseRecurrentCell(json.value(QStringLiteral("cell")).toString(), &model.cell))
        throw StudioError(QStringLiteral("the model's \"cell\" is unknown."));
    model.hiddenSize = json.value(QStringLiteral("hiddenSize")).toInt(model.hiddenSize);
    model.layers = json.value(QStringLiteral("layers")).toInt(model.layers);
    model.dropout = json.value(QStringLiteral("dropout")).toDouble(model.dropout);
    model.bidirectional = json.value(QStringLiteral("bidirectional")).toBool();
    if (!parseAttentionKind(json.value(QStringLiteral("attention")).toString(), &model.attention))
        throw StudioError(QStringLiteral("the model's \"attention\" is unknown."));
    model.attentionDim = json.value(QStringLiteral("attentionDim")).toInt(model.attentionDim);
    model.maxLength = json.value(QStringLiteral("maxLength")).toInt(model.maxLength);
    return model;
}

} // namespace

QString TrainingSetup::dataName() const
{
    return dataFile.isEmpty() ? task : QFileInfo(dataFile).completeBaseName();
}

QJsonObject TrainingSetup::toJson() const
{
    return QJsonObject{
        {QStringLiteral("task"), task},
        {QStringLiteral("taskOptions"), taskOptionsToJson(taskOptions)},
        {QStringLiteral("dataFile"), dataFile},
        {QStringLiteral("forecast"), forecastToJson(forecast)},
        {QStringLiteral("classNames"), QJsonArray::fromStringList(classNames)},
        {QStringLiteral("model"), chosenModelToJson(model)},
        {QStringLiteral("training"), training.toJson()},
        {QStringLiteral("probeCount"), probeCount},
        {QStringLiteral("probeEverySteps"), probeEverySteps},
    };
}

TrainingSetup TrainingSetup::fromJson(const QJsonObject& json)
{
    TrainingSetup setup;
    try {
        setup.task = json.value(QStringLiteral("task")).toString();
        setup.taskOptions = taskOptionsFromJson(json.value(QStringLiteral("taskOptions")).toObject());
        setup.dataFile = json.value(QStringLiteral("dataFile")).toString();
        setup.forecast = forecastFromJson(json.value(QStringLiteral("forecast")).toObject());
        for (const QJsonValue& name : json.value(QStringLiteral("classNames")).toArray())
            setup.classNames << name.toString();
        setup.model = chosenModelFromJson(json.value(QStringLiteral("model")).toObject());
        setup.training = TrainingConfig::fromJson(json.value(QStringLiteral("training")).toObject());
    } catch (const StudioError& error) {
        throw StudioError(QStringLiteral("The run's setup is damaged: %1").arg(error.message()));
    }
    setup.probeCount = json.value(QStringLiteral("probeCount")).toInt(setup.probeCount);
    setup.probeEverySteps = json.value(QStringLiteral("probeEverySteps")).toInt(setup.probeEverySteps);
    if (setup.task.isEmpty() && setup.dataFile.isEmpty())
        throw StudioError(QStringLiteral("The run's setup names neither a task nor a data file."));
    return setup;
}

} // namespace studio
