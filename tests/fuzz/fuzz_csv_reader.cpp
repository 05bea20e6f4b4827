// CsvReader (core/data/CsvReader): every record of a file in every delimiter and header mode.
// The first byte picks the options: bits 0-1 the delimiter (sniffed, ',', '\t', ';'), bit 2 no
// header, bit 3 the .tsv extension (sniffing by name).

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "data/CsvReader.h"

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const fuzz::OptionsAndContent input = fuzz::splitOptions(data, size);
    CsvOptions options;
    const char delimiters[] = {0, ',', '\t', ';'};
    if (const char delimiter = delimiters[input.options & 3])
        options.delimiter = QLatin1Char(delimiter);
    options.hasHeader = !(input.options & 4);
    const QString path = fuzz::writeInput(input.options & 8 ? QStringLiteral("input.tsv") : QStringLiteral("input.csv"),
                                          input.content);
    try {
        CsvReader reader(path, options);
        if (!reader.header().isEmpty())
            reader.columnIndex(reader.header().back().toUpper());
        QStringList fields;
        while (reader.next(&fields)) {
            if (fields.isEmpty())
                std::abort();  // a record always has at least one field
        }
    } catch (const StudioError&) {
        // A clear error is the expected answer to a bad file.
    }
    return 0;
}
