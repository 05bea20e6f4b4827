#include "InferenceJson.h"

namespace studio::cli {

QJsonArray toJsonArray(const std::vector<float>& values)
{
    QJsonArray array;
    for (float value : values)
        array.append(static_cast<double>(value));
    return array;
}

QJsonObject inferenceJson(const std::vector<float>& prediction, const AttentionMap& attention, const QString& source,
                          const QStringList& warnings, const QStringList* tokens)
{
    QJsonArray shape;
    for (int64_t size : attention.shape)
        shape.append(static_cast<qint64>(size));
    QJsonObject json{
        {QStringLiteral("prediction"), toJsonArray(prediction)},
        {QStringLiteral("attention"),
         QJsonObject{{QStringLiteral("shape"), shape}, {QStringLiteral("values"), toJsonArray(attention.values)}}},
        {QStringLiteral("source"), source},
        {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
    };
    if (tokens)
        json.insert(QStringLiteral("tokens"), QJsonArray::fromStringList(*tokens));
    return json;
}

} // namespace studio::cli
