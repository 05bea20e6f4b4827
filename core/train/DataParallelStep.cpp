#include "train/DataParallelStep.h"

#include "common/SeedStreams.h"
#include "train/Objective.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/utils.h>

#include <algorithm>
#include <cmath>
#include <thread>

namespace studio {
namespace {

constexpr int kMinimumShare = 8;

// float64 (and any non-CPU) models run through LibTorch's LSTM/GRU (SequenceEncoder).
bool hasOnlyCpuFloatWeights(const AttentionModel& model)
{
    const auto parameters = model->parameters();
    return std::all_of(parameters.begin(), parameters.end(),
                       [](const torch::Tensor& p) { return p.scalar_type() == torch::kFloat && p.device().is_cpu(); });
}

// A copy of `model` whose parameters and buffers are the model's own memory (the optimizer's
// in-place update reaches it) with autograd state of its own (its own gradients).
AttentionModel sharingCopy(const AttentionModel& model)
{
    AttentionModel copy(model->config());
    copy->useRecurrentKernel(model->recurrentKernel());
    torch::NoGradGuard noGrad;
    const auto source = model->named_parameters();
    for (auto& item : copy->named_parameters()) {
        item.value().set_data(source[item.key()].detach());
        item.value().set_requires_grad(source[item.key()].requires_grad());  // a frozen weight stays frozen
    }
    const auto sourceBuffers = model->named_buffers();
    for (auto& item : copy->named_buffers())
        item.value().set_data(sourceBuffers[item.key()]);
    return copy;
}

Batch shareOf(const Batch& batch, int64_t start, int64_t size)
{
    return {batch.input.narrow(0, start, size), batch.mask.narrow(0, start, size), batch.target.narrow(0, start, size)};
}

} // namespace

int defaultReplicaCount(int batchSize)
{
    const int cores = std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    return std::clamp(batchSize / kMinimumShare, 1, cores);
}

DataParallelStep::DataParallelStep(AttentionModel model, int replicas)
    : m_model(std::move(model))
{
    if (replicas < 1 || !hasOnlyCpuFloatWeights(m_model))
        replicas = 1;
    for (int i = 1; i < replicas; ++i) {
        m_copies.push_back(sharingCopy(m_model));
        m_threads.push_back(std::make_unique<ReplicaThread>());
    }
    // Never torch's global generator from several threads, even before a run seeds its epochs.
    seedDropout(/*seed=*/0, /*epoch=*/0);
}

void DataParallelStep::seedDropout(uint64_t seed, int epoch)
{
    for (int replica = 0; replica < replicas(); ++replica) {
        at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(
            streamSeed(seed, SeedStream::Dropout, {static_cast<uint32_t>(epoch), static_cast<uint32_t>(replica)}));
        (replica == 0 ? m_model : m_copies[static_cast<size_t>(replica - 1)])->useDropoutGenerator(generator);
    }
}

StepLoss DataParallelStep::runShare(AttentionModel& replica, const Batch& batch, Share share, int64_t batchSize,
                                    HeadKind head)
{
    const Batch part = shareOf(batch, share.start, share.size);
    replica->train();
    const ModelOutput output = replica->forward(part.input, part.mask);
    // The share's mean loss, weighted by its part of the batch: the shares' sum is the batch's mean.
    const torch::Tensor loss = headLoss(head, output.prediction, part.target)
        * (static_cast<double>(share.size) / static_cast<double>(batchSize));
    StepLoss result;
    result.loss = loss.item<double>();
    if (std::isfinite(result.loss))
        loss.backward();
    torch::NoGradGuard noGrad;
    result.metricSum = headMetricSum(head, output.prediction.detach(), part.target);
    return result;
}

StepLoss DataParallelStep::run(const Batch& batch, HeadKind head)
{
    const int64_t batchSize = batch.input.size(0);
    TORCH_CHECK(batchSize > 0, "a training step needs at least one example");
    // Contiguous shares, as even as the batch allows, the larger ones first; a replica without a
    // whole example sits out (the last, short batch of an epoch).
    // LibTorch's LSTM/GRU draw dropout from torch's global generator: one replica only.
    const bool oneOnly = m_model->recurrentKernel() == RecurrentKernel::LibTorch;
    const int64_t used = oneOnly ? 1 : std::min<int64_t>(replicas(), batchSize);
    std::vector<Share> shares;
    int64_t start = 0;
    for (int64_t r = 0; r < used; ++r) {
        const int64_t size = batchSize / used + (r < batchSize % used ? 1 : 0);
        shares.push_back({start, size});
        start += size;
    }

    std::vector<StepLoss> results(static_cast<size_t>(used));
    const int intraOpThreads = at::get_num_threads();
    int64_t started = 1;  // replicas whose share is on its way (the model's own is replica 0)
    std::exception_ptr failure;
    try {
        for (; started < used; ++started) {
            const int64_t r = started;
            const size_t copy = static_cast<size_t>(r - 1);
            m_copies[copy]->useRecurrentKernel(m_model->recurrentKernel());
            for (auto& parameter : m_copies[copy]->parameters())
                parameter.mutable_grad() = torch::Tensor();
            m_threads[copy]->start([this, &batch, &shares, &results, r, copy, batchSize, head, intraOpThreads] {
                // Autograd records per thread: a caller's NoGradGuard does not reach this one, so say it.
                torch::AutoGradMode enableGrad(true);
                // OpenMP keeps its team size per thread; this one's follows torch's setting (which
                // oneDNN reads), made again only when that changes.
                thread_local int teamSize = 0;
                if (teamSize != intraOpThreads) {
                    at::init_num_threads();
                    teamSize = intraOpThreads;
                }
                results[static_cast<size_t>(r)] = runShare(m_copies[copy], batch, shares[static_cast<size_t>(r)], batchSize, head);
            });
        }
        results[0] = runShare(m_model, batch, shares[0], batchSize, head);
    } catch (...) {
        failure = std::current_exception();
    }
    // Every copy's thread is waited for, even after a failure here: none may still be running when
    // the batch it reads goes away.
    for (int64_t r = 1; r < started; ++r) {
        try {
            m_threads[static_cast<size_t>(r - 1)]->wait();
        } catch (...) {
            if (!failure)
                failure = std::current_exception();
        }
    }
    if (failure)
        std::rethrow_exception(failure);

    StepLoss total;
    for (const StepLoss& result : results) {
        total.loss += result.loss;
        total.metricSum += result.metricSum;
    }
    if (std::isfinite(total.loss)) {
        addCopiesGradients(static_cast<size_t>(used - 1));
    } else {
        // A share with a finite loss has left its gradient in the model: no half gradient stays.
        torch::NoGradGuard noGrad;
        for (auto& parameter : m_model->parameters())
            if (parameter.grad().defined())
                parameter.mutable_grad().zero_();
    }
    return total;
}

void DataParallelStep::addCopiesGradients(size_t copiesUsed)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> parameters = m_model->parameters();
    for (size_t copy = 0; copy < copiesUsed; ++copy) {
        const std::vector<torch::Tensor> copyParameters = m_copies[copy]->parameters();
        TORCH_CHECK(copyParameters.size() == parameters.size(), "a replica's parameters differ from the model's");
        for (size_t i = 0; i < parameters.size(); ++i) {
            const torch::Tensor& gradient = copyParameters[i].grad();
            if (!gradient.defined())
                continue;  // a parameter this step did not use (e.g. attention the head ignored)
            if (parameters[i].grad().defined())
                parameters[i].mutable_grad().add_(gradient);
            else
                parameters[i].mutable_grad() = gradient.clone();
        }
    }
}

} // namespace studio
