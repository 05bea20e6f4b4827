#include "InferenceJson.h"

#include "session/ModelSession.h"

namespace studio::cli {

QJsonArray toJsonArray(const std::vector<float>& values)
{
    QJsonArray array;
    for (float value : values)
        array.append(static_cast<double>(value));
    return array;
}

QJsonObject inferenceJson(const ModelSummary& summary, const InferenceResult& result)
{
    const AttentionMap& attention = result.attention;
    QJsonArray shape;
    for (int64_t size : attention.shape)
        shape.append(static_cast<qint64>(size));
    QJsonObject json{
        {QStringLiteral("prediction"), toJsonArray(result.prediction)},
        {QStringLiteral("attention"),
         QJsonObject{{QStringLiteral("shape"), shape}, {QStringLiteral("values"), toJsonArray(attention.values)}}},
        {QStringLiteral("source"), result.source},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(result.warnings)},
        {QStringLiteral("format"), formatName(summary.format)},
    };
    QJsonArray flaws;
    for (ModelFlaw flaw : result.flaws)
        flaws.append(toString(flaw));
    json.insert(QStringLiteral("flaws"), flaws);
    if (result.hasTokens())
        json.insert(QStringLiteral("tokens"), QJsonArray::fromStringList(attention.tokens));
    if (!result.forecast.empty()) {
        QJsonArray values;
        for (double value : result.forecast)
            values.append(value);
        json.insert(QStringLiteral("forecast"), values);
    }
    if (!result.label.isEmpty()) {
        json.insert(QStringLiteral("label"), result.label);
        json.insert(QStringLiteral("probability"), result.probability);
    }
    if (!result.candidates.isEmpty()) {
        json.insert(QStringLiteral("candidates"), QJsonArray::fromStringList(result.candidates));
        json.insert(QStringLiteral("candidate"), result.chosenCandidate + 1);
    }
    if (!result.layoutNote.isEmpty())
        json.insert(QStringLiteral("layout"), result.layoutNote);
    return json;
}

} // namespace studio::cli
