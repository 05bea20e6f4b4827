#pragma once

#include "common/StudioError.h"

#include <QtGlobal>

#include <atomic>
#include <functional>

namespace studio {

// What a long import reports and obeys. Both members are optional. The progress callback runs on
// the importing thread, at most every kProgressEveryBytes; the GUI forwards it by queued signal.
struct ImportControl {
    std::function<void(qint64 bytesDone, qint64 bytesTotal)> progress;
    const std::atomic<bool>* cancel = nullptr;

    static constexpr qint64 kProgressEveryBytes = 1 << 20;

    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
};

// Thrown by an importer that saw ImportControl::cancel set; nothing has been changed by then.
class ImportCancelled : public StudioError {
public:
    using StudioError::StudioError;
};

} // namespace studio
