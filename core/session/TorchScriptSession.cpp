#include "session/TorchScriptSession.h"

#include "common/StudioError.h"
#include "model/LabelGuess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

namespace studio {

TorchScriptSession::TorchScriptSession(const QString& path)
    : m_model(path)
{
    const ModelMeta& meta = m_model.meta();
    m_summary.path = path;
    m_summary.name = QFileInfo(path).fileName();
    m_summary.format = ModelFormat::TorchScript;
    m_summary.input = meta.input == ExternalInputKind::Tokens   ? ModelInputKind::Tokens
                     : meta.input == ExternalInputKind::Series ? ModelInputKind::Series
                                                               : ModelInputKind::Unknown;
    m_summary.labels = meta.labels;
    m_summary.features = static_cast<int>(meta.features.size());
    m_summary.description = m_model.hasMeta() ? QCoreApplication::translate("studio", "TorchScript model with meta.json")
                                            : QCoreApplication::translate("studio", "TorchScript model without meta.json");
    if (!meta.vocab.isEmpty())
        m_tokenizer.emplace(meta, m_summary.name);
}

InferenceResult TorchScriptSession::run(const InferenceRequest& request)
{
    const ModelMeta& meta = m_model.meta();
    InferenceResult result;
    ExternalInput input;
    QStringList tokens;
    QStringList warnings;
    if (!request.ids.empty()) {
        for (int64_t id : request.ids) {
            if (!meta.vocab.isEmpty() && (id < 0 || id >= meta.vocab.size()))
                throw StudioError(QStringLiteral("Token id %1 is outside the vocabulary of %2: use ids from 0 to %3.")
                                      .arg(id)
                                      .arg(m_summary.name)
                                      .arg(meta.vocab.size() - 1));
            tokens << (meta.vocab.isEmpty() ? QString::number(id) : meta.vocab.at(static_cast<int>(id)));
        }
        input.tokenIds = request.ids;
    } else if (request.series.empty()) {
        if (m_summary.input == ModelInputKind::Series)
            throw StudioError(QStringLiteral("%1 reads a series (meta.json says so), not text: give it a series CSV.").arg(m_summary.name));
        if (!m_tokenizer)
            throw StudioError(QStringLiteral("%1 has no vocabulary in its meta.json, so typed text cannot be read: "
                                             "save it with a meta.json that has \"vocab\", or give token ids.").arg(m_summary.name));
        MetaTokens words = m_tokenizer->tokenize(request.text);
        if (words.ids.empty())
            return result;
        input.tokenIds = std::move(words.ids);
        tokens = words.tokens;
        warnings = words.warnings;
        if (!words.warnings.isEmpty())
            noteFlaw(result.flaws, ModelFlaw::UnknownWords);
    } else {
        input.series = request.series;
        input.featureCount = request.features;
    }
    input.layout = request.layout;
    input.candidate = request.candidate;
    QElapsedTimer clock;
    clock.start();
    ExternalResult external = m_model.run(input);
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
    for (ModelFlaw flaw : external.flaws)
        noteFlaw(result.flaws, flaw);
    if (const std::optional<LabelGuess> guess = guessLabel(m_summary.labels, result.prediction)) {
        result.label = guess->label;
        result.probability = guess->probability;
    }
    return result;
}

} // namespace studio
