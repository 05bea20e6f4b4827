#include "window/FileCopy.h"

#include <QFile>
#include <QSaveFile>

namespace studio {

ExportResult copyFileReplacing(const QString& source, const QString& target)
{
    constexpr qint64 kChunk = 1 << 20;  // model files reach tens of MB; never all in memory at once
    QFile in(source);
    if (!in.open(QIODevice::ReadOnly))
        return ExportResult::failure(QObject::tr("Cannot read %1: %2.").arg(source, in.errorString()));
    QSaveFile out(target);
    if (!out.open(QIODevice::WriteOnly))
        return ExportResult::failure(
            QObject::tr("Cannot write %1: %2. Check that the folder exists and is writable.").arg(target, out.errorString()));
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(kChunk);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError)
            return ExportResult::failure(QObject::tr("Cannot read %1: %2.").arg(source, in.errorString()));  // `out` is discarded
        if (out.write(chunk) != chunk.size())
            return ExportResult::failure(QObject::tr("Cannot write %1: %2.").arg(target, out.errorString()));
    }
    if (!out.commit())
        return ExportResult::failure(QObject::tr("Cannot write %1: %2.").arg(target, out.errorString()));
    return ExportResult::success();
}

} // namespace studio
