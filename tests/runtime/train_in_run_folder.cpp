// Not a test: a training process for the crash tests. It trains one run exactly as the window does
// (a TrainingJob, a new run folder under RUNS_FOLDER, the model file rewritten after every epoch)
// and prints "epoch E step S" as it goes, so a test can kill it with SIGKILL mid-run and check
// what survived. Usage: train_in_run_folder RUNS_FOLDER SETUP_JSON

#include "runtime/TrainingJob.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.size() != 3) {
        std::fprintf(stderr, "usage: train_in_run_folder RUNS_FOLDER SETUP_JSON\n");
        return 2;
    }
    QFile file(arguments.at(2));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(arguments.at(2)));
        return 2;
    }
    const studio::TrainingSetup setup = studio::TrainingSetup::fromJson(QJsonDocument::fromJson(file.readAll()).object());

    studio::TrainingJob job;
    job.setRunsFolder(arguments.at(1));
    QObject::connect(&job, &studio::TrainingJob::progress, [](const studio::TrainingProgress& progress) {
        // Every report: the epoch in progress when the process dies is the last one printed.
        std::printf("epoch %d step %lld%s\n", progress.epoch, static_cast<long long>(progress.step),
                    progress.epochEnd ? " end" : "");
        std::fflush(stdout);
    });
    int exitCode = 1;
    QObject::connect(&job, &studio::TrainingJob::finished, [&exitCode](const studio::TrainingOutcome& outcome) {
        std::printf("%s: %s\n", qPrintable(studio::toString(outcome.status)), qPrintable(outcome.message));
        exitCode = outcome.succeeded() ? 0 : 1;
        QCoreApplication::quit();
    });
    job.start(setup);
    std::printf("run %s\n", qPrintable(job.runName()));
    std::fflush(stdout);
    QCoreApplication::exec();
    return exitCode;
}
