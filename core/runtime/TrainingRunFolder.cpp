#include "runtime/TrainingRunFolder.h"

#include "common/StudioError.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace studio {
namespace {

const QString kRecordFile = QStringLiteral("run.json");
const QString kLockFile = QStringLiteral("run.lock");
const QString kFormat = QStringLiteral("attention-studio-window-run");
const QString kRunning = QStringLiteral("running");
constexpr qint64 kLargestRecord = 1 << 20;  // a run.json is a few kB; anything bigger is not one

QString safeName(const QString& text)
{
    QString name = text.toLower();
    name.replace(QRegularExpression(QStringLiteral("[^a-z0-9_.]+")), QStringLiteral("-"));
    name = name.mid(0, 40);
    while (name.startsWith(QLatin1Char('-')) || name.startsWith(QLatin1Char('.')))
        name.remove(0, 1);
    while (name.endsWith(QLatin1Char('-')))
        name.chop(1);
    return name.isEmpty() ? QStringLiteral("run") : name;
}

QJsonObject recordToJson(const TrainingRunRecord& record)
{
    QJsonObject json{
        {QStringLiteral("format"), kFormat},
        {QStringLiteral("name"), record.name},
        {QStringLiteral("status"), record.running ? kRunning : toString(record.status)},
        {QStringLiteral("epochsCompleted"), record.epochsCompleted},
        {QStringLiteral("epochs"), record.setup.training.epochs},
        {QStringLiteral("model"), QFileInfo(record.modelPath()).fileName()},
        {QStringLiteral("updated"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("setup"), record.setup.toJson()},
    };
    if (!record.message.isEmpty())
        json.insert(QStringLiteral("message"), record.message);
    return json;
}

// A lock whose owner died is stale at once; age alone never makes it stale (a run takes hours).
std::unique_ptr<QLockFile> runLock(const QString& folder)
{
    auto lock = std::make_unique<QLockFile>(QDir(folder).filePath(kLockFile));
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

QString TrainingRunRecord::modelPath() const
{
    return QDir(folder).filePath(name + QStringLiteral(".asmodel"));
}

QString defaultRunsFolder()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("runs"));
}

QString runBaseName(const TrainingSetup& setup)
{
    return safeName(setup.dataName()) + QLatin1Char('-') + toString(setup.model.attention);
}

QString createRunFolder(const QString& runsFolder, const TrainingSetup& setup)
{
    QDir root(runsFolder);
    if (!root.mkpath(QStringLiteral(".")))
        throw StudioError(QStringLiteral("Cannot create the runs folder %1: check that it is writable.").arg(runsFolder));
    const QString base = runBaseName(setup);
    int highest = 0;
    const QRegularExpression numbered(QStringLiteral("^") + QRegularExpression::escape(base) + QStringLiteral("-(\\d+)$"));
    for (const QString& name : root.entryList({base + QStringLiteral("-*")}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QRegularExpressionMatch match = numbered.match(name);
        if (match.hasMatch())
            highest = std::max(highest, match.captured(1).toInt());
    }
    // mkdir fails when the name was taken in between (another window): try the next number.
    for (int number = highest + 1; number < highest + 1000; ++number) {
        const QString name = QStringLiteral("%1-%2").arg(base).arg(number);
        if (root.mkdir(name))
            return root.filePath(name);
    }
    throw StudioError(QStringLiteral("Cannot create a run folder in %1: check that it is writable.").arg(runsFolder));
}

void writeRunRecord(const TrainingRunRecord& record)
{
    QSaveFile file(QDir(record.folder).filePath(kRecordFile));
    const QByteArray bytes = QJsonDocument(recordToJson(record)).toJson(QJsonDocument::Indented);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        throw StudioError(QStringLiteral("Cannot write %1: %2.").arg(file.fileName(), file.errorString()));
}

TrainingRunRecord readRunRecord(const QString& folder)
{
    const QString path = QDir(folder).filePath(kRecordFile);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("%1 cannot be read: %2.").arg(path, file.errorString()));
    if (file.size() > kLargestRecord)
        throw StudioError(QStringLiteral("%1 is %2 bytes, too large for a run record.").arg(path).arg(file.size()));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (!document.isObject())
        throw StudioError(QStringLiteral("%1 is not a JSON object (%2).").arg(path, error.errorString()));
    const QJsonObject json = document.object();
    if (json.value(QStringLiteral("format")).toString() != kFormat)
        throw StudioError(QStringLiteral("%1 is not a record of a run trained in the window.").arg(path));
    TrainingRunRecord record;
    record.folder = QFileInfo(folder).absoluteFilePath();
    record.name = QFileInfo(record.folder).fileName();
    try {
        record.setup = TrainingSetup::fromJson(json.value(QStringLiteral("setup")).toObject());
    } catch (const StudioError& problem) {
        throw StudioError(QStringLiteral("%1: %2").arg(path, problem.message()));
    }
    const QString status = json.value(QStringLiteral("status")).toString();
    record.running = status == kRunning;
    if (!record.running && !parseTrainingStatus(status, &record.status))
        throw StudioError(QStringLiteral("%1: the status \"%2\" is unknown.").arg(path, status));
    record.message = json.value(QStringLiteral("message")).toString();
    record.epochsCompleted = json.value(QStringLiteral("epochsCompleted")).toInt();
    record.updatedMs = QDateTime::fromString(json.value(QStringLiteral("updated")).toString(), Qt::ISODateWithMs)
                           .toMSecsSinceEpoch();
    return record;
}

std::unique_ptr<QLockFile> lockRun(const QString& folder)
{
    std::unique_ptr<QLockFile> lock = runLock(folder);
    if (!lock->tryLock(0)) {
        qint64 pid = 0;
        QString host, application;
        lock->getLockInfo(&pid, &host, &application);
        throw StudioError(QStringLiteral("The run in %1 is being trained by another process (%2, pid %3).")
                              .arg(folder, application.isEmpty() ? QStringLiteral("unknown") : application)
                              .arg(pid));
    }
    return lock;
}

QList<TrainingRunRecord> findInterruptedRuns(const QString& runsFolder)
{
    QList<TrainingRunRecord> interrupted;
    const QDir root(runsFolder);
    for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString folder = root.filePath(name);
        if (!QFileInfo::exists(QDir(folder).filePath(kRecordFile)))
            continue;
        TrainingRunRecord record;
        try {
            record = readRunRecord(folder);
        } catch (const StudioError&) {
            continue;  // not one of ours, or damaged: not something to resume
        }
        if (!record.running)
            continue;
        // Free to take: whoever was training it is gone. Released at once; the resumer takes it again.
        std::unique_ptr<QLockFile> lock = runLock(folder);
        if (!lock->tryLock(0))
            continue;  // a live process is training it
        lock->unlock();
        interrupted << record;
    }
    std::sort(interrupted.begin(), interrupted.end(),
              [](const TrainingRunRecord& a, const TrainingRunRecord& b) { return a.updatedMs > b.updatedMs; });
    return interrupted;
}

} // namespace studio
