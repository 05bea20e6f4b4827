// attention-cli explain: is the attention an explanation? One input through a model, its attention
// beside the per-step attributions (analysis/StepAttribution through ModelSession::explain), and
// how far each agrees with the attention (analysis/ExplanationAgreement).

#include "Commands.h"
#include "ExplainOnData.h"
#include "ModelInput.h"

#include "analysis/ExplanationAgreement.h"
#include "common/StudioError.h"
#include "session/ModelSession.h"

#include <QJsonArray>

#include <cmath>

namespace studio::cli {
namespace {

const QString kMethods = QStringLiteral("methods");
const QString kIgSteps = QStringLiteral("ig-steps");
const QString kTopK = QStringLiteral("top-k");
const QString kRemoval = QStringLiteral("removal");
const QString kFrozenText = QStringLiteral("frozen-from-text");
const QString kFrozenIds = QStringLiteral("frozen-from-ids");
const QString kFrozenSeries = QStringLiteral("frozen-from-series");

// JSON has no NaN: an undefined number is null.
QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonArray numbers(const std::vector<double>& values)
{
    QJsonArray array;
    for (double value : values)
        array.append(number(value));
    return array;
}

std::vector<AttributionMethod> methodsOption(const QCommandLineParser& parser)
{
    std::vector<AttributionMethod> methods;
    if (!parser.isSet(kMethods))
        return methods;
    for (const QString& name : parser.value(kMethods).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        AttributionMethod method;
        if (!parseAttributionMethod(name.trimmed(), &method)) {
            QStringList known;
            for (AttributionMethod each : attributionMethods())
                known << toString(each);
            throw UsageError(QStringLiteral("--methods: \"%1\" is not a method; the methods are %2.")
                                 .arg(name.trimmed(), known.join(QStringLiteral(", "))));
        }
        methods.push_back(method);
    }
    return methods;
}

// {"k": [1…K], "by": {ranking: {comprehensiveness, sufficiency, aopc {…}, (random:) spreads, draws}}}
QJsonValue faithfulnessJson(const Explanation& explanation)
{
    if (explanation.faithfulness.empty())
        return QJsonValue(QJsonValue::Null);
    QJsonArray ks;
    for (size_t k = 1; k <= explanation.faithfulness.front().comprehensiveness.size(); ++k)
        ks.append(static_cast<int>(k));
    QJsonObject by;
    for (const FaithfulnessCurve& curve : explanation.faithfulness) {
        QJsonObject entry{
            {QStringLiteral("comprehensiveness"), numbers(curve.comprehensiveness)},
            {QStringLiteral("sufficiency"), numbers(curve.sufficiency)},
            {QStringLiteral("aopc"), QJsonObject{{QStringLiteral("comprehensiveness"), number(curve.aopcComprehensiveness)},
                                                 {QStringLiteral("sufficiency"), number(curve.aopcSufficiency)}}},
        };
        if (curve.draws > 0) {
            entry.insert(QStringLiteral("comprehensiveness_spread"), numbers(curve.comprehensivenessSpread));
            entry.insert(QStringLiteral("sufficiency_spread"), numbers(curve.sufficiencySpread));
            entry.insert(QStringLiteral("draws"), curve.draws);
        }
        by.insert(curve.ranking, entry);
    }
    return QJsonObject{{QStringLiteral("k"), ks}, {QStringLiteral("by"), by}};
}

QJsonObject scoreChange(const Explanation& explanation, double score)
{
    return QJsonObject{{QStringLiteral("score"), number(score)}, {QStringLiteral("change"), number(score - explanation.score)}};
}

// Attention frozen to another input's: null when not asked for, {available false, reason} when it
// cannot be computed, else {available, score, change, from: the other input's steps}.
QJsonValue frozenJson(const Explanation& explanation)
{
    const FrozenAttention& frozen = explanation.interventions.frozen;
    if (!frozen.requested)
        return QJsonValue(QJsonValue::Null);
    if (!frozen.available)
        return QJsonObject{{QStringLiteral("available"), false}, {QStringLiteral("reason"), frozen.reason}};
    QJsonObject entry = scoreChange(explanation, frozen.score);
    entry.insert(QStringLiteral("available"), true);
    entry.insert(QStringLiteral("from"), QJsonArray::fromStringList(frozen.from));
    return entry;
}

// Scores under other attention weights and their change from the model's own score; null with a
// reason for models whose attention cannot be replaced.
QJsonValue interventionsJson(const Explanation& explanation)
{
    const AttentionInterventions& i = explanation.interventions;
    if (!i.available)
        return QJsonObject{{QStringLiteral("available"), false},
                           {QStringLiteral("reason"), i.reason},
                           {QStringLiteral("frozen"), frozenJson(explanation)}};
    QJsonObject permuted = scoreChange(explanation, i.permuted);
    permuted.insert(QStringLiteral("spread"), number(i.permutedSpread));
    permuted.insert(QStringLiteral("draws"), i.permutations);
    return QJsonObject{{QStringLiteral("available"), true},
                       {QStringLiteral("uniform"), scoreChange(explanation, i.uniform)},
                       {QStringLiteral("permuted"), permuted},
                       {QStringLiteral("top_zeroed"), scoreChange(explanation, i.topZeroed)},
                       {QStringLiteral("frozen"), frozenJson(explanation)}};
}

// A series' per-feature rows: {METHOD: [[F numbers] per step]}.
QJsonObject perFeatureJson(const Explanation& explanation)
{
    QJsonObject byMethod;
    for (const FeatureScores& entry : explanation.perFeature) {
        QJsonArray rows;
        const auto features = static_cast<size_t>(entry.features);
        for (size_t t = 0; t < entry.steps(); ++t)
            rows.append(numbers(std::vector<double>(entry.values.begin() + static_cast<std::ptrdiff_t>(t * features),
                                                    entry.values.begin() + static_cast<std::ptrdiff_t>((t + 1) * features))));
        byMethod.insert(toString(entry.method), rows);
    }
    return byMethod;
}

QJsonObject explanationJson(const ModelSummary& summary, const Explanation& explanation, int topK)
{
    QJsonObject json;
    json.insert(QStringLiteral("model"), summary.path);
    json.insert(QStringLiteral("score"), number(explanation.score));
    json.insert(QStringLiteral("removal"), toString(explanation.removal));
    json.insert(QStringLiteral("class"),
                explanation.predictedClass >= 0 ? QJsonValue(explanation.predictedClass) : QJsonValue(QJsonValue::Null));
    json.insert(QStringLiteral("steps"), QJsonArray::fromStringList(explanation.steps));
    QJsonObject methods;
    for (const MethodScores& entry : explanation.methods)
        methods.insert(toString(entry.method), numbers(entry.perStep));
    json.insert(QStringLiteral("methods"), methods);
    if (!explanation.perFeature.empty()) {
        QStringList features;
        for (int f = 0; f < explanation.perFeature.front().features; ++f)
            features << explanation.featureName(f);
        json.insert(QStringLiteral("features"), QJsonArray::fromStringList(features));
        json.insert(QStringLiteral("per_feature"), perFeatureJson(explanation));
    }
    if (explanation.integratedGradients) {
        const IntegratedGradientsCompleteness& c = *explanation.integratedGradients;
        json.insert(QStringLiteral("integrated_gradients_completeness"),
                    QJsonObject{{QStringLiteral("sum"), number(c.sum)},
                                {QStringLiteral("expected"), number(c.expected)},
                                {QStringLiteral("error"), number(c.error)}});
    }
    QJsonObject tau;
    QJsonObject overlap;
    for (const MethodAgreement& agreement : agreementWithAttention(explanation, topK)) {
        tau.insert(toString(agreement.method), number(agreement.kendallTau));
        overlap.insert(toString(agreement.method), number(agreement.topKOverlap));
    }
    json.insert(QStringLiteral("agreement"), QJsonObject{{QStringLiteral("top_k"), topK},
                                                        {QStringLiteral("kendall_tau"), tau},
                                                        {QStringLiteral("top_k_overlap"), overlap}});
    json.insert(QStringLiteral("faithfulness"), faithfulnessJson(explanation));
    json.insert(QStringLiteral("interventions"), interventionsJson(explanation));
    json.insert(QStringLiteral("notes"), QJsonArray::fromStringList(explanation.notes));
    return json;
}

// A series' per-feature values summed over the steps (the JSON has every step): one row per
// feature, one column per method. For the gradient the sum is the derivative of shifting the whole
// feature by one; for gradient x input and integrated gradients, the feature's share of the score.
void printPerFeature(const Explanation& explanation)
{
    if (explanation.perFeature.empty())
        return;
    printOut(QStringLiteral("Per feature, summed over the steps (--format json gives every step):"));
    QStringList header{QStringLiteral("  %1").arg(QStringLiteral("feature"), -20)};
    for (const FeatureScores& entry : explanation.perFeature)
        header << QStringLiteral("%1").arg(toString(entry.method), 20);
    printOut(header.join(QLatin1Char(' ')));
    for (int f = 0; f < explanation.perFeature.front().features; ++f) {
        QStringList row{QStringLiteral("  %1").arg(explanation.featureName(f).left(20), -20)};
        for (const FeatureScores& entry : explanation.perFeature) {
            double sum = 0.0;
            for (size_t t = 0; t < entry.steps(); ++t)
                sum += entry.at(t, static_cast<size_t>(f));
            row << QStringLiteral("%1").arg(sum, 20, 'g', 4);
        }
        printOut(row.join(QLatin1Char(' ')));
    }
}

void printHuman(const ModelSummary& summary, const Explanation& explanation, int topK)
{
    printOut(QStringLiteral("Model: %1 (%2)").arg(summary.path, summary.description));
    printOut(explanation.predictedClass >= 0
                 ? QStringLiteral("Explained: the logit of class %1, %2").arg(explanation.predictedClass).arg(explanation.score, 0, 'g', 6)
                 : QStringLiteral("Explained: the output, %1").arg(explanation.score, 0, 'g', 6));
    QStringList header{QStringLiteral("  step  %1").arg(QStringLiteral("token"), -14)};
    for (const MethodScores& entry : explanation.methods)
        header << QStringLiteral("%1").arg(toString(entry.method), 14);
    printOut(header.join(QLatin1Char(' ')));
    for (int t = 0; t < explanation.steps.size(); ++t) {
        QStringList row{QStringLiteral("  %1  %2").arg(t, 4).arg(explanation.steps.at(t).left(14), -14)};
        for (const MethodScores& entry : explanation.methods)
            row << QStringLiteral("%1").arg(entry.perStep.at(static_cast<size_t>(t)), 14, 'g', 4);
        printOut(row.join(QLatin1Char(' ')));
    }
    printPerFeature(explanation);
    if (explanation.integratedGradients)
        printOut(QStringLiteral("Integrated gradients sum to %1; score(x) - score(baseline) is %2 (error %3).")
                     .arg(explanation.integratedGradients->sum, 0, 'g', 6)
                     .arg(explanation.integratedGradients->expected, 0, 'g', 6)
                     .arg(explanation.integratedGradients->error, 0, 'g', 3));
    const std::vector<MethodAgreement> agreements = agreementWithAttention(explanation, topK);
    if (!agreements.empty()) {
        printOut(QStringLiteral("Agreement with the attention (Kendall's tau-b against each method's magnitude; top-%1 overlap):").arg(topK));
        for (const MethodAgreement& agreement : agreements)
            printOut(QStringLiteral("  %1  tau %2  overlap %3")
                         .arg(toString(agreement.method), -22)
                         .arg(agreement.kendallTau, 6, 'f', 3)
                         .arg(agreement.topKOverlap, 5, 'f', 2));
    }
    for (const FaithfulnessCurve& curve : explanation.faithfulness)
        printOut(QStringLiteral("Faithfulness by %1: AOPC comprehensiveness %2, sufficiency %3 (k = 1..%4; higher comprehensiveness "
                                "and lower sufficiency mean the ranking found what the score rests on)")
                     .arg(curve.ranking, -22)
                     .arg(curve.aopcComprehensiveness, 0, 'g', 4)
                     .arg(curve.aopcSufficiency, 0, 'g', 4)
                     .arg(curve.comprehensiveness.size()));
    const AttentionInterventions& i = explanation.interventions;
    if (i.available)
        printOut(QStringLiteral("Interventions (same hidden states): uniform attention %1, permuted %2 (spread %3 over %4), top step "
                                "zeroed %5; the model's own score %6")
                     .arg(i.uniform, 0, 'g', 5)
                     .arg(i.permuted, 0, 'g', 5)
                     .arg(i.permutedSpread, 0, 'g', 3)
                     .arg(i.permutations)
                     .arg(i.topZeroed, 0, 'g', 5)
                     .arg(explanation.score, 0, 'g', 5));
    const FrozenAttention& frozen = i.frozen;
    if (frozen.available)
        printOut(QStringLiteral("Attention frozen to the other input's (%1): score %2, change %3")
                     .arg(frozen.from.join(QLatin1Char(' ')).left(60))
                     .arg(frozen.score, 0, 'g', 5)
                     .arg(frozen.score - explanation.score, 0, 'g', 5));
    else if (frozen.requested)
        printWarning(QStringLiteral("No score with the attention frozen to the other input's: %1.").arg(frozen.reason));
    for (const QString& note : explanation.notes)
        printWarning(note);
}

// --frozen-from-*: the other input, read like the explained one; none when not given.
std::optional<InferenceRequest> frozenRequest(const QCommandLineParser& parser, const ModelSession& session,
                                              const InferenceRequest& explained)
{
    const int given = int(parser.isSet(kFrozenText)) + int(parser.isSet(kFrozenIds)) + int(parser.isSet(kFrozenSeries));
    if (given == 0)
        return std::nullopt;
    if (given > 1)
        throw UsageError(QStringLiteral("Give one of --frozen-from-text, --frozen-from-ids and --frozen-from-series (%1 given).").arg(given));
    const bool series = session.summary().input == ModelInputKind::Series;
    if (series != parser.isSet(kFrozenSeries))
        throw UsageError(series ? QStringLiteral("The model reads a series: give the other input with --frozen-from-series FILE.csv.")
                                : QStringLiteral("The model reads tokens: give the other input with --frozen-from-text or --frozen-from-ids."));
    InferenceRequest other;
    if (series) {
        other = session.readSeries(parser.value(kFrozenSeries));
    } else if (parser.isSet(kFrozenIds)) {
        try {
            other.ids = parseTokenIds(parser.value(kFrozenIds));
        } catch (const StudioError& error) {
            throw UsageError(QStringLiteral("--frozen-from-ids: %1").arg(error.message()));
        }
    } else {
        other.text = parser.value(kFrozenText);
    }
    other.layout = explained.layout;
    other.candidate = explained.candidate;
    other.readSteps = explained.readSteps;
    return other;
}

} // namespace

int runExplain(const CommandLine& line)
{
    const ExplainOptions defaults;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Is the attention an explanation? One input through a model: its attention weights beside per-step\n"
                       "attributions (gradient norm, gradient x input, integrated gradients, occlusion, attention x |h|),\n"
                       "and how far each agrees with the attention. The score explained is the predicted class's logit, or\n"
                       "the single output. JSON: score, class (null for one output), removal (replace or delete, as used),\n"
                       "steps, methods {name: [one number per\n"
                       "step]}, integrated_gradients_completeness {sum, expected, error}, agreement {top_k, kendall_tau,\n"
                       "top_k_overlap}, faithfulness {k, by {ranking: {comprehensiveness, sufficiency, aopc}}} (ERASER: steps\n"
                       "removed as --removal says; random rankings with their spread), interventions\n"
                       "{uniform, permuted, top_zeroed: {score, change}, frozen} (null-like with a reason where the attention\n"
                       "cannot be replaced), notes.\n"
                       "Series models also give features (the column names the model reads, or column numbers) and per_feature\n"
                       "{gradient (signed d score/d x[t,f]), grad_input, integrated_gradients, occlusion (x[t,f] alone set to 0):\n"
                       "[[one number per feature] per step]}; x is the value as the model reads it (after its own scaling, e.g.\n"
                       "a forecaster's normalization), and grad_input and integrated_gradients sum over the features to their\n"
                       "methods rows.\n"
                       "--frozen-from-*: interventions.frozen {available, score, change, from (the other input's steps)} is the\n"
                       "score of this input's hidden states under the other input's attention weights; only for the app's own\n"
                       "models (whose attention is a module of the app's) and the same number of steps (the weights are neither\n"
                       "cut nor padded); otherwise {available: false, reason}. null when not asked for."));
    addModelInputOptions(parser);
    addExplainDataOptions(parser);
    QStringList names;
    for (AttributionMethod method : attributionMethods())
        names << toString(method);
    parser.addOptions({
        {kMethods, QStringLiteral("Comma-separated methods (default all): %1.").arg(names.join(QStringLiteral(", "))),
         QStringLiteral("list")},
        {kIgSteps, QStringLiteral("Points on the integrated-gradients path (default %1).").arg(defaults.integratedGradientsSteps),
         QStringLiteral("n")},
        {kTopK, QStringLiteral("k of the top-k overlap (default %1).").arg(defaults.topK), QStringLiteral("k")},
        {kRemoval, QStringLiteral("How occlusion and the faithfulness curves remove a step: replace (default; the pad id, or "
                                  "zeros for a series: the input keeps its length) or delete (cut out, a shorter sequence, "
                                  "as ERASER removes tokens; the app's own models, others fall back to replace with a note)."),
         QStringLiteral("how")},
        {kFrozenText, QStringLiteral("Also score this input with the attention of this other text (same number of tokens)."),
         QStringLiteral("string")},
        {kFrozenIds, QStringLiteral("The same, the other input as token ids."), QStringLiteral("ids")},
        {kFrozenSeries, QStringLiteral("The same, the other input as a series CSV (same number of steps)."), QStringLiteral("file.csv")},
    });
    addFormatOption(parser);
    if (!parseCommandLine(parser, line,
                          QStringLiteral("explain --model FILE (--text STRING | --ids \"3 7 1\" | --series FILE.csv | --task NAME | "
                                         "--data FILE) [--methods LIST] [--ig-steps N] [--top-k K] [--removal replace|delete] [--frozen-from-text STRING | "
                                         "--frozen-from-ids IDS | --frozen-from-series FILE.csv] [--format json]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    ExplainOptions options;
    options.methods = methodsOption(parser);
    options.integratedGradientsSteps = intOption(parser, kIgSteps, defaults.integratedGradientsSteps, /*minimum=*/1);
    options.topK = intOption(parser, kTopK, defaults.topK, /*minimum=*/1);
    parseStepRemoval(choiceOption(parser, kRemoval, toString(StepRemoval::Replace),
                                  {toString(StepRemoval::Replace), toString(StepRemoval::Delete)}),
                     &options.removal);
    if (explainsData(parser)) {
        if (parser.isSet(kFrozenText) || parser.isSet(kFrozenIds) || parser.isSet(kFrozenSeries))
            throw UsageError(QStringLiteral("--frozen-from-* explains one input (--text, --ids or --series), not a dataset."));
        return runExplainOnData(parser, options, format);
    }
    ModelInput input = modelInput(parser);
    options.frozenFrom = frozenRequest(parser, *input.session, input.request);
    const ModelSummary summary = input.session->summary();
    const Explanation explanation = input.session->explain(input.request, options);
    if (explanation.steps.isEmpty())
        throw UsageError(QStringLiteral("The input has no step the model can read: give it text, ids or a series."));
    if (format == OutputFormat::Json) {
        printJson(explanationJson(summary, explanation, options.topK));
        return kExitOk;
    }
    printHuman(summary, explanation, options.topK);
    return kExitOk;
}

} // namespace studio::cli
