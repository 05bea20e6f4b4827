#include "train/FittingModelConfig.h"

#include <algorithm>

namespace studio {

ModelConfig fittingModelConfig(const Dataset& data)
{
    ModelConfig config;
    config.input = data.input;
    config.vocabularySize = data.input == InputKind::Tokens ? static_cast<int>(data.vocabulary.size()) : 0;
    config.inputFeatures = data.features;
    config.head = data.head;
    config.outputs = data.outputs;
    int64_t longest = 0;
    for (const Example& example : data.examples)
        longest = std::max(longest, data.length(example));
    config.maxLength = static_cast<int>(longest);
    return config;
}

} // namespace studio
