#include "external/ModelMeta.h"

#include "common/StudioError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace studio {

namespace {

[[noreturn]] void fieldError(const QString& origin, const QString& field, const QString& expected)
{
    throw StudioError(QStringLiteral("The meta.json inside %1 has a bad \"%2\" field: expected %3.")
                          .arg(origin, field, expected));
}

QStringList stringList(const QJsonObject& o, const QString& field, const QString& origin)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isArray())
        fieldError(origin, field, QStringLiteral("a list of strings"));
    QStringList out;
    for (const QJsonValue& item : v.toArray()) {
        if (!item.isString())
            fieldError(origin, field, QStringLiteral("a list of strings"));
        out << item.toString();
    }
    return out;
}

bool boolean(const QJsonObject& o, const QString& field, bool fallback, const QString& origin)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (!v.isBool())
        fieldError(origin, field, QStringLiteral("true or false"));
    return v.toBool();
}

std::optional<int64_t> id(const QJsonObject& o, const QString& field, const QString& origin)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined() || v.isNull())
        return std::nullopt;
    // JSON numbers are doubles: accept only whole, non-negative values.
    const double d = v.toDouble(-1.0);
    if (!v.isDouble() || d < 0 || d != static_cast<double>(static_cast<int64_t>(d)))
        fieldError(origin, field, QStringLiteral("a non-negative whole number"));
    return static_cast<int64_t>(d);
}

} // namespace

ModelMeta ModelMeta::fromJson(const QByteArray& json, const QString& origin)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw StudioError(QStringLiteral("The meta.json inside %1 is not valid JSON (%2 at offset %3).")
                              .arg(origin, error.errorString())
                              .arg(error.offset));
    if (!doc.isObject())
        throw StudioError(QStringLiteral("The meta.json inside %1 must be a JSON object.").arg(origin));
    const QJsonObject o = doc.object();

    ModelMeta meta;
    const QJsonValue input = o.value(QStringLiteral("input"));
    if (!input.isUndefined() && !input.isNull()) {
        const QString kind = input.toString();
        if (kind == QLatin1String("tokens"))
            meta.input = ExternalInputKind::Tokens;
        else if (kind == QLatin1String("series"))
            meta.input = ExternalInputKind::Series;
        else
            fieldError(origin, QStringLiteral("input"), QStringLiteral("\"tokens\" or \"series\""));
    }
    meta.vocab = stringList(o, QStringLiteral("vocab"), origin);
    const QJsonValue tokenizer = o.value(QStringLiteral("tokenizer"));
    if (!tokenizer.isUndefined() && !tokenizer.isNull()) {
        meta.tokenizer = tokenizer.toString();
        if (meta.tokenizer != QLatin1String("word") && meta.tokenizer != QLatin1String("char"))
            fieldError(origin, QStringLiteral("tokenizer"), QStringLiteral("\"word\" or \"char\""));
    }
    meta.lowercase = boolean(o, QStringLiteral("lowercase"), false, origin);
    meta.padId = id(o, QStringLiteral("pad_id"), origin);
    meta.unkId = id(o, QStringLiteral("unk_id"), origin);
    meta.labels = stringList(o, QStringLiteral("labels"), origin);
    meta.features = stringList(o, QStringLiteral("features"), origin);
    meta.batchFirst = boolean(o, QStringLiteral("batch_first"), true, origin);
    const QJsonValue norm = o.value(QStringLiteral("normalization"));
    if (!norm.isUndefined() && !norm.isNull()) {
        if (!norm.isObject())
            fieldError(origin, QStringLiteral("normalization"), QStringLiteral("a JSON object"));
        meta.normalization = norm.toObject();
    }
    // Ids must point into the vocabulary when there is one.
    const auto vocabSize = static_cast<int64_t>(meta.vocab.size());
    if (meta.padId && vocabSize > 0 && *meta.padId >= vocabSize)
        fieldError(origin, QStringLiteral("pad_id"), QStringLiteral("an id inside the vocabulary"));
    if (meta.unkId && vocabSize > 0 && *meta.unkId >= vocabSize)
        fieldError(origin, QStringLiteral("unk_id"), QStringLiteral("an id inside the vocabulary"));
    return meta;
}

} // namespace studio
