#include "io/SessionFile.h"

#include "common/EnumNames.h"
#include "common/StudioError.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace studio {
namespace {

const QString kFormatName = QStringLiteral("attention-studio-session");
constexpr int kVersion = 1;
// A session carries its models; past this a file is not one a person hands out (and reading it
// whole would hold it twice in memory).
constexpr qint64 kLargestSession = 1024LL * 1024 * 1024;

constexpr EnumNameTable<SequenceLayout, 3> kLayoutNames{{
    {SequenceLayout::Auto, "auto"},
    {SequenceLayout::BatchFirst, "batch-first"},
    {SequenceLayout::TimeMajor, "time-major"},
}};

QByteArray readWhole(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot read %1 to put it in the session: %2.").arg(path, file.errorString()));
    return file.readAll();
}

// A file and the sidecars beside it that share its name (MODEL.tokenizer.json, MODEL.meta.json).
QJsonArray filesOf(const QString& path)
{
    const QFileInfo model(path);
    if (!model.isFile())
        throw StudioError(QStringLiteral("Cannot save the session: the model file %1 no longer exists.").arg(path));
    QJsonArray files;
    files.append(QJsonObject{{QStringLiteral("name"), model.fileName()},
                             {QStringLiteral("data"), QString::fromLatin1(readWhole(path).toBase64())}});
    const QString prefix = model.completeBaseName() + QLatin1Char('.');
    for (const QFileInfo& sibling : model.dir().entryInfoList(QDir::Files)) {
        if (sibling.fileName() != model.fileName() && sibling.fileName().startsWith(prefix))
            files.append(QJsonObject{{QStringLiteral("name"), sibling.fileName()},
                                     {QStringLiteral("data"), QString::fromLatin1(readWhole(sibling.filePath()).toBase64())}});
    }
    return files;
}

// Writes the files of one entry under `folder`; returns the path of the first (the model itself).
QString extract(const QString& sessionPath, const QString& where, const QJsonArray& files, const QString& folder)
{
    if (files.isEmpty())
        throw StudioError(QStringLiteral("%1: %2 holds no file. The session is damaged: save it again.").arg(sessionPath, where));
    if (!QDir().mkpath(folder))
        throw StudioError(QStringLiteral("Cannot create %1 to open the session's files in it.").arg(folder));
    QString first;
    for (const QJsonValue& value : files) {
        const QJsonObject file = value.toObject();
        const QString name = QFileInfo(file.value(QStringLiteral("name")).toString()).fileName();  // no folders: never outside `folder`
        const QByteArray data = QByteArray::fromBase64(file.value(QStringLiteral("data")).toString().toLatin1(),
                                                       QByteArray::AbortOnBase64DecodingErrors);
        if (name.isEmpty() || name == QLatin1String("..") || (data.isEmpty() && !file.value(QStringLiteral("data")).toString().isEmpty()))
            throw StudioError(QStringLiteral("%1: a file of %2 is damaged (its name or its contents). Save the session again.")
                                  .arg(sessionPath, where));
        QSaveFile out(QDir(folder).filePath(name));
        if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
            throw StudioError(QStringLiteral("Cannot write %1 from the session: %2.").arg(out.fileName(), out.errorString()));
        if (first.isEmpty())
            first = out.fileName();
    }
    return first;
}

} // namespace

