#pragma once

// Generated tasks whose relevant timesteps are known exactly: for teaching (does the attention
// find the step that decides the label?) and for tests.

#include "data/Dataset.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace studio {

struct TaskOptions {
    int count = 2000;      // examples
    int length = 20;       // steps per example (the maximum when variableLength)
    uint64_t seed = 1;
    bool variableLength = false;  // lengths uniform in [length/2, length], padded in batches
    // keyword and spike: a third class of examples with no keyword / no spike. Without it a binary
    // model can attend to one class's evidence only and read "no such evidence" as the other class;
    // with it, both classes need the deciding step to be found.
    bool neutralClass = false;
};

struct TaskInfo {
    QString name;
    QString description;
    int defaultLength;
    InputKind input;    // what its examples are: tokens (an embedding applies) or series
    bool neutralClass;  // TaskOptions::neutralClass means something for it
};

// The task named `name`; nullptr for an unknown name.
const TaskInfo* findBuiltinTask(const QString& name);

// keyword: tokens; one sentiment keyword at a random position among neutral distractors decides
//          the label (negative, positive; neutral = no keyword, with neutralClass).
// spike:   one series; one spike at a random position in Gaussian noise; the class is its sign
//          (down, up; flat = no spike, with neutralClass).
// adding:  two features (value, marker); regression target = sum of the two marked values
//          (Hochreiter & Schmidhuber's adding problem).
std::vector<TaskInfo> builtinTasks();

// Throws StudioError for an unknown name or bad options.
Dataset makeBuiltinTask(const QString& name, const TaskOptions& options);

Dataset makeKeywordTask(const TaskOptions& options);
Dataset makeSpikeTask(const TaskOptions& options);
Dataset makeAddingTask(const TaskOptions& options);

} // namespace studio
