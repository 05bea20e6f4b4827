#pragma once

// `train --data FILE`: the options that say how to read a data file (text, a time series to
// forecast, or UCR/UEA sequences) and the datasets they make.

#include "LabelledTextOptions.h"

#include "data/Dataset.h"
#include "train/ModelFile.h"
#include "train/TrainingConfig.h"

#include <QCommandLineParser>
#include <QStringList>

namespace studio::cli {

void addDataOptions(QCommandLineParser& parser);
bool usesDataFile(const QCommandLineParser& parser);

struct TrainingData {
    Dataset data;
    QStringList notes;  // what the import did that the user should know (interpolation, skipped records)
};

// A new run: imports --data and fits what preprocessing learns (vocabulary, normalization) on the
// part of the data `training`'s split will train on. Throws StudioError / UsageError.
TrainingData loadTrainingData(const QCommandLineParser& parser, const TrainingConfig& training);

// A resumed run: imports --data again and prepares it exactly as the saved run did (its
// vocabulary, classes, normalization and windows).
TrainingData reloadTrainingData(const QCommandLineParser& parser, const RunState& saved);

} // namespace studio::cli
