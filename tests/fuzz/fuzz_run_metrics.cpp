// RunFolderReader (core/runs/RunFolder): a run folder's metrics lines (metrics.jsonl or
// metrics.csv) read while they grow, and its run.json. The first byte picks the metrics format
// (bit 0: csv), whether the content is also the run.json (bit 1), and where the file is cut
// between two polls (bits 2-7, as a fraction of the content), so lines caught half-written are
// read too; a third poll after the file shrinks reads a restarted run.

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "runs/RunFolder.h"

#include <QDir>

using namespace studio;

namespace {

void writeFile(const QString& path, const QByteArray& bytes, QIODevice::OpenMode mode)
{
    QFile file(path);
    if (!file.open(mode) || file.write(bytes) != bytes.size())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const fuzz::OptionsAndContent input = fuzz::splitOptions(data, size);
    QDir folder(fuzz::scratchFolder().path());
    for (const QString& name : {QStringLiteral("metrics.csv"), QStringLiteral("metrics.jsonl"), QStringLiteral("run.json")})
        folder.remove(name);
    const QString metrics = folder.filePath(input.options & 1 ? QStringLiteral("metrics.csv") : QStringLiteral("metrics.jsonl"));
    if (input.options & 2)
        writeFile(folder.filePath(QStringLiteral("run.json")), input.content, QIODevice::WriteOnly);
    const qsizetype cut = input.content.size() * (input.options >> 2) / 63;
    try {
        RunFolderReader reader(folder.path());
        writeFile(metrics, input.content.left(cut), QIODevice::WriteOnly);
        reader.poll();
        writeFile(metrics, input.content.mid(cut), QIODevice::Append);
        reader.poll();
        if (reader.metricsFile() != metrics)
            std::abort();
        writeFile(metrics, input.content.left(cut / 2), QIODevice::WriteOnly | QIODevice::Truncate);
        reader.poll();
    } catch (const StudioError&) {
    }
    return 0;
}
