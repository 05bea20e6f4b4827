// loadModelFile (core/train/ModelFile): the app's own .asmodel files, which are torch archives;
// a damaged or foreign file must end in a StudioError (NotStudioModelFile included).

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "train/ModelFile.h"

#include <ATen/Parallel.h>

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    static const bool oneThread = [] {
        torch::set_num_threads(1);
        return true;
    }();
    (void)oneThread;
    const QString path = fuzz::writeInput(QStringLiteral("model.asmodel"),
                                          QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    try {
        loadModelFile(path);
    } catch (const StudioError&) {
    }
    return 0;
}
