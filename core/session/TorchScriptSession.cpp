#include "session/TorchScriptSession.h"

#include "common/StudioError.h"
#include "model/LabelGuess.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace studio {

TorchScriptSession::TorchScriptSession(const QString& path)
    : model_(path)
{
    const ModelMeta& meta = model_.meta();
    summary_.path = path;
    summary_.name = QFileInfo(path).fileName();
    summary_.format = ModelFormat::TorchScript;
    summary_.input = meta.input == ExternalInputKind::Tokens   ? ModelInputKind::Tokens
                     : meta.input == ExternalInputKind::Series ? ModelInputKind::Series
                                                               : ModelInputKind::Unknown;
    summary_.labels = meta.labels;
    summary_.features = static_cast<int>(meta.features.size());
    summary_.description = model_.hasMeta() ? QStringLiteral("TorchScript model with meta.json")
                                            : QStringLiteral("TorchScript model without meta.json");
    if (!meta.vocab.isEmpty())
        tokenizer_.emplace(meta, summary_.name);
}

InferenceResult TorchScriptSession::run(const InferenceRequest& request)
{
    const ModelMeta& meta = model_.meta();
    InferenceResult result;
    ExternalInput input;
    QStringList tokens;
    QStringList warnings;
    if (!request.ids.empty()) {
        for (int64_t id : request.ids) {
            if (!meta.vocab.isEmpty() && (id < 0 || id >= meta.vocab.size()))
                throw StudioError(QStringLiteral("Token id %1 is outside the vocabulary of %2: use ids from 0 to %3.")
                                      .arg(id)
                                      .arg(summary_.name)
                                      .arg(meta.vocab.size() - 1));
            tokens << (meta.vocab.isEmpty() ? QString::number(id) : meta.vocab.at(static_cast<int>(id)));
        }
        input.tokenIds = request.ids;
    } else if (request.series.empty()) {
        if (summary_.input == ModelInputKind::Series)
            throw StudioError(QStringLiteral("%1 reads a series (meta.json says so), not text: give it a series CSV.").arg(summary_.name));
        if (!tokenizer_)
            throw StudioError(QStringLiteral("%1 has no vocabulary in its meta.json, so typed text cannot be read: "
                                             "save it with a meta.json that has \"vocab\", or give token ids.").arg(summary_.name));
        MetaTokens words = tokenizer_->tokenize(request.text);
        if (words.ids.empty())
            return result;
        input.tokenIds = std::move(words.ids);
        tokens = words.tokens;
        warnings = words.warnings;
    } else {
        input.series = request.series;
        input.featureCount = request.features;
    }
    input.layout = request.layout;
    input.candidate = request.candidate;
    QElapsedTimer clock;
    clock.start();
    ExternalResult external = model_.run(input);
    result.milliseconds = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    result.prediction = std::move(external.prediction);
    result.attention = std::move(external.attention);
    result.attention.tokens = tokens;
    result.tokenIds = input.tokenIds;
    result.source = attentionSourceName(external.source);
    result.candidates = external.candidates;
    result.chosenCandidate = external.chosenCandidate;
    result.layoutNote = external.layoutReason;
    result.warnings = warnings + external.warnings;
    if (const std::optional<LabelGuess> guess = guessLabel(summary_.labels, result.prediction)) {
        result.label = guess->label;
        result.probability = guess->probability;
    }
    return result;
}

} // namespace studio
