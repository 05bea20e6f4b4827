#pragma once

#include "data/DataSplit.h"

#include <QJsonObject>
#include <QString>

#include <cstdint>

namespace studio {

enum class OptimizerKind { Adam, Sgd };

constexpr int kMaximumTrainingThreads = 64;

struct TrainingConfig {
    OptimizerKind optimizer = OptimizerKind::Adam;
    double learningRate = 1e-3;
    double momentum = 0.9;  // SGD only
    int batchSize = 32;
    int epochs = 10;
    double validationFraction = 0.2;  // see splitDataset(): seeded shuffle, or chronological for ordered data
    double testFraction = 0.0;        // held out from training and validation, for a final evaluation
    double gradientClip = 0.0;        // maximum global gradient norm; 0 turns clipping off
    int earlyStoppingPatience = 0;    // epochs without a better validation loss; 0 turns it off
    uint64_t seed = 1;                // same seed, data, configuration and threads: the same run, bit for bit
    // Replicas of the model training side by side, one thread each, on shares of every batch
    // (train/DataParallelStep); 0: one per core, as the batch allows (defaultReplicaCount), fixed
    // when the run starts and saved with it.
    int threads = 0;

    QString validate() const;  // empty when valid, else a sentence naming the field
    SplitPlan splitPlan() const { return {validationFraction, testFraction, seed}; }
    QJsonObject toJson() const;
    static TrainingConfig fromJson(const QJsonObject& json);  // throws StudioError
};

QString toString(OptimizerKind kind);
bool parseOptimizerKind(const QString& name, OptimizerKind* out);

} // namespace studio
