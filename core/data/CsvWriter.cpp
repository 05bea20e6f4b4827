#include "data/CsvWriter.h"

namespace studio {

QString csvField(const QString& text, QChar delimiter)
{
    const bool needsQuotes = text.contains(delimiter) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r'))
        || (!text.isEmpty() && (text.front().isSpace() || text.back().isSpace()));
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QByteArray csvRecord(const QStringList& fields, QChar delimiter)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += delimiter;
        line += csvField(fields.at(i), delimiter);
    }
    QByteArray record = line.toUtf8();
    record += '\n';
    return record;
}

} // namespace studio
