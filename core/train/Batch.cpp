#include "train/Batch.h"

#include "common/StudioError.h"

#include <algorithm>
#include <cstring>

namespace studio {

namespace {

Batch stackInputs(const Dataset& data, const std::vector<const Example*>& examples)
{
    const int64_t batchSize = static_cast<int64_t>(examples.size());
    int64_t longest = 0;
    for (const Example* example : examples)
        longest = std::max(longest, data.length(*example));
    if (longest == 0)
        throw StudioError(QStringLiteral("An example in \"%1\" has no steps: every sequence needs at least one.").arg(data.name));

    Batch batch;
    batch.mask = torch::zeros({batchSize, longest}, torch::kBool);
    auto mask = batch.mask.accessor<bool, 2>();
    if (data.input == InputKind::Tokens) {
        batch.input = torch::zeros({batchSize, longest}, torch::kLong);
        auto* ids = batch.input.data_ptr<int64_t>();
        for (int64_t b = 0; b < batchSize; ++b) {
            const auto& tokens = examples[b]->tokens;
            std::copy(tokens.begin(), tokens.end(), ids + b * longest);
        }
    } else {
        batch.input = torch::zeros({batchSize, longest, data.features}, torch::kFloat);
        auto* values = batch.input.data_ptr<float>();
        for (int64_t b = 0; b < batchSize; ++b) {
            const FloatView series = examples[b]->series();
            std::memcpy(values + b * longest * data.features, series.begin(), series.size() * sizeof(float));
        }
    }
    for (int64_t b = 0; b < batchSize; ++b) {
        const int64_t length = data.length(*examples[b]);
        if (length == 0)
            throw StudioError(QStringLiteral("An example in \"%1\" has no steps: every sequence needs at least one.").arg(data.name));
        for (int64_t t = 0; t < length; ++t)
            mask[b][t] = true;
    }
    return batch;
}

} // namespace

Batch makeBatch(const Dataset& data, const std::vector<int64_t>& indices)
{
    std::vector<const Example*> examples;
    examples.reserve(indices.size());
    for (int64_t index : indices)
        examples.push_back(&data.examples.at(static_cast<size_t>(index)));
    Batch batch = stackInputs(data, examples);

    const int64_t batchSize = static_cast<int64_t>(examples.size());
    if (data.head == HeadKind::Regression) {
        batch.target = torch::empty({batchSize, data.outputs}, torch::kFloat);
        auto* target = batch.target.data_ptr<float>();
        for (int64_t b = 0; b < batchSize; ++b) {
            const auto& values = examples[b]->target;
            if (static_cast<int>(values.size()) != data.outputs)
                throw StudioError(QStringLiteral("An example in \"%1\" has %2 target values; the task has %3.")
                                      .arg(data.name)
                                      .arg(values.size())
                                      .arg(data.outputs));
            std::copy(values.begin(), values.end(), target + b * data.outputs);
        }
    } else {
        std::vector<float> labels(static_cast<size_t>(batchSize));
        for (int64_t b = 0; b < batchSize; ++b) {
            if (examples[b]->target.empty())
                throw StudioError(QStringLiteral("An example in \"%1\" has no label.").arg(data.name));
            labels[b] = examples[b]->target.front();
        }
        batch.target = torch::from_blob(labels.data(), {batchSize}, torch::kFloat).clone();
        if (data.head == HeadKind::MultiClass)
            batch.target = batch.target.to(torch::kLong);
    }
    return batch;
}

Batch makeSingleInput(const Dataset& data, const Example& example)
{
    return stackInputs(data, {&example});
}

Batch makeSingleInput(const ModelConfig& config, const Example& example)
{
    Dataset shape;  // only the fields that say how to read `example`
    shape.name = QStringLiteral("input");
    shape.input = config.input;
    shape.features = config.inputFeatures;
    return stackInputs(shape, {&example});
}

} // namespace studio
