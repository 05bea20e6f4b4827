#include "train/Trainer.h"

#include "analysis/AttentionRelevance.h"
#include "common/SeedStreams.h"
#include "common/StudioError.h"
#include "train/Batch.h"
#include "data/DataSplit.h"
#include "train/EarlyStopping.h"
#include "train/Evaluation.h"
#include "train/Objective.h"

#include <torch/nn/utils/clip_grad.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>
#include <thread>

namespace studio {
namespace {

constexpr auto kPausePoll = std::chrono::milliseconds(20);  // how often a paused run checks its flags

void checkFits(const Dataset& data, const ModelConfig& model)
{
    if (data.size() < 1)
        throw StudioError(QStringLiteral("The data \"%1\" has no examples to train on.").arg(data.name));
    if (model.input != data.input)
        throw StudioError(QStringLiteral("The model reads %1 but the data \"%2\" holds %3.")
                              .arg(toString(model.input), data.name, toString(data.input)));
    if (model.head != data.head || model.outputs != data.outputs)
        throw StudioError(QStringLiteral("The model's head (%1, %2 outputs) does not fit the data \"%3\" (%4, %5 outputs).")
                              .arg(toString(model.head))
                              .arg(model.outputs)
                              .arg(data.name, toString(data.head))
                              .arg(data.outputs));
    if (model.input == InputKind::Series && model.inputFeatures != data.features)
        throw StudioError(QStringLiteral("The model reads %1 features per step but the data \"%2\" has %3.")
                              .arg(model.inputFeatures)
                              .arg(data.name)
                              .arg(data.features));
    if (model.input == InputKind::Tokens && model.vocabularySize < data.vocabulary.size())
        throw StudioError(QStringLiteral("The model's vocabulary (%1) is smaller than the data's (%2).")
                              .arg(model.vocabularySize)
                              .arg(data.vocabulary.size()));
}

} // namespace

Trainer::Trainer(Dataset data, const ModelConfig& model, const TrainingConfig& training)
    : m_data(std::move(data))
{
    const QString problem = training.validate();
    if (!problem.isEmpty())
        throw StudioError(QStringLiteral("Cannot train: %1").arg(problem));
    checkFits(m_data, model);
    m_state.model = model;
    m_state.training = training;
    if (m_state.training.threads == 0)
        m_state.training.threads = defaultReplicaCount(training.batchSize);
    m_state.vocabulary = m_data.vocabulary;
    m_state.labels = m_data.labels;
    m_state.dataName = m_data.name;
    m_state.preprocessing = m_data.preprocessing;
    torch::manual_seed(streamSeed(training.seed, SeedStream::Init, {0}));
    m_model = buildModel(model);
    splitData();
    makeOptimizer();
    makeParallelStep();
}

Trainer::Trainer(Dataset data, RunState state, AttentionModel model)
    : m_data(std::move(data))
    , m_state(std::move(state))
    , m_model(std::move(model))
{
    checkFits(m_data, m_state.model);
    if (m_state.training.threads == 0)  // saved before runs recorded their threads
        m_state.training.threads = defaultReplicaCount(m_state.training.batchSize);
    splitData();
    makeOptimizer();
    makeParallelStep();
}

Trainer Trainer::resume(const QString& checkpointPath, Dataset data, int epochs)
{
    LoadedModelFile loaded = loadModelFile(checkpointPath);
    if (epochs > 0)
        loaded.state.training.epochs = epochs;
    Trainer trainer(std::move(data), loaded.state, loaded.model);
    if (!loaded.optimizerState)
        throw StudioError(QStringLiteral("%1 holds no optimizer state, so training cannot resume from it.").arg(checkpointPath));
    trainer.m_optimizer->load(*loaded.optimizerState);
    const int64_t batches = (static_cast<int64_t>(trainer.m_trainIndices.size()) + trainer.m_state.training.batchSize - 1)
        / trainer.m_state.training.batchSize;
    trainer.m_step = batches * trainer.m_state.epochsCompleted;
    return trainer;
}

void Trainer::splitData()
{
    DataSplit split = splitDataset(m_data, m_state.training.splitPlan());
    m_trainIndices = std::move(split.train);
    m_validationIndices = std::move(split.validation);
    m_testIndices = std::move(split.test);
}

void Trainer::makeOptimizer()
{
    const TrainingConfig& training = m_state.training;
    if (training.optimizer == OptimizerKind::Adam)
        m_optimizer = std::make_unique<torch::optim::Adam>(m_model->parameters(), torch::optim::AdamOptions(training.learningRate));
    else
        m_optimizer = std::make_unique<torch::optim::SGD>(
            m_model->parameters(), torch::optim::SGDOptions(training.learningRate).momentum(training.momentum));
}

void Trainer::makeParallelStep()
{
    m_parallelStep = std::make_unique<DataParallelStep>(m_model, m_state.training.threads);
}

TrainingResult Trainer::run(TrainingControl& control)
{
    TrainingResult result;
    const TrainingConfig& training = m_state.training;
    while (m_state.epochsCompleted < training.epochs) {
        const int epoch = m_state.epochsCompleted + 1;
        EpochMetrics metrics;
        metrics.epoch = epoch;
        if (!runEpoch(epoch, control, metrics, result))
            break;
        if (!m_validationIndices.empty()) {
            const EvaluationResult validation = evaluateModel(m_model, m_data, m_validationIndices);
            metrics.validationLoss = validation.loss;
            metrics.validationMetric = validation.metric;
        }
        const double onDecidingSteps = attentionOnDecidingSteps();
        m_state.history.push_back(metrics);
        m_state.epochsCompleted = epoch;
        if (!m_checkpointPath.isEmpty())
            saveModelFile(m_checkpointPath, m_state, m_model, m_optimizer.get());
        if (m_progress) {
            TrainingProgress progress;
            progress.epoch = epoch;
            progress.epochs = training.epochs;
            progress.step = m_step;
            progress.trainLoss = metrics.trainLoss;
            progress.trainMetric = metrics.trainMetric;
            progress.validationLoss = metrics.validationLoss;
            progress.validationMetric = metrics.validationMetric;
            progress.attentionOnDecidingSteps = onDecidingSteps;
            progress.epochEnd = true;
            m_progress(progress);
        }
        if (validationHasStalled(m_state.history, training.earlyStoppingPatience)) {
            result.status = TrainingStatus::EarlyStopped;
            result.message = QStringLiteral("Stopped early after epoch %1: the validation loss has not improved for %2 epochs.")
                                 .arg(epoch)
                                 .arg(training.earlyStoppingPatience);
            break;
        }
    }
    if (result.message.isEmpty())
        result.message = QStringLiteral("Trained %1 epochs.").arg(m_state.epochsCompleted);
    result.epochsCompleted = m_state.epochsCompleted;
    result.history = m_state.history;
    m_model->eval();
    return result;
}

double Trainer::attentionOnDecidingSteps()
{
    if (m_validationIndices.empty() || !hasSingleDistribution(m_state.model.attention))
        return std::numeric_limits<double>::quiet_NaN();
    const bool marked = std::any_of(m_validationIndices.begin(), m_validationIndices.end(), [this](int64_t index) {
        const std::vector<uint8_t>& relevant = m_data.examples[static_cast<size_t>(index)].relevant;
        return std::find(relevant.begin(), relevant.end(), 1) != relevant.end();
    });
    return marked ? measureRelevance(m_model, m_data, m_validationIndices).relevantMass : std::numeric_limits<double>::quiet_NaN();
}

bool Trainer::runEpoch(int epoch, TrainingControl& control, EpochMetrics& metrics, TrainingResult& result)
{
    const TrainingConfig& training = m_state.training;
    const HeadKind head = m_state.model.head;
    // torch's global generator too: LibTorch's LSTM/GRU (float64 models) draw their dropout from it.
    torch::manual_seed(streamSeed(training.seed, SeedStream::Dropout, {static_cast<uint32_t>(epoch)}));
    m_parallelStep->seedDropout(training.seed, epoch);
    std::vector<int64_t> order = m_trainIndices;
    std::mt19937_64 random(streamSeed(training.seed, SeedStream::Shuffle, {static_cast<uint32_t>(epoch)}));
    std::shuffle(order.begin(), order.end(), random);

    m_model->train();
    const auto batchSize = static_cast<size_t>(training.batchSize);
    const int64_t stepsPerEpoch = static_cast<int64_t>((order.size() + batchSize - 1) / batchSize);
    double lossSum = 0.0;
    double metricSum = 0.0;
    int64_t seen = 0;
    const auto started = std::chrono::steady_clock::now();
    for (size_t start = 0; start < order.size(); start += batchSize) {
        if (control.pause.load() && !control.cancel.load()) {
            control.held = true;
            while (control.pause.load() && !control.cancel.load())
                std::this_thread::sleep_for(kPausePoll);
            control.held = false;
        }
        if (control.cancel.load()) {
            result.status = TrainingStatus::Cancelled;
            result.message = QStringLiteral("Cancelled during epoch %1; the last checkpoint holds epoch %2.")
                                 .arg(epoch)
                                 .arg(m_state.epochsCompleted);
            return false;
        }
        const std::vector<int64_t> indices(order.begin() + static_cast<std::ptrdiff_t>(start),
                                           order.begin() + static_cast<std::ptrdiff_t>(std::min(order.size(), start + batchSize)));
        const Batch batch = makeBatch(m_data, indices);
        m_optimizer->zero_grad();
        const StepLoss step = m_parallelStep->run(batch, head);
        const double lossValue = step.loss;
        if (!std::isfinite(lossValue)) {
            result.status = TrainingStatus::Diverged;
            result.message = QStringLiteral("Training stopped: the loss became %1 at epoch %2, step %3. Lower the learning rate "
                                            "(now %4) or set a gradient clip; the last checkpoint holds epoch %5.")
                                 .arg(std::isnan(lossValue) ? QStringLiteral("NaN") : QStringLiteral("infinite"))
                                 .arg(epoch)
                                 .arg(m_step + 1)
                                 .arg(training.learningRate)
                                 .arg(m_state.epochsCompleted);
            return false;
        }
        if (training.gradientClip > 0.0)
            torch::nn::utils::clip_grad_norm_(m_model->parameters(), training.gradientClip);
        m_optimizer->step();
        ++m_step;

        lossSum += lossValue * static_cast<double>(indices.size());
        metricSum += step.metricSum;
        seen += static_cast<int64_t>(indices.size());
        metrics.trainLoss = lossSum / static_cast<double>(seen);
        metrics.trainMetric = metricSum / static_cast<double>(seen);
        if (m_progress) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            TrainingProgress progress;
            progress.epoch = epoch;
            progress.epochs = training.epochs;
            progress.step = m_step;
            progress.stepsPerEpoch = stepsPerEpoch;
            progress.trainLoss = metrics.trainLoss;
            progress.trainMetric = metrics.trainMetric;
            progress.samplesPerSecond = seconds > 0.0 ? static_cast<double>(seen) / seconds : 0.0;
            m_progress(progress);
        }
    }
    return true;
}

} // namespace studio
