// KerasSidecar (core/external/keras/KerasSidecar): the tokenizer / meta JSON saved beside a Keras
// model, then a text encoded with it.

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "external/keras/KerasSidecar.h"

using namespace studio;
using namespace studio::keras;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString path = fuzz::writeInput(QStringLiteral("model.tokenizer.json"),
                                          QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    try {
        const KerasSidecar sidecar = KerasSidecar::fromFile(path);
        const KerasTokens tokens = sidecar.encode(QStringLiteral("The film was great, not bad at all! 好"), 0);
        if (tokens.tokens.size() != static_cast<qsizetype>(tokens.ids.size()))
            std::abort();  // one token per id
        for (int64_t id : tokens.ids)
            sidecar.wordOf(id);
        sidecar.encode(QStringLiteral("short"), 7);
    } catch (const StudioError&) {
    }
    return 0;
}
