#include "common/Explanation.h"

namespace studio {

const std::vector<AttributionMethod>& attributionMethods()
{
    static const std::vector<AttributionMethod> all{
        AttributionMethod::Attention,           AttributionMethod::AttentionNorm, AttributionMethod::Gradient,
        AttributionMethod::GradientTimesInput,  AttributionMethod::Occlusion,     AttributionMethod::IntegratedGradients,
    };
    return all;
}

QString toString(AttributionMethod method)
{
    switch (method) {
    case AttributionMethod::Attention: return QStringLiteral("attention");
    case AttributionMethod::Gradient: return QStringLiteral("gradient");
    case AttributionMethod::GradientTimesInput: return QStringLiteral("grad_input");
    case AttributionMethod::IntegratedGradients: return QStringLiteral("integrated_gradients");
    case AttributionMethod::Occlusion: return QStringLiteral("occlusion");
    case AttributionMethod::AttentionNorm: return QStringLiteral("attention_norm");
    }
    return {};
}

QString toString(StepRemoval removal)
{
    return removal == StepRemoval::Delete ? QStringLiteral("delete") : QStringLiteral("replace");
}

bool parseStepRemoval(const QString& name, StepRemoval* out)
{
    for (StepRemoval removal : {StepRemoval::Replace, StepRemoval::Delete}) {
        if (toString(removal) == name) {
            *out = removal;
            return true;
        }
    }
    return false;
}

bool parseAttributionMethod(const QString& name, AttributionMethod* out)
{
    for (AttributionMethod method : attributionMethods()) {
        if (toString(method) == name) {
            *out = method;
            return true;
        }
    }
    return false;
}

const std::vector<double>* Explanation::scores(AttributionMethod method) const
{
    for (const MethodScores& entry : methods)
        if (entry.method == method)
            return &entry.perStep;
    return nullptr;
}

const FeatureScores* Explanation::featureScores(AttributionMethod method) const
{
    for (const FeatureScores& entry : perFeature)
        if (entry.method == method)
            return &entry;
    return nullptr;
}

QString Explanation::featureName(int feature) const
{
    return feature >= 0 && feature < features.size() ? features.at(feature) : QString::number(feature);
}

ExplainOptions withStepLabels(ExplainOptions options, const QStringList& steps, const QStringList& notes,
                              const QStringList& features)
{
    if (options.progress) {
        options.progress = [inner = std::move(options.progress), steps, notes, features](const Explanation& partial) {
            Explanation labelled = partial;
            labelled.steps = steps;
            labelled.features = features;
            labelled.notes = notes + partial.notes;
            return inner(labelled);
        };
    }
    return options;
}

} // namespace studio
