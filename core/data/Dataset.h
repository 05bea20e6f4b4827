#pragma once

// A dataset in memory: plain data, no torch. Batching into tensors happens in core/train.

#include "common/TaskKinds.h"
#include "data/Vocabulary.h"

#include <QJsonObject>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace studio {

// Floats kept elsewhere, read in place.
struct FloatView {
    const float* first = nullptr;
    size_t count = 0;

    size_t size() const { return count; }
    float operator[](size_t i) const { return first[i]; }
    const float* begin() const { return first; }
    const float* end() const { return first + count; }
};

struct Example {
    std::vector<int64_t> tokens;    // token input: one id per step
    std::vector<float> values;      // series input of its own: steps × features, row-major
    // Or series input shared with other examples: forecasting windows all point into one copy of
    // the series' normalized rows (row-major) instead of each holding its own, which would take W
    // times the series' memory for a window of W steps. Offset and count are in floats.
    std::shared_ptr<const std::vector<float>> sharedValues;
    int64_t sharedOffset = 0;
    int64_t sharedCount = 0;
    std::vector<float> target;      // class index (classification) or target values (regression)
    std::vector<uint8_t> relevant;  // ground truth where known: 1 on the steps that decide the label

    // The series input (steps × features, row-major), wherever it is kept.
    FloatView series() const
    {
        if (sharedValues)
            return {sharedValues->data() + sharedOffset, static_cast<size_t>(sharedCount)};
        return {values.data(), values.size()};
    }
};

struct Dataset {
    QString name;
    InputKind input = InputKind::Tokens;
    int features = 1;  // series: values per step
    HeadKind head = HeadKind::Binary;
    int outputs = 1;   // as ModelConfig::outputs
    Vocabulary vocabulary;
    QStringList labels;  // class names in class-index order (classification)
    std::vector<Example> examples;
    // Examples in time order (forecasting windows): splits are chronological, never shuffled,
    // so validation and test data come after all training data.
    bool ordered = false;
    // Optional, one per example: the record it was cut from (a long text split into pieces).
    // Splits keep a group together; values are 0..groupCount-1.
    std::vector<int64_t> groups;
    // How raw input becomes this dataset's examples (tokenizer, normalization, windowing...), as
    // written by the importer that made it; saved in the model file so inference prepares input
    // exactly as training did. Empty for the built-in tasks.
    QJsonObject preprocessing;

    int64_t size() const { return static_cast<int64_t>(examples.size()); }
    int64_t length(const Example& example) const
    {
        return input == InputKind::Tokens ? static_cast<int64_t>(example.tokens.size())
                                          : static_cast<int64_t>(example.series().size()) / features;
    }
};

} // namespace studio
