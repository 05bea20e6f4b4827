#pragma once

// A run started in the window keeps its files in a folder of its own under the runs folder
// (defaultRunsFolder(): the app's data location, shown in the training panel), named after its data,
// attention variant and number, e.g. "sunspots-additive-3":
//   run.json               what the run is (its TrainingSetup), whether it is running or how it
//                          ended, and the epochs finished; replaced whole (QSaveFile) on each change
//   sunspots-additive-3.asmodel  the model file, rewritten atomically after every epoch (as
//                          `attention-cli train` writes it: saveModelFile); it is also the checkpoint,
//                          optimizer state included
//   run.lock               held (QLockFile) by the process training in the folder
// A record that says "running" whose lock no live process holds is a run interrupted by a crash or
// a kill: findInterruptedRuns lists those, and TrainingJob::continueRun resumes one from its last
// finished epoch. Qt Core only; no torch.

#include "runtime/TrainingSetup.h"

#include <QList>
#include <QLockFile>
#include <QMetaType>
#include <QString>

#include <memory>

namespace studio {

struct TrainingRunRecord {
    QString folder;          // absolute path of the run's folder
    QString name;            // the folder's name, e.g. "keyword-additive-3"
    TrainingSetup setup;
    bool running = true;     // false once the run ended; `status` then says how
    TrainingStatus status = TrainingStatus::Failed;
    QString message;         // how it ended, in one sentence; empty while running
    int epochsCompleted = 0; // as of the last update (the model file may hold one more epoch)
    qint64 updatedMs = 0;    // when the record was last written (ms since the epoch, UTC)

    QString modelPath() const;  // folder/name.asmodel
};

// <app data location>/runs.
QString defaultRunsFolder();

// "keyword-additive": what a run is, for its folder's and model file's names (file-name safe).
QString runBaseName(const TrainingSetup& setup);

// Creates a new empty folder "<base>-<N>" under `runsFolder` (created if need be) with the next
// free N, and returns its path. Two processes starting at once get different folders. Throws
// StudioError naming the folder when it cannot be created.
QString createRunFolder(const QString& runsFolder, const TrainingSetup& setup);

// Writes run.json in the record's folder, whole or not at all. Throws StudioError.
void writeRunRecord(const TrainingRunRecord& record);
// Reads `folder`/run.json. Throws StudioError naming the file and what is wrong with it.
TrainingRunRecord readRunRecord(const QString& folder);

// Takes the run's lock for as long as the returned object lives; throws StudioError when another
// process holds it (that process is training this run now).
std::unique_ptr<QLockFile> lockRun(const QString& folder);

// Runs under `runsFolder` whose record says running but whose lock no live process holds, newest
// first. Folders that are not runs, or whose record cannot be read, are skipped.
QList<TrainingRunRecord> findInterruptedRuns(const QString& runsFolder);

} // namespace studio

Q_DECLARE_METATYPE(studio::TrainingRunRecord)
