#include "EvaluateOnData.h"

#include "LabelledTextOptions.h"
#include "ModelInput.h"

#include "common/AttentionSteps.h"
#include "common/StudioError.h"
#include "data/TextImport.h"
#include "session/LabelledScore.h"
#include "session/ModelSession.h"

#include <QJsonObject>

#include <cmath>

namespace studio::cli {
namespace {

const QString kData = QStringLiteral("data");

} // namespace

void addEvaluateDataOptions(QCommandLineParser& parser)
{
    addLabelledTextOptions(parser, QStringLiteral("A labelled text file (CSV, TSV, JSON, JSON Lines or a folder per class) to "
                                                  "evaluate any model on, through the one model interface, instead of a built-in task."));
    addModelInputOptions(parser, /*withModel=*/false);
}

bool evaluatesData(const QCommandLineParser& parser)
{
    return parser.isSet(kData);
}

int runEvaluateOnData(const QCommandLineParser& parser, OutputFormat format)
{
    const TextImportOptions options = textImportOptions(parser);
    const QString modelPath = requiredOption(parser, QStringLiteral("model"));
    const std::unique_ptr<ModelSession> session = ModelSession::open(modelPath, sessionOptions(parser));
    const ModelSummary summary = session->summary();
    if (summary.input == ModelInputKind::Series)
        throw StudioError(QStringLiteral("%1 reads a series; evaluate --data reads labelled text: give it a text model.").arg(modelPath));
    const TextCorpus corpus = importText(parser.value(kData), options);

    int64_t scored = 0;
    int64_t correct = 0;
    int64_t skipped = 0;
    double trueProbability = 0.0;
    double paddingWeight = 0.0;
    int64_t paddedExamples = 0;
    QStringList names;
    for (int64_t record = 0; record < corpus.size(); ++record) {
        InferenceRequest request;
        request.text = corpus.text(record);
        const InferenceResult result = session->run(request);
        if (result.prediction.empty()) {  // no word the model reads
            ++skipped;
            continue;
        }
        if (names.isEmpty())
            names = classNamesFor(summary, corpus.distinctLabels(), result.prediction.size());
        const LabelledScore score = scoreAgainstLabel(summary, result, names, corpus.label(record));
        ++scored;
        correct += score.correct ? 1 : 0;
        trueProbability += score.trueProbability;
        if (result.hasTokens()) {
            const std::vector<double> perStep = weightPerStep(result.attention);
            double onPadding = 0.0;
            bool padded = false;
            for (size_t t = 0; t < result.tokenIds.size() && t < perStep.size(); ++t)
                if (result.tokenIds[t] == 0) {
                    onPadding += perStep[t];
                    padded = true;
                }
            if (padded) {
                paddingWeight += onPadding;
                ++paddedExamples;
            }
        }
    }
    if (scored == 0)
        throw StudioError(QStringLiteral("None of the %1 texts in %2 has a word %3 can read.").arg(corpus.size()).arg(parser.value(kData), summary.name));
    const double accuracy = static_cast<double>(correct) / static_cast<double>(scored);
    const double meanTrue = trueProbability / static_cast<double>(scored);
    const double meanPadding = paddedExamples > 0 ? paddingWeight / static_cast<double>(paddedExamples) : std::nan("");

    if (format == OutputFormat::Json) {
        QJsonObject json{{QStringLiteral("model"), modelPath},
                         {QStringLiteral("format"), formatName(summary.format)},
                         {QStringLiteral("data"), parser.value(kData)},
                         {QStringLiteral("examples"), static_cast<qint64>(scored)},
                         {QStringLiteral("skipped"), static_cast<qint64>(skipped)},
                         {QStringLiteral("metric"), QStringLiteral("accuracy")},
                         {QStringLiteral("value"), accuracy},
                         {QStringLiteral("trueClassProbability"), meanTrue},
                         {QStringLiteral("paddedExamples"), static_cast<qint64>(paddedExamples)},
                         {QStringLiteral("attentionOnPadding"), paddedExamples > 0 ? QJsonValue(meanPadding) : QJsonValue()}};
        printJson(json);
        return kExitOk;
    }
    printOut(QStringLiteral("Model %1 (%2) on %3 texts of %4%5:")
                 .arg(modelPath, formatName(summary.format))
                 .arg(scored)
                 .arg(parser.value(kData))
                 .arg(skipped > 0 ? QStringLiteral(" (%1 without a word it reads skipped)").arg(skipped) : QString()));
    printOut(QStringLiteral("  accuracy                 %1").arg(accuracy, 0, 'f', 4));
    printOut(QStringLiteral("  true-class probability   %1").arg(meanTrue, 0, 'f', 4));
    if (paddedExamples > 0)
        printOut(QStringLiteral("  attention on padding     %1 (mean over the %2 padded texts)").arg(meanPadding, 0, 'f', 4).arg(paddedExamples));
    return kExitOk;
}

} // namespace studio::cli
