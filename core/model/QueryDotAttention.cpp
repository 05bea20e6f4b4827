#include "model/QueryDotAttention.h"

#include "model/LastStateReadout.h"

namespace studio {

QueryDotAttentionImpl::QueryDotAttentionImpl(int64_t stateWidth, bool bidirectional)
    : m_stateWidth(stateWidth)
    , m_bidirectional(bidirectional)
{
    m_query = register_module("query", torch::nn::Linear(stateWidth, stateWidth));
}

AttentionOutput QueryDotAttentionImpl::forward(const torch::Tensor& states, const torch::Tensor& mask)
{
    const auto queries = torch::tanh(m_query(states));                   // (B, T, D)
    const auto scores = torch::bmm(queries, states.transpose(1, 2));    // (B, T, T): query row, key column
    const auto realQueries = mask.unsqueeze(2).to(states.scalar_type());  // (B, T, 1)
    const auto weights = maskedSoftmax(scores, mask.unsqueeze(1), /*dim=*/2) * realQueries;
    const auto attended = torch::bmm(weights, states);  // (B, T, D): what each step gathers
    const auto gathered = attended.sum(1);              // the tutorial's K.sum over the steps
    AttentionOutput output{torch::cat({lastRealState(states, mask, m_bidirectional), gathered}, /*dim=*/1), weights, scores};
    output.projected = queries;
    output.attended = attended;
    return output;
}

} // namespace studio
