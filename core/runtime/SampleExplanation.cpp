#include "runtime/SampleExplanation.h"

#include "runtime/LoadedSamples.h"

#include "analysis/StepAttribution.h"
#include "common/StudioError.h"

namespace studio {

DatasetExplanation explainSamples(LoadedSamples& samples, const std::vector<int64_t>& indices, const ExplainOptions& options,
                                  const DatasetExplainControl& control)
{
    const int64_t available = samples.external ? (samples.external->corpus ? samples.external->corpus->size() : 0)
                                               : samples.data.size();
    std::vector<ExampleToExplain> examples;
    examples.reserve(indices.size());
    for (int64_t index : indices) {
        if (index < 0 || index >= available)
            throw StudioError(QStringLiteral("Example %1 is not part of the evaluation of %2 that is loaded.")
                                  .arg(index + 1)
                                  .arg(samples.modelPath));
        // Text files mark no deciding steps; the built-in tasks do (Example::relevant).
        examples.push_back({index, samples.external ? std::vector<uint8_t>{}
                                                    : samples.data.examples[static_cast<size_t>(index)].relevant});
    }
    if (samples.external) {
        ModelSession& session = *samples.external->session;
        const TextCorpus& corpus = *samples.external->corpus;
        return explainDataset(
            examples,
            [&](size_t position, const ExplainOptions& each) {
                InferenceRequest request;
                request.text = corpus.text(examples[position].index);
                return session.explain(request, each);
            },
            options, control);
    }
    return explainDataset(
        examples,
        [&](size_t position, const ExplainOptions& each) {
            const Example& example = samples.data.examples[static_cast<size_t>(examples[position].index)];
            if (example.tokens.empty() && example.series().size() == 0)
                return Explanation{};  // nothing the model reads: skipped, as the command line skips such a text
            return explainExample(samples.model.model, example, each);
        },
        options, control);
}

} // namespace studio
