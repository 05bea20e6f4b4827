#include "data/TimeParsing.h"

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QTimeZone>

#include <array>
#include <cmath>

namespace studio {
namespace {

constexpr qint64 kUnixEpochJulianDay = 2440588;   // QDate(1970, 1, 1).toJulianDay()
constexpr double kMillisecondsPerDay = 86400000.0;
constexpr int kYearDigitsMax = 4;                 // "years" are plain numbers up to 9999

struct MonthName {
    const char* shortName;
    const char* longName;
};
constexpr std::array<MonthName, 12> kMonths{{{"jan", "january"}, {"feb", "february"}, {"mar", "march"},
                                             {"apr", "april"},   {"may", "may"},        {"jun", "june"},
                                             {"jul", "july"},    {"aug", "august"},     {"sep", "september"},
                                             {"oct", "october"}, {"nov", "november"},   {"dec", "december"}}};

bool isDigit(QChar c) { return c >= QLatin1Char('0') && c <= QLatin1Char('9'); }

// Reads exactly `count` digits at `pos`; advances it.
bool readDigits(QStringView text, qsizetype& pos, int count, int* out)
{
    if (pos + count > text.size())
        return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        const QChar c = text[pos + i];
        if (!isDigit(c))
            return false;
        value = value * 10 + (c.unicode() - '0');
    }
    pos += count;
    *out = value;
    return true;
}

// Reads 1 to `maximum` digits at `pos`; advances it.
bool readNumber(QStringView text, qsizetype& pos, int maximum, int* out)
{
    int value = 0;
    int count = 0;
    while (pos < text.size() && count < maximum && isDigit(text[pos])) {
        value = value * 10 + (text[pos].unicode() - '0');
        ++pos;
        ++count;
    }
    if (count == 0 || (pos < text.size() && isDigit(text[pos])))
        return false;
    *out = value;
    return true;
}

// A month name (three letters or in full, any case); 1..12 or 0.
int readMonthName(QStringView text, qsizetype& pos)
{
    qsizetype end = pos;
    while (end < text.size() && text[end].isLetter())
        ++end;
    const QString word = text.mid(pos, end - pos).toString().toLower();
    for (int m = 0; m < 12; ++m) {
        if (word == QLatin1String(kMonths[m].shortName) || word == QLatin1String(kMonths[m].longName)) {
            pos = end;
            return m + 1;
        }
    }
    return 0;
}

bool isDateSeparator(QChar c) { return c == QLatin1Char('-') || c == QLatin1Char('/') || c == QLatin1Char(' '); }

// One separator between month-name date parts: '-', '/', or spaces with an optional comma.
bool skipSeparator(QStringView text, qsizetype& pos)
{
    const qsizetype start = pos;
    if (pos < text.size() && text[pos] == QLatin1Char(','))
        ++pos;
    while (pos < text.size() && isDateSeparator(text[pos]) && (pos == start || text[pos] == QLatin1Char(' ')))
        ++pos;
    return pos > start;
}

bool toDays(int year, int month, int day, double* out)
{
    const QDate date(year, month, day);
    if (!date.isValid())
        return false;
    *out = static_cast<double>(date.toJulianDay() - kUnixEpochJulianDay);
    return true;
}

bool parseYear(QStringView text, double* out)
{
    qsizetype pos = 0;
    int digits = 0;
    while (pos < text.size() && isDigit(text[pos])) {
        ++pos;
        ++digits;
    }
    if (digits == 0 || digits > kYearDigitsMax)
        return false;
    if (pos < text.size()) {
        if (text[pos] != QLatin1Char('.'))
            return false;
        ++pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        if (pos != text.size())
            return false;
    }
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok;
}

// yyyy-MM-dd or yyyy/MM/dd; `pos` ends after the day.
bool parseIsoDatePart(QStringView text, qsizetype& pos, double* out)
{
    int year = 0, month = 0, day = 0;
    if (!readDigits(text, pos, 4, &year) || pos >= text.size())
        return false;
    const QChar separator = text[pos];
    if (separator != QLatin1Char('-') && separator != QLatin1Char('/'))
        return false;
    ++pos;
    if (!readNumber(text, pos, 2, &month) || pos >= text.size() || text[pos] != separator)
        return false;
    ++pos;
    if (!readNumber(text, pos, 2, &day))
        return false;
    return toDays(year, month, day, out);
}

bool parseIsoDate(QStringView text, double* out)
{
    qsizetype pos = 0;
    return parseIsoDatePart(text, pos, out) && pos == text.size();
}

bool parseYearMonth(QStringView text, double* out)
{
    qsizetype pos = 0;
    int year = 0, month = 0;
    if (!readDigits(text, pos, 4, &year) || pos >= text.size() || (text[pos] != QLatin1Char('-') && text[pos] != QLatin1Char('/')))
        return false;
    ++pos;
    if (!readNumber(text, pos, 2, &month) || pos != text.size())
        return false;
    return toDays(year, month, 1, out);
}

bool parseCompactDate(QStringView text, double* out)
{
    qsizetype pos = 0;
    int year = 0, month = 0, day = 0;
    if (text.size() != 8 || !readDigits(text, pos, 4, &year) || !readDigits(text, pos, 2, &month) || !readDigits(text, pos, 2, &day))
        return false;
    return toDays(year, month, day, out);
}

bool parseMonthDayYear(QStringView text, double* out)
{
    qsizetype pos = 0;
    int day = 0, year = 0;
    const int month = readMonthName(text, pos);
    if (month == 0 || !skipSeparator(text, pos) || !readNumber(text, pos, 2, &day) || !skipSeparator(text, pos)
        || !readDigits(text, pos, 4, &year) || pos != text.size())
        return false;
    return toDays(year, month, day, out);
}

bool parseDayMonthYear(QStringView text, double* out)
{
    qsizetype pos = 0;
    int day = 0, year = 0;
    if (!readNumber(text, pos, 2, &day) || !skipSeparator(text, pos))
        return false;
    const int month = readMonthName(text, pos);
    if (month == 0 || !skipSeparator(text, pos) || !readDigits(text, pos, 4, &year) || pos != text.size())
        return false;
    return toDays(year, month, day, out);
}

// yyyy-MM-dd, then 'T' or ' ', then HH:mm[:ss[.fff]], then optional Z or +-HH[:]MM.
bool parseIsoDateTime(QStringView text, double* out)
{
    qsizetype pos = 0;
    double days = 0.0;
    if (!parseIsoDatePart(text, pos, &days) || pos >= text.size())
        return false;
    if (text[pos] != QLatin1Char('T') && text[pos] != QLatin1Char(' '))
        return false;
    ++pos;
    int hour = 0, minute = 0, second = 0;
    double fraction = 0.0;
    if (!readDigits(text, pos, 2, &hour) || pos >= text.size() || text[pos] != QLatin1Char(':'))
        return false;
    ++pos;
    if (!readDigits(text, pos, 2, &minute))
        return false;
    if (pos < text.size() && text[pos] == QLatin1Char(':')) {
        ++pos;
        if (!readDigits(text, pos, 2, &second))
            return false;
        if (pos < text.size() && (text[pos] == QLatin1Char('.') || text[pos] == QLatin1Char(','))) {
            const qsizetype start = pos + 1;
            ++pos;
            while (pos < text.size() && isDigit(text[pos]))
                ++pos;
            if (pos == start)
                return false;
            bool ok = false;
            fraction = QString(QStringLiteral("0.") + text.mid(start, pos - start)).toDouble(&ok);
            if (!ok)
                return false;
        }
    }
    int offsetMinutes = 0;
    if (pos < text.size() && (text[pos] == QLatin1Char('Z') || text[pos] == QLatin1Char('z'))) {
        ++pos;
    } else if (pos < text.size() && (text[pos] == QLatin1Char('+') || text[pos] == QLatin1Char('-'))) {
        const int sign = text[pos] == QLatin1Char('-') ? -1 : 1;
        ++pos;
        int offsetHours = 0, offsetRest = 0;
        if (!readDigits(text, pos, 2, &offsetHours))
            return false;
        if (pos < text.size() && text[pos] == QLatin1Char(':'))
            ++pos;
        if (pos < text.size() && !readDigits(text, pos, 2, &offsetRest))
            return false;
        offsetMinutes = sign * (offsetHours * 60 + offsetRest);
    }
    if (pos != text.size() || hour > 24 || minute > 59 || second > 60)
        return false;
    const double dayFraction = (hour * 3600.0 + minute * 60.0 + second + fraction - offsetMinutes * 60.0) / 86400.0;
    *out = days + dayFraction;
    return true;
}

QDate dateOf(double days)
{
    return QDate::fromJulianDay(static_cast<qint64>(std::floor(days)) + kUnixEpochJulianDay);
}

} // namespace

