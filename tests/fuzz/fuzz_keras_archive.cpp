// readKerasFile (core/external/keras/KerasArchive, Hdf5File, ZipEntries): legacy .h5, weights-only
// .h5 and .keras zips, then the layer graph of the config they hold. Limits are lowered so that
// what they allow stays within the fuzzer's memory budget (each limit is still hit by inputs).

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "external/keras/KerasArchive.h"
#include "external/keras/KerasGraph.h"

using namespace studio;
using namespace studio::keras;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = fuzz::writeInput(QStringLiteral("model.keras"),
                                          QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    KerasReadLimits limits;
    limits.maxUnpackedBytes = int64_t(64) << 20;
    limits.maxWeightValues = int64_t(16) << 20;
    limits.maxConfigBytes = int64_t(16) << 20;
    try {
        const KerasArchive archive = readKerasFile(path, {}, limits);
        parseKerasGraph(archive.modelConfig, path);
    } catch (const StudioError&) {
    }
    return 0;
}
