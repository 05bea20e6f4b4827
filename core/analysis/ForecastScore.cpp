#include "analysis/ForecastScore.h"

#include "data/ForecastDataset.h"
#include "train/Batch.h"

#include <torch/utils.h>

#include <cmath>
#include <limits>

namespace studio {

ForecastScore scoreForecast(AttentionModel& model, const Dataset& data, const std::vector<int64_t>& indices)
{
    constexpr size_t kBatch = 128;
    const ForecastSpec spec = forecastSpecFrom(data.preprocessing);
    const QStringList inputs = spec.inputs();
    const auto targetInput = inputs.indexOf(spec.targetColumn);
    const int features = static_cast<int>(inputs.size());

    torch::NoGradGuard noGrad;
    model->eval();
    ForecastScore score;
    double modelError = 0.0;
    double persistenceError = 0.0;
    int64_t values = 0;
    for (size_t start = 0; start < indices.size(); start += kBatch) {
        const std::vector<int64_t> slice(indices.begin() + static_cast<std::ptrdiff_t>(start),
                                         indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), start + kBatch)));
        const Batch batch = makeBatch(data, slice);
        const auto predicted = model->forward(batch.input, batch.mask).prediction.to(torch::kFloat).contiguous();
        const int64_t outputs = predicted.size(1);
        for (size_t b = 0; b < slice.size(); ++b) {
            const Example& example = data.examples[static_cast<size_t>(slice[b])];
            const float* row = predicted.data_ptr<float>() + static_cast<int64_t>(b) * outputs;
            const auto forecast = denormalizeTarget(std::vector<float>(row, row + outputs), data.preprocessing);
            const auto actual = denormalizeTarget(example.target, data.preprocessing);
            std::vector<double> last;
            if (targetInput >= 0) {
                const FloatView series = example.series();
                const int64_t steps = static_cast<int64_t>(series.size()) / features;
                last = denormalizeTarget({series[static_cast<size_t>((steps - 1) * features + targetInput)]},
                                         data.preprocessing);
            }
            for (size_t k = 0; k < actual.size(); ++k) {
                modelError += std::abs(forecast[k] - actual[k]);
                if (!last.empty())
                    persistenceError += std::abs(last.front() - actual[k]);
                ++values;
            }
            ++score.examples;
        }
    }
    if (values > 0) {
        score.modelMae = modelError / static_cast<double>(values);
        score.persistenceMae = targetInput >= 0 ? persistenceError / static_cast<double>(values)
                                                : std::numeric_limits<double>::quiet_NaN();
    }
    return score;
}

} // namespace studio
