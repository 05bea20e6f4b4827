// attention-cli watch: the metrics and checkpoints of a run folder (examples/pytorch/train_ddp.py),
// once or following it as it grows.

#include "Commands.h"

#include "runs/RunFolder.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QThread>

namespace studio::cli {
namespace {

const QString kRun = QStringLiteral("run");
const QString kFollow = QStringLiteral("follow");
const QString kTimeout = QStringLiteral("timeout");
constexpr int kPollIntervalMs = 200;  // a person sees a new step within a fifth of a second

QString recordLine(const MetricRecord& record)
{
    QString line = record.epochEnd ? QStringLiteral("end of epoch %1, step %2:").arg(record.epoch).arg(record.step)
                                   : QStringLiteral("step %1 (epoch %2):").arg(record.step).arg(record.epoch);
    for (const auto& [name, value] : record.values)
        line += QStringLiteral("  %1 %2").arg(name, QString::number(value, 'g', 5));
    return line;
}

QJsonObject recordJson(const MetricRecord& record)
{
    QJsonObject values;
    for (const auto& [name, value] : record.values)
        values.insert(name, value);
    QJsonObject json{{QStringLiteral("epoch"), record.epoch}, {QStringLiteral("values"), values}};
    if (record.step >= 0)
        json.insert(QStringLiteral("step"), static_cast<qint64>(record.step));
    if (record.epochEnd)
        json.insert(QStringLiteral("epoch_end"), true);
    return json;
}

} // namespace

int runWatch(const CommandLine& line)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Show the metrics and checkpoints of a run folder written by examples/pytorch/train_ddp.py\n"
                       "(run.json, metrics.jsonl or metrics.csv, checkpoints/*.pt). With --follow, keep reading as the\n"
                       "run appends, until run.json says it finished or --timeout seconds pass.\n"
                       "JSON: {folder, status, records: [{step, epoch, epoch_end, values}], checkpoints, warnings}."));
    parser.addOption({kRun, QStringLiteral("The run folder (required)."), QStringLiteral("folder")});
    parser.addOption({kFollow, QStringLiteral("Keep reading as the run grows, until it finishes.")});
    parser.addOption({kTimeout, QStringLiteral("With --follow: stop after this many seconds (default: no limit)."),
                      QStringLiteral("s")});
    addFormatOption(parser);
    if (!parseCommandLine(parser, line, QStringLiteral("watch --run FOLDER [--follow] [--timeout S] [--format json]")))
        return kExitOk;
    const OutputFormat format = outputFormat(parser);
    const bool follow = parser.isSet(kFollow);
    const int timeoutSeconds = intOption(parser, kTimeout, 0, 0);

    RunFolderReader reader(requiredOption(parser, kRun));
    QJsonArray records;
    QStringList warnings;
    QElapsedTimer clock;
    clock.start();
    while (true) {
        const RunUpdate update = reader.poll();
        if (update.restarted && format == OutputFormat::Human)
            printOut(QStringLiteral("The metrics file was replaced: the run started over."));
        if (update.restarted)
            records = QJsonArray();
        for (const MetricRecord& record : update.records) {
            if (format == OutputFormat::Human)
                printOut(recordLine(record));
            else
                records.append(recordJson(record));
        }
        for (const QString& checkpoint : update.newCheckpoints)
            if (format == OutputFormat::Human)
                printOut(QStringLiteral("checkpoint: %1").arg(checkpoint));
        for (const QString& warning : update.warnings) {
            warnings << warning;
            printWarning(warning);
        }
        const bool finished = reader.info() && reader.info()->finished();
        const bool timedOut = timeoutSeconds > 0 && clock.elapsed() >= qint64(timeoutSeconds) * 1000;
        // After "finished", one more poll has already read everything written before it.
        if (!follow || finished || timedOut) {
            if (follow && timedOut && !finished && format == OutputFormat::Human)
                printOut(QStringLiteral("Stopped watching after %1 s; the run goes on.").arg(timeoutSeconds));
            break;
        }
        QThread::msleep(kPollIntervalMs);
    }

    if (format == OutputFormat::Json) {
        printJson(QJsonObject{
            {QStringLiteral("folder"), reader.path()},
            {QStringLiteral("status"), reader.info() ? reader.info()->status : QString()},
            {QStringLiteral("records"), records},
            {QStringLiteral("checkpoints"), QJsonArray::fromStringList(reader.checkpoints())},
            {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)},
        });
    } else if (reader.metricsFile().isEmpty()) {
        printOut(QStringLiteral("No metrics yet in %1.").arg(reader.path()));
    }
    return kExitOk;
}

} // namespace studio::cli
