#pragma once

// What a training run in the window is (TrainingSetup) and how it ended (TrainingOutcome): plain
// values that cross from the GUI thread to the training worker and back. No torch here. The setup
// is also saved beside the run's model file (TrainingRunFolder), so a run interrupted by a crash
// can be rebuilt and resumed exactly.

#include "common/TrainingStatus.h"
#include "data/BuiltinTasks.h"
#include "data/ForecastDataset.h"
#include "model/ModelConfig.h"
#include "train/TrainingConfig.h"

#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace studio {

struct TrainingSetup {
    QString task = QStringLiteral("keyword");  // a built-in task, used when dataFile is empty
    TaskOptions taskOptions;
    QString dataFile;         // text to classify: CSV, TSV, JSON, JSONL or a folder per class; or,
                              // when forecast.targetColumn is set, a series CSV to forecast
    ForecastSpec forecast;    // series: target, inputs, window and horizon (fractions: from training)
    QStringList classNames;   // text: names for labels written as codes, in class order (TextDatasetOptions)
    ModelConfig model;        // input, vocabulary and head are fitted to the data; the rest as given
    TrainingConfig training;
    // Written after every epoch. Empty (the window): a new run folder under the runs folder, with
    // the model file and this setup in it (TrainingRunFolder.h).
    QString checkpointPath;
    int probeCount = 4;       // validation examples whose attention is recorded
    int probeEverySteps = 0;  // also record every N steps; 0: at epoch ends only

    bool isForecast() const { return !dataFile.isEmpty() && !forecast.targetColumn.isEmpty(); }
    // The data's short name: the task, or the data file's name without its extension.
    QString dataName() const;

    // Everything above but checkpointPath (a run folder knows where its model is).
    QJsonObject toJson() const;
    // Throws StudioError naming the field that is missing or wrong.
    static TrainingSetup fromJson(const QJsonObject& json);
};

// How a run ended and where it left its model.
struct TrainingOutcome {
    TrainingStatus status = TrainingStatus::Failed;
    QString message;        // one sentence for the person who started it
    QString modelPath;      // the model after its last finished epoch; empty when no epoch finished
    QString runFolder;      // the run's folder; empty for a run given an explicit checkpointPath
    TrainingSetup setup;    // the configuration the run trained with, whatever the panel shows now
    int epochsCompleted = 0;

    bool succeeded() const { return studio::succeeded(status); }
};

} // namespace studio

Q_DECLARE_METATYPE(studio::TrainingSetup)
Q_DECLARE_METATYPE(studio::TrainingOutcome)
