#include "bench/ProcessMemory.h"

#include <QFile>
#include <QList>

namespace studio {

qint64 procStatusBytes(const QByteArray& field)
{
    constexpr qint64 kBytesPerKilobyte = 1024;  // /proc/self/status counts kB of 1024 bytes
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(QByteArray(field + ':'))) {
            const QList<QByteArray> parts = line.mid(field.size() + 1).simplified().split(' ');
            return parts.value(0).toLongLong() * kBytesPerKilobyte;
        }
    }
    return 0;
}

bool resetPeakResident()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    return clearRefs.open(QIODevice::WriteOnly) && clearRefs.write("5") == 1;
}

} // namespace studio
