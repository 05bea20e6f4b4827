#include "InferTorchScript.h"

#include "InferenceJson.h"
#include "StepRows.h"

#include "common/StudioError.h"
#include "external/MetaTokenizer.h"
#include "external/TorchScriptModel.h"
#include "model/LabelGuess.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace studio::cli {
namespace {

struct PreparedInput {
    ExternalInput input;
    QStringList tokens;  // text and ids: what the model read, one per step
    QStringList warnings;
};

PreparedInput textInput(const QString& text, const ModelMeta& meta, const QString& path)
{
    MetaTokens tokens = MetaTokenizer(meta, path).tokenize(text);
    if (tokens.ids.empty())
        throw UsageError(QStringLiteral("--text has no words: give the text to read."));
    PreparedInput prepared;
    prepared.input.tokenIds = std::move(tokens.ids);
    prepared.tokens = tokens.tokens;
    prepared.warnings = tokens.warnings;
    return prepared;
}

PreparedInput idsInput(const QString& text, const ModelMeta& meta)
{
    PreparedInput prepared;
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qlonglong id = part.toLongLong(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--ids holds \"%1\", which is not a whole number: give token ids separated by spaces.")
                                 .arg(part));
        if (!meta.vocab.isEmpty() && (id < 0 || id >= meta.vocab.size()))
            throw StudioError(QStringLiteral("Token id %1 in --ids is outside the model's vocabulary: use ids from 0 to %2.")
                                  .arg(id)
                                  .arg(meta.vocab.size() - 1));
        prepared.input.tokenIds.push_back(id);
        prepared.tokens << (meta.vocab.isEmpty() ? QString::number(id) : meta.vocab.at(static_cast<int>(id)));
    }
    if (prepared.input.tokenIds.empty())
        throw UsageError(QStringLiteral("--ids has no ids: give token ids separated by spaces, e.g. --ids \"3 7 1\"."));
    return prepared;
}

PreparedInput seriesInput(const QString& file, const ModelMeta& meta)
{
    StepRows rows = readStepRows(file, static_cast<int>(meta.features.size()));
    PreparedInput prepared;
    prepared.input.series = std::move(rows.values);
    prepared.input.featureCount = rows.features;
    return prepared;
}

} // namespace

int inferTorchScript(const QString& path, const ExternalRequest& request, OutputFormat format)
{
    const TorchScriptModel model(path);
    const ModelMeta& meta = model.meta();
    PreparedInput prepared = request.text ? textInput(*request.text, meta, path)
                             : request.ids ? idsInput(*request.ids, meta)
                                           : seriesInput(*request.seriesPath, meta);
    prepared.input.timeMajor = request.timeMajor;
    prepared.input.candidate = request.candidate;
    const ExternalResult result = model.run(prepared.input);
    const QStringList warnings = prepared.warnings + result.warnings;
    const bool hasTokens = request.text || request.ids;

    if (format == OutputFormat::Json) {
        QJsonObject json = inferenceJson(result.prediction, result.attention, attentionSourceName(result.source),
                                         warnings, hasTokens ? &prepared.tokens : nullptr);
        if (const std::optional<LabelGuess> guess = guessLabel(meta.labels, result.prediction)) {
            json.insert(QStringLiteral("label"), guess->label);
            json.insert(QStringLiteral("probability"), guess->probability);
        }
        printJson(json);
        return kExitOk;
    }
    for (const QString& warning : warnings)
        printWarning(warning);
    QStringList prediction;
    for (float value : result.prediction)
        prediction << QString::number(value, 'g', 6);
    printOut(QStringLiteral("TorchScript model: %1").arg(path));
    printOut(QStringLiteral("Prediction (raw output): %1").arg(prediction.join(QStringLiteral(", "))));
    if (const std::optional<LabelGuess> guess = guessLabel(meta.labels, result.prediction))
        printOut(QStringLiteral("Most likely: %1 (probability %2)").arg(guess->label).arg(guess->probability, 0, 'f', 3));
    if (result.candidates.size() > 1)
        printOut(QStringLiteral("Softmax outputs in the graph (show another with --candidate N): %1")
                     .arg(result.candidates.join(QStringLiteral("; "))));
    if (result.attention.isEmpty()) {
        printOut(QStringLiteral("No attention found."));
        return kExitOk;
    }
    QStringList shape;
    for (int64_t size : result.attention.shape)
        shape << QString::number(size);
    printOut(QStringLiteral("Attention (%1, from the %2): shape %3")
                 .arg(result.candidates.value(result.chosenCandidate, QStringLiteral("returned by the model")),
                      attentionSourceName(result.source), shape.join(QLatin1Char('x'))));
    if (result.attention.shape.size() == 1) {
        for (size_t step = 0; step < result.attention.values.size(); ++step)
            printOut(QStringLiteral("  %1  %2  %3")
                         .arg(step, 4)
                         .arg(hasTokens ? prepared.tokens.value(static_cast<int>(step)) : QString(), -16)
                         .arg(result.attention.values[step], 0, 'f', 4));
    }
    return kExitOk;
}

} // namespace studio::cli
