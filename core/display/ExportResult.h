#pragma once

// The outcome of writing a file: empty error means it was written. Exports never throw and
// never leave a half-written file behind; the error names the file.

#include <QString>

namespace studio {

struct ExportResult {
    QString error;

    bool ok() const { return error.isEmpty(); }
    static ExportResult success() { return {}; }
    static ExportResult failure(const QString& message) { return {message}; }
};

} // namespace studio
