// ModelMeta::fromJson (core/external/ModelMeta): the meta.json a TorchScript file carries.

#include "common/StudioError.h"
#include "external/ModelMeta.h"

#include <cstdlib>

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    try {
        const ModelMeta meta = ModelMeta::fromJson(json, QStringLiteral("model.pt"));
        if (meta.inputOffset.size() != meta.inputScale.size())
            std::abort();  // one offset and one scale per feature
        for (double scale : meta.inputScale)
            if (!(scale > 0.0))
                std::abort();  // the model divides by it
    } catch (const StudioError&) {
    }
    return 0;
}
