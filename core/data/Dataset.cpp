#include "data/Dataset.h"

namespace studio {

ModelConfig Dataset::fittingModelConfig() const
{
    ModelConfig config;
    config.input = input;
    config.vocabularySize = input == InputKind::Tokens ? static_cast<int>(vocabulary.size()) : 0;
    config.inputFeatures = features;
    config.head = head;
    config.outputs = outputs;
    int64_t longest = 0;
    for (const Example& example : examples)
        longest = std::max(longest, length(example));
    config.maxLength = static_cast<int>(longest);
    return config;
}

} // namespace studio
