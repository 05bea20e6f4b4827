#pragma once

// The app's model file, which is also its training checkpoint: weights, optimizer state,
// configurations, vocabulary, class labels and metric history in one torch archive (a zip).
// `attention-cli train` writes it, `infer` and `evaluate` read it, training resumes from it.

#include "common/StudioError.h"
#include "common/ValueTypes.h"
#include "data/Vocabulary.h"
#include "model/AttentionModel.h"
#include "train/TrainingConfig.h"

#include <torch/optim/optimizer.h>
#include <torch/serialize/input-archive.h>

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace studio {

struct RunState {
    ModelConfig model;
    TrainingConfig training;
    Vocabulary vocabulary;
    QStringList labels;
    QString dataName;
    QJsonObject preprocessing;  // Dataset::preprocessing of the training data
    int epochsCompleted = 0;
    std::vector<EpochMetrics> history;
};

struct LoadedModelFile {
    RunState state;
    AttentionModel model{nullptr};
    // The optimizer's saved state; null in a file saved without one.
    std::shared_ptr<torch::serialize::InputArchive> optimizerState;
};

// One history entry as JSON; NaN metrics (no validation split) are left out, as JSON has no NaN.
QJsonObject epochMetricsToJson(const EpochMetrics& metrics);
EpochMetrics epochMetricsFromJson(const QJsonObject& json);

// Writes atomically: the file appears complete or not at all, and an earlier file at `path`
// survives a failure or crash mid-save. Throws StudioError when the file cannot be written.
void saveModelFile(const QString& path, const RunState& state, AttentionModel& model,
                   torch::optim::Optimizer* optimizer);

// Thrown by loadModelFile for a file that is not an Attention Studio model file at all (not a
// torch archive, or a torch archive without our description): callers may try it as TorchScript.
class NotStudioModelFile : public StudioError {
public:
    using StudioError::StudioError;
};

// Throws StudioError with a sentence naming the file and the problem (missing, not a model file,
// corrupt, from an unknown format version).
LoadedModelFile loadModelFile(const QString& path);

} // namespace studio
