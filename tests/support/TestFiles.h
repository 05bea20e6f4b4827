#pragma once

// Files for data tests: written into a temporary folder, fingerprinted to prove an import left
// them unchanged, and the bundled resources.

#include <QCryptographicHash>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

namespace studio::testing {

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

inline QByteArray hashOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A bundled file under resources/data/series.
inline QString seriesFile(const char* name)
{
    return QStringLiteral(STUDIO_RESOURCES_DIR "/data/series/") + QLatin1String(name);
}

} // namespace studio::testing
