#include "window/BundledFiles.h"

#include "window/FileCopy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace studio {
namespace {

// Two small files with the same bytes (a bundled file and its copy in the cache).
bool sameBytes(const QString& a, const QString& b)
{
    QFile first(a);
    QFile second(b);
    if (!first.open(QIODevice::ReadOnly) || !second.open(QIODevice::ReadOnly) || first.size() != second.size())
        return false;
    return first.readAll() == second.readAll();
}

} // namespace

BundledFile bundledFile(const QString& resource)
{
    if (!QFile::exists(resource))
        return {QString(), QCoreApplication::translate("studio::MainWindow", "This build has no %1.").arg(QFileInfo(resource).fileName())};
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QFileInfo(resource).fileName());
    if (!sameBytes(resource, path)) {
        const ExportResult copied = copyFileReplacing(resource, path);
        if (!copied.ok())
            return {QString(), copied.error};
    }
    return {path, QString()};
}

BundledFile demoModelFile()
{
    if (!QFile::exists(QStringLiteral(":/demo/imdb-demo.asmodel")))
        return {QString(), QCoreApplication::translate("studio::MainWindow", "This build has no demo model.")};
    return bundledFile(QStringLiteral(":/demo/imdb-demo.asmodel"));
}

} // namespace studio
