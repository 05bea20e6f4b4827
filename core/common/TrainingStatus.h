#pragma once

// How a training run ended, as one enum from the training loop to the window and the CLI.
// Qt Core only: ui/ sees it through ValueTypes.h. The names are what run files and `--format json`
// write; parse them back with parseTrainingStatus, never by comparing text elsewhere.

#include <QString>

namespace studio {

enum class TrainingStatus {
    Completed,     // every planned epoch ran
    EarlyStopped,  // the validation loss stopped improving (TrainingConfig::earlyStoppingPatience)
    Cancelled,     // stopped on request
    Diverged,      // the loss stopped being finite
    Failed,        // the run could not start or go on (its data or model could not be built); the loop never ends so
};

// The run produced a model worth using.
inline bool succeeded(TrainingStatus status)
{
    return status == TrainingStatus::Completed || status == TrainingStatus::EarlyStopped;
}

inline QString toString(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Completed: return QStringLiteral("completed");
    case TrainingStatus::EarlyStopped: return QStringLiteral("early-stopped");
    case TrainingStatus::Cancelled: return QStringLiteral("cancelled");
    case TrainingStatus::Diverged: return QStringLiteral("diverged");
    case TrainingStatus::Failed: break;
    }
    return QStringLiteral("failed");
}

// False (and `out` left alone) for a name toString never gives.
inline bool parseTrainingStatus(const QString& name, TrainingStatus* out)
{
    for (TrainingStatus status : {TrainingStatus::Completed, TrainingStatus::EarlyStopped, TrainingStatus::Cancelled,
                                  TrainingStatus::Diverged, TrainingStatus::Failed})
        if (toString(status) == name) {
            *out = status;
            return true;
        }
    return false;
}

} // namespace studio
