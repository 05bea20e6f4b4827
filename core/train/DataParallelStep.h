#pragma once

#include "model/AttentionModel.h"
#include "train/Batch.h"
#include "train/ReplicaThread.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace studio {

// What one step's forward and backward found, over the whole batch.
struct StepLoss {
    double loss = 0.0;       // the batch's mean loss; not finite when training diverged
    double metricSum = 0.0;  // headMetricSum over the batch
};

// A training step's forward and backward over both cores (or more): the batch is cut into
// contiguous shares, one per replica of the model; replica 0 is the model itself and runs on the
// calling thread, the others are copies that share its weights (the same memory, so the
// optimizer's update reaches them all) but keep gradients of their own, each on a ReplicaThread.
// Each share's loss is weighted by its share of the batch, so the summed gradient is the whole
// batch's mean-loss gradient; the copies' gradients are added into the model's in replica order.
// Measured against intra-op threads in docs/BENCHMARKS.md ("Both cores").
// Reproducible: for a given seed and replica count the shares, the dropout masks (one generator
// per replica, seeded per epoch) and the order of the sums are fixed, whatever the threads' timing.
// The copies' parameters keep version counters of their own: autograd does not see the
// optimizer's in-place update through them, which happens only between steps.
class DataParallelStep {
public:
    // `replicas` ≥ 1. While the recurrent layers run through LibTorch (float64 models, or the
    // kernel asked for) one replica does the whole step: torch's LSTM/GRU draw their dropout from
    // the global generator. The copies follow the model's recurrent kernel.
    DataParallelStep(AttentionModel model, int replicas);

    int replicas() const { return static_cast<int>(m_copies.size()) + 1; }
    // Every replica's dropout generator for `epoch` of a run seeded with `seed`.
    void seedDropout(uint64_t seed, int epoch);
    // The forward and backward of `batch`, in training mode: the model's gradients hold the sum,
    // added to what they held (zero them first). With a loss that is not finite the model's
    // gradients are left at zero.
    StepLoss run(const Batch& batch, HeadKind head);

private:
    struct Share {
        int64_t start = 0;
        int64_t size = 0;
    };
    static StepLoss runShare(AttentionModel& replica, const Batch& batch, Share share, int64_t batchSize, HeadKind head);
    void addCopiesGradients(size_t copiesUsed);

    AttentionModel m_model;
    std::vector<AttentionModel> m_copies;
    std::vector<std::unique_ptr<ReplicaThread>> m_threads;  // one per copy
};

// The replica count a new run uses: one per core, but no share smaller than kMinimumShare
// examples (a small batch gains less from a second thread than the hand-over costs).
int defaultReplicaCount(int batchSize);

} // namespace studio
