#include "external/keras/KerasRecurrentCell.h"

namespace studio::keras {
namespace {

thread_local KerasRecurrentLoop t_loop = KerasRecurrentLoop::FusedWhereItApplies;

bool needsGradient(const at::Tensor& tensor)
{
    return tensor.defined() && tensor.requires_grad();
}

} // namespace

int gateCount(CellKind kind)
{
    switch (kind) {
    case CellKind::Lstm: return 4;
    case CellKind::GruResetBefore:
    case CellKind::GruResetAfter: return 3;
    case CellKind::Simple: return 1;
    }
    return 1;
}

bool fusedLoopApplies(const Cell& cell, const at::Tensor& x)
{
    if (x.scalar_type() != at::kFloat || !x.device().is_cpu() || x.dim() != 3 || cell.kernel.scalar_type() != at::kFloat)
        return false;
    if (!at::GradMode::is_enabled())
        return true;
    return !needsGradient(x) && !needsGradient(cell.kernel) && !needsGradient(cell.recurrentKernel) && !needsGradient(cell.bias)
           && !needsGradient(cell.recurrentBias);
}

RnnOutput runCell(const Cell& cell, const at::Tensor& x, const at::Tensor& mask, const RnnOptions& options)
{
    if (t_loop == KerasRecurrentLoop::FusedWhereItApplies && fusedLoopApplies(cell, x))
        return runCellFused(cell, x, mask, options);
    return runCellStepwise(cell, x, mask, options);
}

KerasRecurrentLoopScope::KerasRecurrentLoopScope(KerasRecurrentLoop loop) : m_previous(t_loop)
{
    t_loop = loop;
}

KerasRecurrentLoopScope::~KerasRecurrentLoopScope()
{
    t_loop = m_previous;
}

} // namespace studio::keras
