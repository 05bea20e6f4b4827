#include "runtime/SessionSamples.h"

#include "common/StudioError.h"
#include "data/TextImport.h"
#include "session/LabelledScore.h"

namespace studio {
namespace {

constexpr int kPreviewCharacters = 240;  // as the native path: a row shows the start of its text

qint64 bytesOf(const AttentionMap& map)
{
    qint64 bytes = static_cast<qint64>(map.values.size() * sizeof(float));
    for (const QString& token : map.tokens)
        bytes += token.size() * 2;
    return bytes;
}

} // namespace

SampleEvaluationResult scoreWithSession(SessionSamples& samples, const QString& modelPath, const SampleSource& source,
                                        qint64 attentionBudget, const std::atomic<bool>& cancel,
                                        const std::function<void(qint64, qint64)>& progress)
{
    if (source.kind != SampleSource::Kind::TextFile)
        throw StudioError(QStringLiteral("%1 comes from another framework, so it is evaluated on a labelled text file, not on %2: "
                                         "choose a CSV, TSV or JSON file with a text and a label column.")
                              .arg(modelPath, source.describe()));
    if (source.validationOnly)
        throw StudioError(QStringLiteral("%1 was not trained in Attention Studio, so its validation split is not known: evaluate it "
                                         "on the whole file.").arg(modelPath));
    samples.session = ModelSession::open(modelPath);
    const ModelSummary summary = samples.session->summary();
    if (summary.input == ModelInputKind::Series)
        throw StudioError(QStringLiteral("The model in %1 reads a series, so it cannot be evaluated on the text file %2.")
                              .arg(modelPath, source.path));
    ImportControl control;
    control.cancel = &cancel;
    samples.corpus = importText(source.path, {}, control);
    const TextCorpus& corpus = *samples.corpus;
    if (!corpus.hasLabels())
        throw StudioError(QStringLiteral("%1 has no labels: the sample browser needs the true class of every text "
                                         "(a label column such as label, class or sentiment).").arg(source.path));

    SampleEvaluationResult result;
    result.modelPath = modelPath;
    result.source = source.describe();
    result.available = corpus.size();
    result.planned = std::min<int64_t>(result.available, std::max(0, source.maxExamples));
    qint64 attentionBytes = 0;
    QStringList names;
    for (int64_t record = 0; record < result.planned; ++record) {
        if (cancel.load()) {
            result.cancelled = true;
            break;
        }
        InferenceRequest request;
        request.text = corpus.text(record);
        const InferenceResult answer = samples.session->run(request);
        if (answer.prediction.empty())
            continue;  // no word the model reads
        if (names.isEmpty()) {
            names = classNamesFor(summary, corpus.distinctLabels(), answer.prediction.size());
            result.labels = names;
        }
        const LabelledScore score = scoreAgainstLabel(summary, answer, names, corpus.label(record));
        SampleRow row;
        row.index = record;
        row.text = request.text.left(kPreviewCharacters);
        row.tokenIds = answer.tokenIds;
        row.trueLabel = corpus.label(record);
        row.predictedLabel = score.predicted;
        row.confidence = score.confidence;
        row.trueProbability = score.trueProbability;
        row.loss = score.loss;
        row.correct = score.correct;
        if (!answer.attention.isEmpty() && attentionBytes < attentionBudget) {
            row.attention = answer.attention;
            row.attentionKept = true;
            attentionBytes += bytesOf(row.attention);
        }
        result.hasAttention = result.hasAttention && !answer.attention.isEmpty();
        result.rows.push_back(std::move(row));
        progress(record + 1, result.planned);
    }
    return result;
}

AttentionMap sessionAttention(SessionSamples& samples, int64_t index)
{
    if (!samples.session || !samples.corpus || index < 0 || index >= samples.corpus->size())
        throw StudioError(QStringLiteral("Example %1 is not part of the evaluation that is loaded.").arg(index + 1));
    InferenceRequest request;
    request.text = samples.corpus->text(index);
    return samples.session->run(request).attention;
}

} // namespace studio
