#include "model/SeededDropout.h"

namespace studio {

torch::Tensor seededDropout(const torch::Tensor& x, double p, bool training, at::Generator generator)
{
    if (!training || p <= 0.0)
        return x;
    if (!generator.defined())
        return torch::dropout(x, p, /*train=*/true);
    // As torch::dropout: keep with probability 1 - p, scale the kept values by 1 / (1 - p).
    const torch::Tensor keep = torch::empty_like(x).bernoulli_(1.0 - p, generator).div_(1.0 - p);
    return x * keep;
}

} // namespace studio
