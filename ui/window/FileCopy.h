#pragma once

// Copies a file over another through QSaveFile: the target is replaced only by a complete copy,
// so at every moment there is a whole file at `target` (the old one or the new one), a failed copy
// leaves the old one untouched, and a replaced file keeps its permissions.

#include "display/ExportResult.h"

#include <QString>

namespace studio {

// `source` may be a Qt resource (":/..."). The error names the file that could not be read or written.
ExportResult copyFileReplacing(const QString& source, const QString& target);

} // namespace studio
