#include "ExplainOnData.h"

#include "LabelledTextOptions.h"
#include "ModelInput.h"

#include "analysis/DatasetExplanation.h"
#include "common/StudioError.h"
#include "data/BuiltinTasks.h"
#include "data/TextImport.h"
#include "session/ModelSession.h"

#include <QJsonArray>

#include <cmath>
#include <functional>
#include <memory>

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

// The examples of --task or --data, and how one of them is explained through the session.
struct DataToExplain {
    QString source;  // the task's name or the file
    std::vector<ExampleToExplain> examples;
    std::function<InferenceRequest(size_t position)> request;
};

DataToExplain taskToExplain(const QCommandLineParser& parser)
{
    const QString task = taskName(parser);
    const TaskOptions taskSettings = taskOptions(parser, task, kDefaultTaskCount, kDefaultTaskSeed);
    auto data = std::make_shared<const Dataset>(makeBuiltinTask(task, taskSettings));
    DataToExplain out;
    out.source = task;
    for (int64_t i = 0; i < data->size(); ++i)
        out.examples.push_back({i, data->examples[static_cast<size_t>(i)].relevant});
    out.request = [data](size_t position) {
        const Example& example = data->examples[position];
        InferenceRequest request;
        if (data->input == InputKind::Tokens) {
            request.ids = example.tokens;
        } else {
            const FloatView series = example.series();
            request.series.assign(series.begin(), series.end());
            request.features = data->features;
        }
        return request;
    };
    return out;
}

DataToExplain textFileToExplain(const QCommandLineParser& parser)
{
    auto corpus = std::make_shared<const TextCorpus>(importText(parser.value(kData), textImportOptions(parser)));
    DataToExplain out;
    out.source = parser.value(kData);
    for (int64_t record = 0; record < corpus->size(); ++record)
        out.examples.push_back({record, {}});
    out.request = [corpus](size_t position) {
        InferenceRequest request;
        request.text = corpus->text(static_cast<int64_t>(position));
        return request;
    };
    return out;
}

QJsonArray perExampleJson(const DatasetExplanation& data)
{
    QJsonArray rows;
    for (const ExampleFigures& example : data.examples) {
        QJsonObject tau;
        for (const MethodAgreement& agreement : example.agreement)
            tau.insert(toString(agreement.method), number(agreement.kendallTau));
        QJsonObject aopc;
        for (const RankingAopc& ranking : example.aopc)
            aopc.insert(ranking.ranking, number(ranking.comprehensiveness));
        rows.append(QJsonObject{{QStringLiteral("index"), static_cast<qint64>(example.index)},
                                {QStringLiteral("score"), number(example.score)},
                                {QStringLiteral("steps"), example.steps},
                                {QStringLiteral("kendall_tau"), tau},
                                {QStringLiteral("aopc_comprehensiveness"), aopc}});
    }
    return rows;
}

} // namespace

void addExplainDataOptions(QCommandLineParser& parser)
{
    addTaskOptions(parser, kDefaultTaskCount, kDefaultTaskSeed);
    addLabelledTextOptions(parser, QStringLiteral("A labelled text file (CSV, TSV, JSON, JSON Lines or a folder per class): explain "
                                                  "every text and summarise, instead of one input."));
}

bool explainsData(const QCommandLineParser& parser)
{
    return parser.isSet(kData) || parser.isSet(QStringLiteral("task"));
}

int runExplainOnData(const QCommandLineParser& parser, const ExplainOptions& options, OutputFormat format)
{
    const QString modelPath = requiredOption(parser, QStringLiteral("model"));
    const std::unique_ptr<ModelSession> session = ModelSession::open(modelPath, sessionOptions(parser));
    const DataToExplain data = parser.isSet(kData) ? textFileToExplain(parser) : taskToExplain(parser);
    const DatasetExplanation explained = explainDataset(
        data.examples, [&](size_t position, const ExplainOptions& each) { return session->explain(data.request(position), each); },
        options);
    if (explained.examples.empty())
        throw StudioError(QStringLiteral("%1 has no example %2 can read.").arg(data.source, session->summary().name));
    const ExplanationSummary& summary = explained.summary;

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
                              {QStringLiteral("per_example"), perExampleJson(explained)}});
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
