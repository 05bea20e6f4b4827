#pragma once

// A native model's parameters by their names ("encoder.lstm.weight_hh_l0", "head.bias"), gathered
// once: named_parameters() builds the whole dictionary on every call, and one keystroke's run reads
// a dozen of them.

#include "model/AttentionModel.h"

#include <string>

namespace studio {

class ModelParameters {
public:
    explicit ModelParameters(AttentionModel& model);

    // The parameter detached, as contiguous float; an undefined tensor when the model has none of that name.
    torch::Tensor floats(const std::string& name) const;

private:
    torch::OrderedDict<std::string, torch::Tensor> m_byName;
};

} // namespace studio
