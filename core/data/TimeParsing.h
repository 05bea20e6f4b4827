#pragma once

// Parsing the time column of a series file. The format is detected from the column's first value
// and every other value must then parse in the same format, so a typo shows up as an error on its
// own line instead of a silently shifted axis. Plain code, no torch.
//
// The time axis is a double whose unit depends on the format:
//   year                 years, decimal years allowed ("1700", "1700.0", "1958.208")
//   iso-date, compact-date, month-day-year, day-month-year, year-month
//                        days since 1970-01-01 (whole days)
//   iso-datetime         days since 1970-01-01 00:00 UTC, with the time of day as the fraction
//                        (no offset given = UTC)
//   none                 the row index (the file has no time column)

#include <QString>
#include <QStringView>

namespace studio {

enum class TimeFormat {
    None,          // no time column: the axis is the row index
    Year,          // 1700, 1700.0, 1958.208
    IsoDate,       // 1958-03-29 (also 1958/03/29)
    YearMonth,     // 1958-03 (monthly data; the first of the month)
    CompactDate,   // 19580329
    MonthDayYear,  // Jan-1-1995, Jan 1 1995, January 1, 1995
    DayMonthYear,  // 1-Jan-1995, 01 Jan 1995
    IsoDateTime,   // 1958-03-29T13:45, 1958-03-29 13:45:10.5, ...Z, ...+02:00
};

QString toString(TimeFormat format);
// False for an unknown name; leaves `out` alone.
bool parseTimeFormat(const QString& name, TimeFormat* out);
// What the axis counts in, for labels and messages: "years", "days" or "rows".
QString timeUnit(TimeFormat format);
// An example of the format, for error messages ("1958-03-29").
QString timeExample(TimeFormat format);

// The format `text` is written in; false when it is none of the formats above.
bool detectTimeFormat(QStringView text, TimeFormat* out);
// `text` in `format` on the time axis; false when it does not parse (or is not a real date).
bool parseTime(QStringView text, TimeFormat format, double* out);
// A label for a time value in the format's usual spelling (ISO for every date format).
QString formatTime(double time, TimeFormat format);

// Names that make a column the time column when none is chosen: date, time, datetime, timestamp,
// year, month, ds (Prophet's name), period (compared case-insensitively). Not "day" or "week":
// such columns often hold a weekday or a number within a year, not a time axis.
bool looksLikeTimeColumnName(const QString& name);

} // namespace studio
