// Time parsing (core/data/TimeParsing): the input as one cell of a time column, detected and then
// parsed in every format, and each parsed time written back as a label.

#include "common/StudioError.h"
#include "data/TimeParsing.h"

#include <cmath>
#include <cstdlib>

using namespace studio;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString cell = QString::fromUtf8(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    TimeFormat detected = TimeFormat::None;
    if (detectTimeFormat(cell, &detected)) {
        double time = 0.0;
        if (!parseTime(cell, detected, &time))
            std::abort();  // the detected format must parse the text it was detected from
        formatTime(time, detected);
    }
    for (TimeFormat format : {TimeFormat::None, TimeFormat::Year, TimeFormat::IsoDate, TimeFormat::YearMonth,
                              TimeFormat::CompactDate, TimeFormat::MonthDayYear, TimeFormat::DayMonthYear,
                              TimeFormat::IsoDateTime}) {
        double time = 0.0;
        if (parseTime(cell, format, &time)) {
            if (!std::isfinite(time))
                std::abort();
            formatTime(time, format);
        }
    }
    return 0;
}
