// readSeriesTable (core/data/SeriesTable): numeric tables with a time column, then the missing-value
// handling the forecaster applies. The first byte picks the time column (bits 0-1: by its name,
// none, the column "date", the first column by index name), the value columns (bit 2: all, or
// "value") and the missing-value step (bit 3: interpolate, else count and refuse).

#include "FuzzInput.h"

#include "common/StudioError.h"
#include "data/MissingValues.h"
#include "data/SeriesTable.h"

#include <numeric>

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const fuzz::OptionsAndContent input = fuzz::splitOptions(data, size);
    SeriesReadOptions options;
    switch (input.options & 3) {
    case 1: options.noTimeColumn = true; break;
    case 2: options.timeColumn = QStringLiteral("date"); break;
    default: break;
    }
    if (input.options & 4)
        options.columns = {QStringLiteral("value")};
    const QString path = fuzz::writeInput(QStringLiteral("input.csv"), input.content);
    try {
        SeriesTable table = readSeriesTable(path, options);
        if (table.rows() <= 0 || table.columnCount() <= 0)
            std::abort();  // a table without rows is an error, never a result
        for (int64_t row = 0; row < table.rows(); ++row) {
            table.timeLabel(row);
            table.where(row);
        }
        std::vector<int> columns(static_cast<size_t>(table.columnCount()));
        std::iota(columns.begin(), columns.end(), 0);
        if (input.options & 8) {
            QStringList notes;
            interpolateColumns(table, columns, &notes);
        } else {
            countMissing(table, columns);
            refuseMissing(table, columns);
        }
    } catch (const StudioError&) {
    }
    return 0;
}
