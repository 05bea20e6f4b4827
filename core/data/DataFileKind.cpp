#include "data/DataFileKind.h"

#include "common/StudioError.h"
#include "data/InputSeries.h"

#include <QFileInfo>

namespace studio {
namespace {

// Enough rows to see a column's kind; a series file can be gigabytes.
constexpr int64_t kSniffRows = 200;

} // namespace

DataFileKind sniffDataFile(const QString& path, const std::atomic<bool>* cancel)
{
    if (QFileInfo(path).isDir())
        return DataFileKind::Text;  // a folder per class
    try {
        ImportControl control;
        control.cancel = cancel;
        const InputSeries head = readInputSeries(path, control, kSniffRows);
        return head.leftOut.isEmpty() ? DataFileKind::Series : DataFileKind::Text;
    } catch (const StudioError&) {
        return DataFileKind::Text;
    }
}

} // namespace studio
