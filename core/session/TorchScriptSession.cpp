#include "session/TorchScriptSession.h"

#include "analysis/StepAttribution.h"
#include "common/StudioError.h"
#include "model/LabelGuess.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>

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

// The input as run() and explain() feed it: text through meta.json's tokenizer, ids checked
// against its vocabulary, a series as given (TorchScriptModel scales it). Empty text gives no ids.
TorchScriptSession::Prepared TorchScriptSession::prepare(const InferenceRequest& request) const
{
    const ModelMeta& meta = m_model.meta();
    Prepared prepared;
    ExternalInput& input = prepared.input;
    if (!request.ids.empty()) {
        for (int64_t id : request.ids) {
            if (!meta.vocab.isEmpty() && (id < 0 || id >= meta.vocab.size()))
                throw StudioError(QStringLiteral("Token id %1 is outside the vocabulary of %2: use ids from 0 to %3.")
                                      .arg(id)
                                      .arg(m_summary.name)
                                      .arg(meta.vocab.size() - 1));
            prepared.tokens << (meta.vocab.isEmpty() ? QString::number(id) : meta.vocab.at(static_cast<int>(id)));
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
            return prepared;
        input.tokenIds = std::move(words.ids);
        prepared.tokens = words.tokens;
        prepared.warnings = words.warnings;
        prepared.unknownWords = !words.warnings.isEmpty();
    } else {
        input.series = request.series;
        input.featureCount = request.features;
    }
    input.layout = request.layout;
    input.candidate = request.candidate;
    return prepared;
}

InferenceResult TorchScriptSession::run(const InferenceRequest& request)
{
    InferenceResult result;
    Prepared prepared = prepare(request);
    const ExternalInput& input = prepared.input;
    if (input.tokenIds.empty() && input.series.empty())
        return result;
    const QStringList& tokens = prepared.tokens;
    const QStringList& warnings = prepared.warnings;
    if (prepared.unknownWords)
        noteFlaw(result.flaws, ModelFlaw::UnknownWords);
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

Explanation TorchScriptSession::explain(const InferenceRequest& request, const ExplainOptions& options)
{
    const Prepared prepared = prepare(request);
    const ExternalInput& input = prepared.input;
    if (input.tokenIds.empty() && input.series.empty())
        return {};
    ExternalResult ran;
    const std::unique_ptr<ExplainedInput> explained = m_model.explainedInput(input, &ran);
    QStringList steps = prepared.tokens;
    if (input.tokenIds.empty()) {
        const int64_t count = static_cast<int64_t>(input.series.size()) / std::max<int64_t>(1, input.featureCount);
        for (int64_t t = 0; t < count; ++t)
            steps << QString::number(t);
    }
    const QStringList notes = prepared.warnings + ran.warnings;
    Explanation explanation = explainInput(*explained, withStepLabels(options, steps, notes));
    explanation.steps = steps;
    explanation.notes = notes + explanation.notes;
    return explanation;
}

} // namespace studio
