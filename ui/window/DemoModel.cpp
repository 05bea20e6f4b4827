#include "window/DemoModel.h"

#include "window/FileCopy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace studio {
namespace {

// Two small files with the same bytes (the demo model and its copy in the cache).
bool sameBytes(const QString& a, const QString& b)
{
    QFile first(a);
    QFile second(b);
    if (!first.open(QIODevice::ReadOnly) || !second.open(QIODevice::ReadOnly) || first.size() != second.size())
        return false;
    return first.readAll() == second.readAll();
}

} // namespace

DemoModelFile demoModelFile()
{
    const QString resource = QStringLiteral(":/demo/imdb-demo.asmodel");
    if (!QFile::exists(resource))
        return {QString(), QCoreApplication::translate("studio::MainWindow", "This build has no demo model.")};
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QStringLiteral("imdb-demo.asmodel"));
    if (!sameBytes(resource, path)) {
        const ExportResult copied = copyFileReplacing(resource, path);
        if (!copied.ok())
            return {QString(), copied.error};
    }
    return {path, QString()};
}

} // namespace studio
