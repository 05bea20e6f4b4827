#include "runtime/DistributedTraining.h"

#include "common/StudioError.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace studio {

// In the window's language (the window installs the translation; the command line stays English).
QString distributedLimitation(const TrainingSetup& setup)
{
    if (setup.isForecast())
        return QCoreApplication::translate("studio", "train_ddp.py trains token classification; this setup forecasts the series column \"%1\".")
            .arg(setup.forecast.targetColumn);
    if (setup.dataFile.isEmpty() && setup.task != QLatin1String("keyword"))
        return QCoreApplication::translate("studio", "train_ddp.py makes the keyword task only (or reads a text,label CSV); this setup's task is \"%1\".")
            .arg(setup.task);
    if (!setup.dataFile.isEmpty() && !setup.dataFile.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return QCoreApplication::translate("studio", "train_ddp.py reads text from a CSV with text and label columns; this setup's data is \"%1\".")
            .arg(QFileInfo(setup.dataFile).fileName());
    if (setup.dataFile.isEmpty() && setup.taskOptions.neutralClass)
        return QCoreApplication::translate("studio", "train_ddp.py makes the keyword task with two classes; this setup adds a neutral third.");
    if (setup.training.optimizer != OptimizerKind::Adam)
        return QCoreApplication::translate("studio", "train_ddp.py trains with Adam; this setup chose %1.").arg(toString(setup.training.optimizer));
    return {};
}

QString distributedSetupPath(const DistributedPlan& plan) { return QDir(plan.runFolder).filePath(QStringLiteral("setup.json")); }

void writeDistributedSetup(const DistributedPlan& plan, const TrainingSetup& setup)
{
    if (!QDir().mkpath(plan.runFolder))
        throw StudioError(QStringLiteral("Cannot create the run folder %1: check that its parent exists and is writable.")
                              .arg(plan.runFolder));
    QSaveFile file(distributedSetupPath(plan));
    const QByteArray bytes = QJsonDocument(setup.toJson()).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(file.fileName(), file.errorString()));
}

QStringList torchrunArguments(const DistributedPlan& plan)
{
    // --redirects/--tee: torch 1.13's torchrun fails to parse its own defaults without them (README).
    QStringList words{QStringLiteral("torchrun"), QStringLiteral("--redirects"), QStringLiteral("0:1"),
                      QStringLiteral("--tee"), QStringLiteral("0:1")};
    if (plan.machines > 1) {
        // One rendezvous for all machines: the same line on each, no machine numbers to hand out.
        words << QStringLiteral("--nnodes") << QString::number(plan.machines) << QStringLiteral("--rdzv_backend")
              << QStringLiteral("c10d") << QStringLiteral("--rdzv_endpoint") << plan.rendezvous << QStringLiteral("--rdzv_id")
              << QFileInfo(plan.runFolder).fileName();
    } else {
        words << QStringLiteral("--standalone");
    }
    words << QStringLiteral("--nproc_per_node") << QString::number(plan.processesPerMachine) << plan.script
          << QStringLiteral("--setup") << distributedSetupPath(plan) << QStringLiteral("--out") << plan.runFolder;
    return words;
}

QString shellCommand(const QStringList& words)
{
    QStringList quoted;
    for (const QString& word : words) {
        const bool plain = !word.isEmpty() && std::all_of(word.begin(), word.end(), [](QChar c) {
            return c.isLetterOrNumber() || QStringLiteral("-_./:=,@+%").contains(c);
        });
        quoted << (plain ? word : QLatin1Char('\'') + QString(word).replace(QLatin1String("'"), QLatin1String("'\\''")) + QLatin1Char('\''));
    }
    return quoted.join(QLatin1Char(' '));
}

QString distributedTrainingScript()
{
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("../share/attention-studio/pytorch/train_ddp.py"));
    for (const QString& candidate : {installed, QStringLiteral(STUDIO_SOURCE_DIR "/examples/pytorch/train_ddp.py")}) {
        if (QFileInfo::exists(candidate))
            return QFileInfo(candidate).canonicalFilePath();
    }
    return {};
}

} // namespace studio
