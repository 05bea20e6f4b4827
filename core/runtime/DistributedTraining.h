#pragma once

// Training the window's setup on several processes or machines: examples/pytorch/train_ddp.py
// started by torchrun (PyTorch's DistributedDataParallel; gloo on CPUs, NCCL on GPUs). The window
// writes the setup where the script reads it and shows the command; the run folder the script
// writes (run.json, metrics.jsonl, checkpoints/) is watched like any other (RunWatcher).

#include "runtime/TrainingSetup.h"

#include <QString>
#include <QStringList>

namespace studio {

struct DistributedPlan {
    int processesPerMachine = 2;
    int machines = 1;
    // HOST:PORT where the machines meet (machine 0's address); only with machines > 1.
    QString rendezvous = QStringLiteral("localhost:29500");
    QString runFolder;  // train_ddp.py --out
    QString script;     // train_ddp.py (distributedTrainingScript())
};

// Why train_ddp.py cannot train `setup`, in one sentence naming the setting; empty when it can.
// It trains token classification with Adam: the keyword task or a text,label CSV.
QString distributedLimitation(const TrainingSetup& setup);

// The setup file the plan's command reads: <runFolder>/setup.json.
QString distributedSetupPath(const DistributedPlan& plan);

// Creates the run folder and writes `setup` to distributedSetupPath(plan), whole or not at all;
// throws StudioError naming the path.
void writeDistributedSetup(const DistributedPlan& plan, const TrainingSetup& setup);

// The torchrun command, one word per element (program first); every machine runs the same one.
QStringList torchrunArguments(const DistributedPlan& plan);
// The same, as one line for a POSIX shell (words with spaces or quotes single-quoted).
QString shellCommand(const QStringList& words);

// train_ddp.py as installed beside the program (share/attention-studio/pytorch), else the one in
// the source tree the program was built from; empty when neither exists.
QString distributedTrainingScript();

} // namespace studio
