#pragma once

// The flaws a model's answer can show that a learner should understand, each one the cause of a
// warning sentence. The window explains each (what the tutorial code does, and the fix); scripts
// read their names in `infer --format json`. Header-only: the window sees it through studio_types.

#include "common/EnumNames.h"

#include <QString>

#include <algorithm>
#include <vector>

namespace studio {

enum class ModelFlaw {
    WrongSoftmaxAxis,  // the weights do not sum to 1 over time: the softmax ran over another axis
    PaddingWeight,     // padding steps get weight because nothing masks them
    FixedLength,       // a learned bias per position fixes the input length
    UnknownWords,      // words outside the vocabulary were dropped or read as one OOV token
    Truncated,         // the text was longer than the model reads and was cut
    PadIdInInput,      // ids given by hand contain the padding id, read as a real step
};

inline constexpr EnumNameTable<ModelFlaw, 6> kModelFlawNames{{
    {ModelFlaw::WrongSoftmaxAxis, "wrong_softmax_axis"},
    {ModelFlaw::PaddingWeight, "padding_weight"},
    {ModelFlaw::FixedLength, "fixed_length"},
    {ModelFlaw::UnknownWords, "unknown_words"},
    {ModelFlaw::Truncated, "truncated"},
    {ModelFlaw::PadIdInInput, "pad_id_in_input"},
}};

inline QString toString(ModelFlaw flaw) { return enumName(kModelFlawNames, flaw); }
inline bool parseModelFlaw(const QString& name, ModelFlaw* out) { return parseEnumName(kModelFlawNames, name, out); }

// Adds `flaw` once: a result names each flaw at most once, whatever found it.
inline void noteFlaw(std::vector<ModelFlaw>& flaws, ModelFlaw flaw)
{
    if (std::find(flaws.begin(), flaws.end(), flaw) == flaws.end())
        flaws.push_back(flaw);
}

} // namespace studio
