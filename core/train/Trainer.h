#pragma once

#include "common/TrainingStatus.h"
#include "common/ValueTypes.h"
#include "data/Dataset.h"
#include "model/AttentionModel.h"
#include "train/DataParallelStep.h"
#include "train/ModelFile.h"
#include "train/TrainingConfig.h"

#include <torch/optim/optimizer.h>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

namespace studio {

// Flags the loop polls between steps; set them from any thread.
struct TrainingControl {
    std::atomic<bool> cancel{false};
    std::atomic<bool> pause{false};
    // Set by the loop: it has seen `pause` and waits, with no step in flight, until it is cleared.
    // A paused run is still; this says when it has become so (a step may end after `pause` is set).
    std::atomic<bool> held{false};
};

struct TrainingResult {
    TrainingStatus status = TrainingStatus::Completed;
    QString message;  // one sentence for the person who started the run
    int epochsCompleted = 0;
    std::vector<EpochMetrics> history;
};

using ProgressCallback = std::function<void(const TrainingProgress&)>;

// A plain training loop, no Qt event loop; the GUI runs it on a worker. Its only threads are the
// replicas' (train/DataParallelStep), which run inside each step.
// Determinism: the seed fixes the initial weights, the validation split, every epoch's shuffle and
// every epoch's dropout masks (each replica's generator is seeded from seed, epoch and replica), so
// a run resumed from an epoch checkpoint continues exactly as an uninterrupted run. The thread
// count (TrainingConfig::threads, fixed when a run starts) decides how each batch is shared out,
// so runs are equal bit for bit for the same seed and thread count.
class Trainer {
public:
    // A new run. Throws StudioError when the configurations do not fit the data.
    Trainer(Dataset data, const ModelConfig& model, const TrainingConfig& training);
    // Continues the run saved in `checkpointPath` on the same data; `epochs` may raise the total.
    static Trainer resume(const QString& checkpointPath, Dataset data, int epochs = 0);

    // Where a checkpoint is written after every epoch; empty for none.
    void setCheckpointPath(const QString& path) { m_checkpointPath = path; }
    void setProgressCallback(ProgressCallback callback) { m_progress = std::move(callback); }

    TrainingResult run(TrainingControl& control);

    AttentionModel model() const { return m_model; }
    const RunState& state() const { return m_state; }
    const Dataset& data() const { return m_data; }
    const std::vector<int64_t>& trainIndices() const { return m_trainIndices; }
    const std::vector<int64_t>& validationIndices() const { return m_validationIndices; }
    // Held out from training and validation (TrainingConfig::testFraction); for a final evaluation.
    const std::vector<int64_t>& testIndices() const { return m_testIndices; }

private:
    Trainer(Dataset data, RunState state, AttentionModel model);
    void splitData();
    void makeOptimizer();
    void makeParallelStep();
    // One epoch of optimizer steps; returns false when the loss stopped being finite or the run
    // was cancelled (result says which).
    bool runEpoch(int epoch, TrainingControl& control, EpochMetrics& metrics, TrainingResult& result);
    // TrainingProgress::attentionOnDecidingSteps for the validation examples, or NaN.
    double attentionOnDecidingSteps();

    Dataset m_data;
    RunState m_state;
    AttentionModel m_model{nullptr};
    std::unique_ptr<torch::optim::Optimizer> m_optimizer;
    std::unique_ptr<DataParallelStep> m_parallelStep;  // forward and backward over m_state.training.threads replicas
    std::vector<int64_t> m_trainIndices;
    std::vector<int64_t> m_validationIndices;
    std::vector<int64_t> m_testIndices;
    QString m_checkpointPath;
    ProgressCallback m_progress;
    int64_t m_step = 0;
};

} // namespace studio
