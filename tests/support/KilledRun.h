#pragma once

// A training run killed mid-way, for real: tests/runtime/train_in_run_folder (the window's own
// TrainingJob in a process of its own) trains in a fresh runs folder; once its run record says
// `killAfterEpoch` epochs are saved, the process gets SIGKILL, with no chance to tidy up. Watched
// through the files it writes, never by waiting a fixed time.

#include "runtime/TrainingRunFolder.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QtTest/QtTest>

namespace studio::testing {

struct KilledRun {
    QString folder;            // the run's folder
    int savedEpochs = 0;       // as the run record said when the process was killed (at least killAfterEpoch)
    int lastEpochStarted = 0;  // the highest epoch the process reported any progress in
    int lastEpochEnded = 0;    // the highest epoch it reported finished (reported after its model file was saved)
    QString error;             // empty when it went as planned
};

// The epochs the run record in the only folder under `runsFolder` says are saved; -1 before it exists.
inline int recordedEpochs(const QString& runsFolder, QString* folder)
{
    const QStringList runs = QDir(runsFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (runs.size() != 1)
        return -1;
    *folder = QDir(runsFolder).filePath(runs.front());
    try {
        return readRunRecord(*folder).epochsCompleted;
    } catch (const std::exception&) {
        return -1;  // not written yet
    }
}

inline KilledRun trainAndKill(const QString& helper, const QString& runsFolder, const TrainingSetup& setup,
                              int killAfterEpoch, int timeoutMs)
{
    KilledRun killed;
    // Beside the runs folder, not in it: the runs folder holds only the run.
    const QString setupPath = QDir(QFileInfo(runsFolder).absolutePath()).filePath(QStringLiteral("setup-for-killed-run.json"));
    QFile setupFile(setupPath);
    if (!setupFile.open(QIODevice::WriteOnly) || setupFile.write(QJsonDocument(setup.toJson()).toJson()) < 0) {
        killed.error = QStringLiteral("cannot write ") + setupPath;
        return killed;
    }
    setupFile.close();
    QProcess process;
    process.start(helper, {runsFolder, setupPath});
    if (!process.waitForStarted(timeoutMs)) {
        killed.error = QStringLiteral("the training process did not start: ") + process.errorString();
        return killed;
    }
    QElapsedTimer clock;
    clock.start();
    int saved = -1;
    while ((saved = recordedEpochs(runsFolder, &killed.folder)) < killAfterEpoch) {
        if (process.state() == QProcess::NotRunning || clock.elapsed() > timeoutMs) {
            killed.error = QStringLiteral("the training process ended or stalled before epoch %1 was saved: %2")
                               .arg(killAfterEpoch)
                               .arg(QString::fromLocal8Bit(process.readAllStandardOutput() + process.readAllStandardError()));
            process.kill();
            process.waitForFinished(timeoutMs);
            return killed;
        }
        process.waitForReadyRead(5);  // wakes on output (a step report), which is when the files change
    }
    process.kill();  // SIGKILL
    process.waitForFinished(timeoutMs);  // reaped: its pid no longer holds the run's lock
    killed.savedEpochs = saved;
    static const QRegularExpression kEpoch(QStringLiteral("^epoch (\\d+) step \\d+( end)?$"), QRegularExpression::MultilineOption);
    QRegularExpressionMatchIterator matches = kEpoch.globalMatch(QString::fromLocal8Bit(process.readAllStandardOutput()));
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        const int epoch = match.captured(1).toInt();
        killed.lastEpochStarted = std::max(killed.lastEpochStarted, epoch);
        if (!match.captured(2).isEmpty())
            killed.lastEpochEnded = std::max(killed.lastEpochEnded, epoch);
    }
    if (process.exitStatus() != QProcess::CrashExit)
        killed.error = QStringLiteral("the training process was not killed: it exited with %1").arg(process.exitCode());
    return killed;
}

} // namespace studio::testing
