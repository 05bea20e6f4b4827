#pragma once

#include "common/StudioError.h"

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <functional>

namespace studio {

// What an untrusted file may make an importer hold in memory. Hitting a limit is a StudioError
// naming the file, the line (or record) and the limit, raised as soon as the limit is passed: a
// reader never reads the rest of a huge file to report it. docs/RELIABILITY.md lists the values.
struct ImportLimits {
    qint64 maxLineBytes = qint64(64) << 20;        // one line of text (a CSV record may span lines)
    qint64 maxFieldBytes = qint64(16) << 20;       // one CSV field, quoted line breaks included
    qint64 maxFields = qint64(1) << 20;            // fields in one record, values on one UCR line
    qint64 maxRows = 100'000'000;                  // records (rows, texts, sequences) in one file
    qint64 maxJsonArrayBytes = qint64(512) << 20;  // a JSON array file, which is parsed as a whole
};

// What a long import reports and obeys. Every member is optional. The progress callback runs on
// the importing thread, at most every kProgressEveryBytes; the GUI forwards it by queued signal.
struct ImportControl {
    std::function<void(qint64 bytesDone, qint64 bytesTotal)> progress;
    const std::atomic<bool>* cancel = nullptr;
    ImportLimits limits;

    static constexpr qint64 kProgressEveryBytes = 1 << 20;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

// "16 MiB" for messages about a limit in bytes.
QString describeBytes(qint64 bytes);

// Thrown by an importer that saw ImportControl::cancel set; nothing has been changed by then.
class ImportCancelled : public StudioError {
public:
    using StudioError::StudioError;
};

} // namespace studio
