#include "data/TextImportReaders.h"

#include "common/StudioError.h"

#include <QLocale>
#include <QStringDecoder>

#include <cmath>

namespace studio::textimport {

QString chooseField(const QStringList& available, const QString& requested, const QStringList& candidates)
{
    if (!requested.isEmpty()) {
        if (available.contains(requested))
            return requested;
        for (const QString& name : available)
            if (name.compare(requested, Qt::CaseInsensitive) == 0)
                return name;
        return {};
    }
    for (const QString& candidate : candidates)
        for (const QString& name : available)
            if (name.compare(candidate, Qt::CaseInsensitive) == 0)
                return name;
    return {};
}

QString quotedList(const QStringList& names)
{
    QStringList quoted;
    for (const QString& name : names)
        quoted << QLatin1Char('"') + name + QLatin1Char('"');
    return quoted.join(QLatin1String(", "));
}

QString labelFromJson(const QJsonValue& value, bool* ok)
{
    *ok = true;
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString().trimmed();
    case QJsonValue::Double:
        // The shortest decimal that reads back as the same number: 1 -> "1", 0.5 -> "0.5".
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return {};
    default:
        *ok = false;
        return {};
    }
}

void throwIfCancelled(const QString& path, const ImportControl& control)
{
    if (control.cancelled())
        throw ImportCancelled(QStringLiteral("The import of %1 was cancelled; nothing was changed.").arg(path));
}

QString decodeUtf8(const QByteArray& bytes, const QString& path, qint64 line)
{
    // Stateless: a sequence cut off at the end is an error, not something kept for the next call.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError()) {
        const QString where = line > 0 ? QStringLiteral("%1, line %2").arg(path).arg(line) : path;
        throw StudioError(QStringLiteral("%1: the text is not valid UTF-8. Save the file as UTF-8 and import it again.").arg(where));
    }
    return text;
}

} // namespace studio::textimport
