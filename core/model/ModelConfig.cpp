#include "model/ModelConfig.h"

#include "common/EnumNames.h"
#include "common/StudioError.h"

#include <QCoreApplication>
#include <QJsonValue>

namespace studio {
namespace {

const EnumNameTable<RecurrentCell, 2> kCellNames{{
    {RecurrentCell::Lstm, "lstm"},
    {RecurrentCell::Gru, "gru"},
}};
const EnumNameTable<AttentionKind, 8> kAttentionNames{{
    {AttentionKind::Additive, "additive"},
    {AttentionKind::TanhDense, "tanh-dense"},
    {AttentionKind::PositionalBias, "positional-bias"},
    {AttentionKind::Dot, "dot"},
    {AttentionKind::Self, "self"},
    {AttentionKind::PerFeature, "per-feature"},
    {AttentionKind::QueryDot, "query-dot"},
    {AttentionKind::None, "none"},
}};

// The same names marked for lupdate: the window shows each in its language (the identifier beside
// it), the command line as the identifier it takes.
[[maybe_unused]] const char* const kShownAttentionNames[] = {
    QT_TRANSLATE_NOOP("studio", "additive"),        QT_TRANSLATE_NOOP("studio", "tanh-dense"),
    QT_TRANSLATE_NOOP("studio", "positional-bias"), QT_TRANSLATE_NOOP("studio", "dot"),
    QT_TRANSLATE_NOOP("studio", "self"),            QT_TRANSLATE_NOOP("studio", "per-feature"),
    QT_TRANSLATE_NOOP("studio", "query-dot"),       QT_TRANSLATE_NOOP("studio", "none"),
};

QJsonValue required(const QJsonObject& json, const char* field)
{
    const QJsonValue value = json.value(QLatin1String(field));
    if (value.isUndefined())
        throw StudioError(QStringLiteral("The model configuration has no field \"%1\".").arg(QLatin1String(field)));
    return value;
}

template <typename Enum, typename Parser>
Enum requiredName(const QJsonObject& json, const char* field, Parser parse)
{
    const QString name = required(json, field).toString();
    Enum value{};
    if (!parse(name, &value))
        throw StudioError(QStringLiteral("The model configuration field \"%1\" has the unknown value \"%2\".")
                              .arg(QLatin1String(field), name));
    return value;
}

} // namespace

QString toString(RecurrentCell cell) { return enumName(kCellNames, cell); }
QString toString(AttentionKind kind) { return enumName(kAttentionNames, kind); }
bool parseRecurrentCell(const QString& name, RecurrentCell* out) { return parseEnumName(kCellNames, name, out); }
bool parseAttentionKind(const QString& name, AttentionKind* out) { return parseEnumName(kAttentionNames, name, out); }

QStringList allAttentionNames()
{
    QStringList names;
    for (const auto& entry : kAttentionNames)
        names << QLatin1String(entry.second);
    return names;
}

QString shownName(AttentionKind kind)
{
    return QCoreApplication::translate("studio", toString(kind).toLatin1().constData());
}

bool hasSingleDistribution(AttentionKind kind)
{
    return kind == AttentionKind::Additive || kind == AttentionKind::TanhDense
        || kind == AttentionKind::PositionalBias || kind == AttentionKind::Dot;
}

bool mapsStepToStep(AttentionKind kind) { return kind == AttentionKind::Self || kind == AttentionKind::QueryDot; }

QString ModelConfig::validate() const
{
    if (input == InputKind::Tokens && vocabularySize < 3)
        return QStringLiteral("vocabularySize must be at least 3 (<pad>, <unk> and one token), not %1.").arg(vocabularySize);
    if (input == InputKind::Tokens && embeddingDim < 1)
        return QStringLiteral("embeddingDim must be positive, not %1.").arg(embeddingDim);
    if (input == InputKind::Series && inputFeatures < 1)
        return QStringLiteral("inputFeatures must be positive, not %1.").arg(inputFeatures);
    if (hiddenSize < 1)
        return QStringLiteral("hiddenSize must be positive, not %1.").arg(hiddenSize);
    if (layers < 1)
        return QStringLiteral("layers must be positive, not %1.").arg(layers);
    if (dropout < 0.0 || dropout >= 1.0)
        return QStringLiteral("dropout must be in [0, 1), not %1.").arg(dropout);
    if (attentionDim < 0)
        return QStringLiteral("attentionDim must be 0 (same as the encoder) or positive, not %1.").arg(attentionDim);
    if (attention == AttentionKind::PositionalBias && maxLength < 1)
        return QStringLiteral("positional-bias attention has one bias per position: set maxLength to the sequence length.");
    if (outputs < 1)
        return QStringLiteral("outputs must be positive, not %1.").arg(outputs);
    if (head == HeadKind::Binary && outputs != 1)
        return QStringLiteral("a binary head has exactly 1 output, not %1.").arg(outputs);
    if (head == HeadKind::MultiClass && outputs < 2)
        return QStringLiteral("a multi-class head needs at least 2 classes, not %1.").arg(outputs);
    return {};
}

QJsonObject ModelConfig::toJson() const
{
    return QJsonObject{
        {QStringLiteral("input"), toString(input)},
        {QStringLiteral("vocabularySize"), vocabularySize},
        {QStringLiteral("embeddingDim"), embeddingDim},
        {QStringLiteral("inputFeatures"), inputFeatures},
        {QStringLiteral("cell"), toString(cell)},
        {QStringLiteral("hiddenSize"), hiddenSize},
        {QStringLiteral("layers"), layers},
        {QStringLiteral("dropout"), dropout},
        {QStringLiteral("bidirectional"), bidirectional},
        {QStringLiteral("attention"), toString(attention)},
        {QStringLiteral("attentionDim"), attentionDim},
        {QStringLiteral("maxLength"), maxLength},
        {QStringLiteral("head"), toString(head)},
        {QStringLiteral("outputs"), outputs},
    };
}

ModelConfig ModelConfig::fromJson(const QJsonObject& json)
{
    ModelConfig config;
    config.input = requiredName<InputKind>(json, "input", parseInputKind);
    config.vocabularySize = required(json, "vocabularySize").toInt();
    config.embeddingDim = required(json, "embeddingDim").toInt();
    config.inputFeatures = required(json, "inputFeatures").toInt();
    config.cell = requiredName<RecurrentCell>(json, "cell", parseRecurrentCell);
    config.hiddenSize = required(json, "hiddenSize").toInt();
    config.layers = required(json, "layers").toInt();
    config.dropout = required(json, "dropout").toDouble();
    config.bidirectional = required(json, "bidirectional").toBool();
    config.attention = requiredName<AttentionKind>(json, "attention", parseAttentionKind);
    config.attentionDim = required(json, "attentionDim").toInt();
    config.maxLength = required(json, "maxLength").toInt();
    config.head = requiredName<HeadKind>(json, "head", parseHeadKind);
    config.outputs = required(json, "outputs").toInt();
    const QString problem = config.validate();
    if (!problem.isEmpty())
        throw StudioError(QStringLiteral("The model configuration is invalid: %1").arg(problem));
    return config;
}

} // namespace studio