QString toString(TimeFormat format)
{
    switch (format) {
    case TimeFormat::None: return QStringLiteral("none");
    case TimeFormat::Year: return QStringLiteral("year");
    case TimeFormat::IsoDate: return QStringLiteral("iso-date");
    case TimeFormat::YearMonth: return QStringLiteral("year-month");
    case TimeFormat::CompactDate: return QStringLiteral("compact-date");
    case TimeFormat::MonthDayYear: return QStringLiteral("month-day-year");
    case TimeFormat::DayMonthYear: return QStringLiteral("day-month-year");
    case TimeFormat::IsoDateTime: return QStringLiteral("iso-datetime");
    }
    return {};
}

bool parseTimeFormat(const QString& name, TimeFormat* out)
{
    for (TimeFormat format : {TimeFormat::None, TimeFormat::Year, TimeFormat::IsoDate, TimeFormat::YearMonth,
                              TimeFormat::CompactDate, TimeFormat::MonthDayYear, TimeFormat::DayMonthYear,
                              TimeFormat::IsoDateTime}) {
        if (name == toString(format)) {
            *out = format;
            return true;
        }
    }
    return false;
}

QString timeUnit(TimeFormat format)
{
    switch (format) {
    case TimeFormat::None: return QStringLiteral("rows");
    case TimeFormat::Year: return QStringLiteral("years");
    default: return QStringLiteral("days");
    }
}

