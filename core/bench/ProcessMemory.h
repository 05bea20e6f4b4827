#pragma once

// Resident memory of this process, from /proc/self (Linux): what the import and open benchmarks
// report. Both return 0 / false where /proc is not available.

#include <QByteArray>
#include <QtGlobal>

namespace studio {

// A field of /proc/self/status in bytes ("VmHWM:   123 kB" -> 125952); 0 when unavailable.
qint64 procStatusBytes(const QByteArray& field);

// Resets VmHWM (the peak resident set) to the current resident set: Linux does so when "5" is
// written to /proc/self/clear_refs. False when the kernel does not allow it.
bool resetPeakResident();

} // namespace studio
