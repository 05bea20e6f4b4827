#include "external/ModelMeta.h"

#include "common/StudioError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

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
    // JSON numbers are doubles: accept only whole, non-negative values up to 2^53, where doubles
    // still count every whole number (and the cast below stays defined).
    constexpr double kLargestExactWhole = 9007199254740992.0;
    const double d = v.toDouble(-1.0);
    if (!v.isDouble() || !(d >= 0) || d > kLargestExactWhole || d != std::floor(d))
        fieldError(origin, field, QStringLiteral("a non-negative whole number"));
    return static_cast<int64_t>(d);
}

std::vector<double> numbers(const QJsonObject& o, const QString& key, const QString& origin)
{
    std::vector<double> out;
    for (const QJsonValue& item : o.value(key).toArray()) {
        if (!item.isDouble())
            fieldError(origin, QStringLiteral("normalization.") + key, QStringLiteral("a list of numbers"));
        out.push_back(item.toDouble());
    }
    return out;
}

// Turns the three accepted spellings into one affine map per feature.
void parseNormalization(const QJsonValue& value, const QString& origin, ModelMeta& meta)
{
    const QString field = QStringLiteral("normalization");
    const QString expected = QStringLiteral("{\"mean\": [...], \"std\": [...]}, {\"min\": [...], \"max\": [...]} or "
                                            "{\"offset\": [...], \"scale\": [...]}, one number per feature");
    if (!value.isObject())
        fieldError(origin, field, expected);
    const QJsonObject o = value.toObject();
    const auto has = [&o](const char* key) { return o.value(QLatin1String(key)).isArray(); };
    if (has("mean") && has("std")) {
        meta.inputOffset = numbers(o, QStringLiteral("mean"), origin);
        meta.inputScale = numbers(o, QStringLiteral("std"), origin);
    } else if (has("min") && has("max")) {
        meta.inputOffset = numbers(o, QStringLiteral("min"), origin);
        const std::vector<double> maximum = numbers(o, QStringLiteral("max"), origin);
        if (maximum.size() != meta.inputOffset.size())
            fieldError(origin, field, expected);
        for (size_t i = 0; i < maximum.size(); ++i)
            meta.inputScale.push_back(maximum[i] - meta.inputOffset[i]);
    } else if (has("offset") && has("scale")) {
        meta.inputOffset = numbers(o, QStringLiteral("offset"), origin);
        meta.inputScale = numbers(o, QStringLiteral("scale"), origin);
    } else {
        fieldError(origin, field, expected);
    }
    if (meta.inputOffset.empty() || meta.inputOffset.size() != meta.inputScale.size())
        fieldError(origin, field, expected);
    for (double scale : meta.inputScale)
        if (!(scale > 0.0) || !std::isfinite(scale))
            fieldError(origin, field, QStringLiteral("scales (std, or max - min) that are positive numbers"));
    if (!meta.features.isEmpty() && meta.features.size() != static_cast<int>(meta.inputOffset.size()))
        throw StudioError(QStringLiteral("The meta.json inside %1 names %2 features but its normalization has %3 numbers "
                                         "per list: give one per feature.")
                              .arg(origin)
                              .arg(meta.features.size())
                              .arg(meta.inputOffset.size()));
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
        if (meta.tokenizer != QLatin1String("word") && meta.tokenizer != QLatin1String("char")
            && meta.tokenizer != QLatin1String("mixed"))
            fieldError(origin, QStringLiteral("tokenizer"), QStringLiteral("\"word\", \"char\" or \"mixed\""));
    }
    meta.lowercase = boolean(o, QStringLiteral("lowercase"), false, origin);
    meta.padId = id(o, QStringLiteral("pad_id"), origin);
    meta.unkId = id(o, QStringLiteral("unk_id"), origin);
    meta.labels = stringList(o, QStringLiteral("labels"), origin);
    meta.features = stringList(o, QStringLiteral("features"), origin);
    meta.batchFirst = boolean(o, QStringLiteral("batch_first"), true, origin);
    const QJsonValue batchFirst = o.value(QStringLiteral("batch_first"));
    meta.batchFirstGiven = !batchFirst.isUndefined() && !batchFirst.isNull();
    const QJsonValue norm = o.value(QStringLiteral("normalization"));
    if (!norm.isUndefined() && !norm.isNull())
        parseNormalization(norm, origin, meta);
    // Ids must point into the vocabulary when there is one.
    const auto vocabSize = static_cast<int64_t>(meta.vocab.size());
    if (meta.padId && vocabSize > 0 && *meta.padId >= vocabSize)
        fieldError(origin, QStringLiteral("pad_id"), QStringLiteral("an id inside the vocabulary"));
    if (meta.unkId && vocabSize > 0 && *meta.unkId >= vocabSize)
        fieldError(origin, QStringLiteral("unk_id"), QStringLiteral("an id inside the vocabulary"));
    return meta;
}

} // namespace studio