QString timeExample(TimeFormat format)
{
    switch (format) {
    case TimeFormat::None: return QString();
    case TimeFormat::Year: return QStringLiteral("1958");
    case TimeFormat::IsoDate: return QStringLiteral("1958-03-29");
    case TimeFormat::YearMonth: return QStringLiteral("1958-03");
    case TimeFormat::CompactDate: return QStringLiteral("19580329");
    case TimeFormat::MonthDayYear: return QStringLiteral("Mar-29-1958");
    case TimeFormat::DayMonthYear: return QStringLiteral("29-Mar-1958");
    case TimeFormat::IsoDateTime: return QStringLiteral("1958-03-29T13:45:00");
    }
    return {};
}

bool parseTime(QStringView text, TimeFormat format, double* out)
{
    text = text.trimmed();
    switch (format) {
    case TimeFormat::None: return false;
    case TimeFormat::Year: return parseYear(text, out);
    case TimeFormat::IsoDate: return parseIsoDate(text, out);
    case TimeFormat::YearMonth: return parseYearMonth(text, out);
    case TimeFormat::CompactDate: return parseCompactDate(text, out);
    case TimeFormat::MonthDayYear: return parseMonthDayYear(text, out);
    case TimeFormat::DayMonthYear: return parseDayMonthYear(text, out);
    case TimeFormat::IsoDateTime: return parseIsoDateTime(text, out);
    }
    return false;
}

bool detectTimeFormat(QStringView text, TimeFormat* out)
{
    // Compact dates before years: eight digits are never a year here (years have at most four).
    for (TimeFormat format : {TimeFormat::CompactDate, TimeFormat::Year, TimeFormat::IsoDate, TimeFormat::YearMonth,
                              TimeFormat::IsoDateTime, TimeFormat::MonthDayYear, TimeFormat::DayMonthYear}) {
        double ignored = 0.0;
        if (parseTime(text, format, &ignored)) {
            *out = format;
            return true;
        }
    }
    return false;
}

QString formatTime(double time, TimeFormat format)
{
    switch (format) {
    case TimeFormat::None: return QString::number(static_cast<qint64>(time));
    case TimeFormat::Year: return QString::number(time, 'g', 10);
    case TimeFormat::YearMonth: return dateOf(time).toString(QStringLiteral("yyyy-MM"));
    case TimeFormat::IsoDate:
    case TimeFormat::CompactDate:
    case TimeFormat::MonthDayYear:
    case TimeFormat::DayMonthYear: return dateOf(time).toString(Qt::ISODate);
    case TimeFormat::IsoDateTime: {
        const auto milliseconds = static_cast<qint64>(std::llround(time * kMillisecondsPerDay));
        return QDateTime::fromMSecsSinceEpoch(milliseconds, QTimeZone::utc()).toString(Qt::ISODate);
    }
    }
    return {};
}

bool looksLikeTimeColumnName(const QString& name)
{
    static const QStringList kNames{QStringLiteral("date"),  QStringLiteral("time"), QStringLiteral("datetime"),
                                    QStringLiteral("timestamp"), QStringLiteral("year"), QStringLiteral("month"),
                                    QStringLiteral("ds"),    QStringLiteral("period")};
    return kNames.contains(name.trimmed(), Qt::CaseInsensitive);
}

} // namespace studio