void writeSessionFile(const QString& path, const SavedSession& session)
{
    QJsonArray models;
    for (const SessionModel& model : session.models)
        models.append(QJsonObject{{QStringLiteral("files"), filesOf(model.path)},
                                  {QStringLiteral("candidate"), model.candidate},
                                  {QStringLiteral("layout"), enumName(kLayoutNames, model.layout)},
                                  {QStringLiteral("formula"), model.formula}});
    QJsonObject input{{QStringLiteral("text"), session.text}, {QStringLiteral("readSteps"), session.readSteps}};
    if (!session.seriesPath.isEmpty())
        input.insert(QStringLiteral("series"), QJsonArray{QJsonObject{
                                                   {QStringLiteral("name"), QFileInfo(session.seriesPath).fileName()},
                                                   {QStringLiteral("data"), QString::fromLatin1(readWhole(session.seriesPath).toBase64())}}});
    const QJsonObject json{
        {QStringLiteral("format"), kFormatName},
        {QStringLiteral("version"), kVersion},
        {QStringLiteral("models"), models},
        {QStringLiteral("input"), input},
        {QStringLiteral("step"), session.step},
        {QStringLiteral("colours"),
         QJsonObject{{QStringLiteral("colormap"), session.colormap},
                     {QStringLiteral("automatic"), session.automaticRange},
                     {QStringLiteral("lower"), session.rangeLower},
                     {QStringLiteral("upper"), session.rangeUpper}}},
        {QStringLiteral("inside"), QJsonObject{{QStringLiteral("open"), session.insideOpen}, {QStringLiteral("model"), session.insideModel}}},
        {QStringLiteral("lesson"), session.lesson},
        {QStringLiteral("windowState"), QString::fromLatin1(session.windowState.toBase64())},
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        throw StudioError(QStringLiteral("Cannot write the session %1: %2. Choose a folder you can write to.").arg(path, file.errorString()));
    const QByteArray bytes = QJsonDocument(json).toJson(QJsonDocument::Compact);
    if (file.write(bytes) != bytes.size() || !file.commit())
        throw StudioError(QStringLiteral("Cannot write the session %1: %2. The file that was there is unchanged.").arg(path, file.errorString()));
}

SavedSession readSessionFile(const QString& path, const QString& extractFolder)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot open the session %1: %2.").arg(path, file.errorString()));
    if (file.size() > kLargestSession)
        throw StudioError(QStringLiteral("%1 is %2 MB, larger than a session can be (1 GB): it is not a session file.")
                              .arg(path)
                              .arg(file.size() / (1024 * 1024)));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        throw StudioError(QStringLiteral("%1 is not a session file (not JSON: %2 at byte %3).").arg(path, error.errorString()).arg(error.offset));
    const QJsonObject json = document.object();
    if (json.value(QStringLiteral("format")).toString() != kFormatName)
        throw StudioError(QStringLiteral("%1 is JSON but not an Attention Studio session (its \"format\" is not \"%2\").").arg(path, kFormatName));
    const int version = json.value(QStringLiteral("version")).toInt(0);
    if (version < 1 || version > kVersion)
        throw StudioError(QStringLiteral("%1 is a session of version %2; this Attention Studio reads version %3: update it to open "
                                         "the file.")
                              .arg(path)
                              .arg(version)
                              .arg(kVersion));
    // One folder per opening, named by the file's contents: opening the same session twice reuses it.
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QJsonDocument(json).toJson(QJsonDocument::Compact));
    const QString folder = QDir(extractFolder).filePath(QString::fromLatin1(hash.result().toHex().left(16)));

    SavedSession session;
    const QJsonArray models = json.value(QStringLiteral("models")).toArray();
    for (int i = 0; i < models.size(); ++i) {
        const QJsonObject model = models.at(i).toObject();
        SessionModel entry;
        entry.path = extract(path, QStringLiteral("model %1").arg(i + 1), model.value(QStringLiteral("files")).toArray(),
                             QDir(folder).filePath(QStringLiteral("model-%1").arg(i + 1)));
        entry.candidate = model.value(QStringLiteral("candidate")).toInt(-1);
        parseEnumName(kLayoutNames, model.value(QStringLiteral("layout")).toString(), &entry.layout);  // unknown: Auto
        entry.formula = model.value(QStringLiteral("formula")).toString();
        session.models.push_back(entry);
    }
    const QJsonObject input = json.value(QStringLiteral("input")).toObject();
    session.text = input.value(QStringLiteral("text")).toString();
    session.readSteps = std::max(0, input.value(QStringLiteral("readSteps")).toInt(0));
    const QJsonArray series = input.value(QStringLiteral("series")).toArray();
    if (!series.isEmpty())
        session.seriesPath = extract(path, QStringLiteral("the series input"), series, QDir(folder).filePath(QStringLiteral("input")));
    session.step = std::max(0, json.value(QStringLiteral("step")).toInt(0));
    const QJsonObject colours = json.value(QStringLiteral("colours")).toObject();
    session.colormap = colours.value(QStringLiteral("colormap")).toString();
    session.automaticRange = colours.value(QStringLiteral("automatic")).toBool(true);
    session.rangeLower = colours.value(QStringLiteral("lower")).toDouble(0.0);
    session.rangeUpper = colours.value(QStringLiteral("upper")).toDouble(1.0);
    const QJsonObject inside = json.value(QStringLiteral("inside")).toObject();
    session.insideOpen = inside.value(QStringLiteral("open")).toBool(false);
    session.insideModel = std::max(0, inside.value(QStringLiteral("model")).toInt(0));
    session.lesson = json.value(QStringLiteral("lesson")).toString();
    session.windowState = QByteArray::fromBase64(json.value(QStringLiteral("windowState")).toString().toLatin1());
    return session;
}

} // namespace studio
