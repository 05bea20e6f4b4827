#include "ExplainOnData.h"

#include "ModelInput.h"

#include "analysis/ExplanationAgreement.h"
#include "analysis/ExplanationSummary.h"
#include "common/StudioError.h"
#include "data/BuiltinTasks.h"
#include "data/TextImport.h"
#include "session/ModelSession.h"

#include <QJsonArray>

#include <cmath>

namespace studio::cli {
namespace {

const QString kData = QStringLiteral("data");
constexpr int kDefaultTaskCount = 200;
constexpr uint64_t kDefaultTaskSeed = 20240607;  // as evaluate: not the examples the model trained on

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonObject quartilesJson(const Quartiles& q)
{
    return {{QStringLiteral("lower"), number(q.lower)},
            {QStringLiteral("median"), number(q.median)},
            {QStringLiteral("upper"), number(q.upper)},
            {QStringLiteral("count"), static_cast<qint64>(q.count)}};
}

struct DataExplanations {
    QString source;  // the task's name or the file
    std::vector<Explanation> explanations;
    std::vector<std::vector<uint8_t>> relevant;
    std::vector<int64_t> indices;  // of each explanation in the data
};

DataExplanations explainTask(const QCommandLineParser& parser, ModelSession& session, const ExplainOptions& options)
{
    const QString task = taskName(parser);
    const TaskOptions taskSettings = taskOptions(parser, task, kDefaultTaskCount, kDefaultTaskSeed);
    const Dataset data = makeBuiltinTask(task, taskSettings);
    DataExplanations out;
    out.source = task;
    for (int64_t i = 0; i < data.size(); ++i) {
        const Example& example = data.examples[static_cast<size_t>(i)];
        InferenceRequest request;
        if (data.input == InputKind::Tokens) {
            request.ids = example.tokens;
        } else {
            const FloatView series = example.series();
            request.series.assign(series.begin(), series.end());
            request.features = data.features;
        }
        out.explanations.push_back(session.explain(request, options));
        out.relevant.push_back(example.relevant);
        out.indices.push_back(i);
    }
    return out;
}

DataExplanations explainTextFile(const QCommandLineParser& parser, ModelSession& session, const ExplainOptions& options)
{
    const TextCorpus corpus = importText(parser.value(kData), TextImportOptions{});
    DataExplanations out;
    out.source = parser.value(kData);
    for (int64_t record = 0; record < corpus.size(); ++record) {
        InferenceRequest request;
        request.text = corpus.text(record);
        Explanation explanation = session.explain(request, options);
        if (explanation.steps.isEmpty())
            continue;  // no word the model reads
        out.explanations.push_back(std::move(explanation));
        out.relevant.emplace_back();
        out.indices.push_back(record);
    }
    return out;
}

QJsonObject perExampleJson(const DataExplanations& data, int topK)
{
    QJsonArray rows;
    for (size_t i = 0; i < data.explanations.size(); ++i) {
        const Explanation& explanation = data.explanations[i];
        QJsonObject tau;
        for (const MethodAgreement& agreement : agreementWithAttention(explanation, topK))
            tau.insert(toString(agreement.method), number(agreement.kendallTau));
        QJsonObject aopc;
        for (const FaithfulnessCurve& curve : explanation.faithfulness)
            aopc.insert(curve.ranking, number(curve.aopcComprehensiveness));
        rows.append(QJsonObject{{QStringLiteral("index"), static_cast<qint64>(data.indices[i])},
                                {QStringLiteral("score"), number(explanation.score)},
                                {QStringLiteral("steps"), static_cast<int>(explanation.steps.size())},
                                {QStringLiteral("kendall_tau"), tau},
                                {QStringLiteral("aopc_comprehensiveness"), aopc}});
    }
    return {{QStringLiteral("rows"), rows}};
}

} // namespace

void addExplainDataOptions(QCommandLineParser& parser)
{
    addTaskOptions(parser, kDefaultTaskCount, kDefaultTaskSeed);
    parser.addOption({kData, QStringLiteral("A labelled text file (CSV, TSV, JSON, JSON Lines or a folder per class): explain every "
                                            "text and summarise, instead of one input."),
                      QStringLiteral("file")});
}

bool explainsData(const QCommandLineParser& parser)
{
    return parser.isSet(kData) || parser.isSet(QStringLiteral("task"));
}

int runExplainOnData(const QCommandLineParser& parser, const ExplainOptions& options, OutputFormat format)
{
    const QString modelPath = requiredOption(parser, QStringLiteral("model"));
    const std::unique_ptr<ModelSession> session = ModelSession::open(modelPath, sessionOptions(parser));
    const DataExplanations data = parser.isSet(kData) ? explainTextFile(parser, *session, options)
                                                      : explainTask(parser, *session, options);
    if (data.explanations.empty())
        throw StudioError(QStringLiteral("%1 has no example %2 can read.").arg(data.source, session->summary().name));
    const ExplanationSummary summary = summarizeExplanations(data.explanations, data.relevant, options.topK);

    if (format == OutputFormat::Json) {
        QJsonObject methods;
        for (const MethodSummary& method : summary.methods) {
            methods.insert(method.ranking,
                           QJsonObject{{QStringLiteral("kendall_tau"), quartilesJson(method.kendallTau)},
                                       {QStringLiteral("top_k_overlap"), quartilesJson(method.topKOverlap)},
                                       {QStringLiteral("aopc_comprehensiveness"), quartilesJson(method.aopcComprehensiveness)},
                                       {QStringLiteral("aopc_sufficiency"), quartilesJson(method.aopcSufficiency)},
                                       {QStringLiteral("top_step_decides"), number(method.topStepDecides)},
                                       {QStringLiteral("marked_examples"), static_cast<qint64>(method.markedExamples)}});
        }
        printJson(QJsonObject{{QStringLiteral("model"), modelPath},
                              {QStringLiteral("data"), data.source},
                              {QStringLiteral("examples"), static_cast<qint64>(summary.examples)},
                              {QStringLiteral("top_k"), options.topK},
                              {QStringLiteral("summary"), methods},
                              {QStringLiteral("per_example"), perExampleJson(data, options.topK).value(QStringLiteral("rows"))}});
        return kExitOk;
    }
    printOut(QStringLiteral("Model %1 on %2 examples of %3 (medians, quartiles in brackets):")
                 .arg(modelPath)
                 .arg(summary.examples)
                 .arg(data.source));
    const auto text = [](const Quartiles& q) {
        return q.count == 0 ? QStringLiteral("-")
                            : QStringLiteral("%1 [%2, %3]").arg(q.median, 0, 'f', 3).arg(q.lower, 0, 'f', 3).arg(q.upper, 0, 'f', 3);
    };
    printOut(QStringLiteral("  %1 %2 %3 %4 %5")
                 .arg(QStringLiteral("ranking"), -22)
                 .arg(QStringLiteral("tau vs attention"), -26)
                 .arg(QStringLiteral("AOPC comprehensiveness"), -26)
                 .arg(QStringLiteral("AOPC sufficiency"), -26)
                 .arg(QStringLiteral("top step decides")));
    for (const MethodSummary& method : summary.methods)
        printOut(QStringLiteral("  %1 %2 %3 %4 %5")
                     .arg(method.ranking, -22)
                     .arg(text(method.kendallTau), -26)
                     .arg(text(method.aopcComprehensiveness), -26)
                     .arg(text(method.aopcSufficiency), -26)
                     .arg(std::isnan(method.topStepDecides) ? QStringLiteral("-")
                                                            : QStringLiteral("%1 of %2").arg(method.topStepDecides, 0, 'f', 3).arg(method.markedExamples)));
    return kExitOk;
}

} // namespace studio::cli
