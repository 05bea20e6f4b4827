// importUcr (core/data/UcrImport): UCR/UEA classification files. The first byte picks the
// missing-value policy (bits 0-1: refuse, interpolate, drop) and z-normalization (bit 2).

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "data/UcrImport.h"

#include <cmath>

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const fuzz::OptionsAndContent input = fuzz::splitOptions(data, size);
    const MissingPolicy policies[] = {MissingPolicy::Refuse, MissingPolicy::Interpolate, MissingPolicy::Drop,
                                      MissingPolicy::Refuse};
    UcrOptions options;
    options.missing = policies[input.options & 3];
    options.zNormalize = input.options & 4;
    const QString path = fuzz::writeInput(QStringLiteral("input.tsv"), input.content);
    try {
        QStringList notes;
        const Dataset dataset = importUcr(path, options, {}, &notes);
        if (dataset.labels.size() < 2 || dataset.examples.empty())
            std::abort();  // one class or no sequences is an error, never a dataset
        makeUcrInput({1.0, NAN, 3.0}, dataset.preprocessing);
    } catch (const StudioError&) {
    }
    return 0;
}
