#include "model/ModelParameters.h"

namespace studio {

ModelParameters::ModelParameters(AttentionModel& model)
    : m_byName(model->named_parameters())
{
}

torch::Tensor ModelParameters::floats(const std::string& name) const
{
    const torch::Tensor* found = m_byName.find(name);
    return found ? found->detach().to(torch::kFloat).contiguous() : torch::Tensor();
}

} // namespace studio
