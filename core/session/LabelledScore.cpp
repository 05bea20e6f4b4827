#include "session/LabelledScore.h"

#include "common/StudioError.h"
#include "model/LabelGuess.h"

#include <algorithm>
#include <cmath>

namespace studio {
namespace {

constexpr double kSmallestProbability = 1e-12;  // keeps -log finite for a certain wrong answer

} // namespace

QStringList classNamesFor(const ModelSummary& summary, const QStringList& dataLabels, size_t outputs)
{
    if (!summary.labels.isEmpty())
        return summary.labels;
    for (const QString& label : dataLabels) {
        bool ok = false;
        const int value = label.toInt(&ok);
        if (!ok || value < 0)
            throw StudioError(QStringLiteral("%1 names no classes, and the labels of the data are words (\"%2\"): give the class "
                                             "names in the model's sidecar (\"labels\": [...]), in the order of its outputs.")
                                  .arg(summary.name, label));
    }
    QStringList names;
    for (size_t i = 0; i < std::max<size_t>(outputs, 2); ++i)
        names << QString::number(i);
    return names;
}

LabelledScore scoreAgainstLabel(const ModelSummary& summary, const InferenceResult& result, const QStringList& names,
                                const QString& truth)
{
    const OutputScale scale = summary.outputsProbabilities ? OutputScale::Probabilities : OutputScale::Logits;
    const std::optional<LabelGuess> guess = guessLabel(names, result.prediction, scale);
    if (!guess)
        throw StudioError(QStringLiteral("%1 gives %2 outputs for %3 classes, so its answer cannot be read as a class: check the "
                                         "class names (labels) of the model.")
                              .arg(summary.name)
                              .arg(result.prediction.size())
                              .arg(names.size()));
    LabelledScore score;
    score.predicted = guess->label;
    score.confidence = guess->probability;
    // A file that writes the classes as codes (0, 1) for a model that names them.
    const qsizetype coded = summary.labelCodes.indexOf(truth);
    const QString& truthName = coded >= 0 && coded < summary.labels.size() ? summary.labels.at(coded) : truth;
    score.correct = guess->label == truthName;
    if (score.correct) {
        score.trueProbability = guess->probability;
    } else if (names.size() == 2) {
        score.trueProbability = 1.0 - guess->probability;
    } else {
        // The labelled class's own probability: its share of the softmax (or its output, when
        // the model gives probabilities).
        const int index = static_cast<int>(names.indexOf(truthName));
        if (index >= 0 && index < static_cast<int>(result.prediction.size())) {
            if (scale == OutputScale::Probabilities) {
                score.trueProbability = static_cast<double>(result.prediction[static_cast<size_t>(index)]);
            } else {
                const float largest = *std::max_element(result.prediction.begin(), result.prediction.end());
                double total = 0.0;
                for (float logit : result.prediction)
                    total += std::exp(static_cast<double>(logit - largest));
                score.trueProbability = std::exp(static_cast<double>(result.prediction[static_cast<size_t>(index)] - largest)) / total;
            }
        }
    }
    score.loss = -std::log(std::max(score.trueProbability, kSmallestProbability));
    return score;
}

} // namespace studio
