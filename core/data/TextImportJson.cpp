// JSON arrays of records and JSON Lines (one record per line). Field names are chosen from the
// first record; each later record is read by the same names.

#include "data/TextImportReaders.h"

#include "common/StudioError.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace studio::textimport {
namespace {

const QByteArray kUtf8Bom("\xEF\xBB\xBF", 3);

// A record's place, formatted only when a message needs it (most records never do).
struct Location {
    const QString& path;
    QLatin1String unit;  // "record" (JSON arrays) or "line" (JSON Lines)
    qint64 number;
    QString text() const { return QStringLiteral("%1, %2 %3").arg(path, unit).arg(number); }
};

// The fields chosen from the first record, then used for every record.
struct Fields {
    QString text;
    QString label;  // empty when labels are not read
};

// The field named `requested`, or the first of `defaults` the record has; throws a sentence
// listing the record's fields when there is none. `role` is "text" or "label".
QString requireField(const QStringList& keys, const QString& requested, const QStringList& defaults,
                     const QString& role, const QString& where)
{
    const QString field = chooseField(keys, requested, defaults);
    if (!field.isEmpty())
        return field;
    throw StudioError(requested.isEmpty()
                          ? QStringLiteral("%1 has no %2 field (none is called %3); its fields are %4. Name the %2 field.")
                                .arg(where, role, defaults.join(QLatin1String(", ")), quotedList(keys))
                          : QStringLiteral("%1 has no field \"%2\"; its fields are %3. Choose one of these.")
                                .arg(where, requested, quotedList(keys)));
}

Fields chooseFields(const QJsonObject& first, const TextImportOptions& options, const QString& where)
{
    const QStringList keys = first.keys();
    Fields fields;
    fields.text = requireField(keys, options.textField, kTextFieldNames, QStringLiteral("text"), where);
    if (!options.labels)
        return fields;
    fields.label = requireField(keys, options.labelField, kLabelFieldNames, QStringLiteral("label"), where);
    if (fields.label == fields.text)
        throw StudioError(QStringLiteral("%1: the text and the label cannot both come from the field \"%2\": name two "
                                         "different fields.")
                              .arg(where, fields.text));
    return fields;
}

// Adds one record to the corpus; `where` names it in messages.
void addRecord(TextCorpus& corpus, const QJsonObject& record, const Fields& fields, const Location& location)
{
    const QJsonValue textValue = record.value(fields.text);
    if (!textValue.isString() && !textValue.isNull() && !textValue.isUndefined())
        throw StudioError(QStringLiteral("%1: the field \"%2\" is not a string. Write the text in quotes.").arg(location.text(), fields.text));
    const QString text = textValue.toString().trimmed();
    if (text.isEmpty()) {
        ++corpus.skippedEmpty;
        return;
    }
    QString label;
    if (!fields.label.isEmpty()) {
        bool ok = false;
        label = labelFromJson(record.value(fields.label), &ok);
        if (!ok)
            throw StudioError(QStringLiteral("%1: the label \"%2\" is a list or an object. Give a string or a number.")
                                  .arg(location.text(), fields.label));
        if (label.isEmpty())
            throw StudioError(QStringLiteral("%1: the label \"%2\" is missing or empty. Give every text a label, or remove "
                                             "the record.")
                                  .arg(location.text(), fields.label));
    }
    corpus.append(text.toUtf8(), label, location.number);
}

// Qt's JSON parser refuses documents nested deeper than this (QJsonParseError::DeepNesting).
constexpr int kQtJsonNestingLimit = 1024;

QString describeParseError(const QJsonParseError& error)
{
    if (error.error == QJsonParseError::IllegalUTF8String)
        return QStringLiteral("the text is not valid UTF-8. Save the file as UTF-8 and import it again");
    if (error.error == QJsonParseError::DeepNesting)
        return QStringLiteral("the JSON nests lists or objects more than %1 levels deep, the limit; a record is an "
                              "object of texts and labels, so check that this is the right file")
            .arg(kQtJsonNestingLimit);
    return QStringLiteral("the JSON is not valid (%1). Fix the file there, e.g. a missing comma, quote or bracket")
        .arg(error.errorString());
}

void setFields(TextCorpus& corpus, const Fields& fields)
{
    corpus.textField = fields.text;
    corpus.labelField = fields.label;
    corpus.setHasLabels(!fields.label.isEmpty());
}

// `records` counts the records read so far, this one included.
void throwIfTooManyRecords(const Location& location, qint64 records, qint64 maxRows)
{
    if (records > maxRows)
        throw StudioError(QStringLiteral("%1: the file has more than %2 records, the limit for one file: split it, or "
                                         "import only the part you need.")
                              .arg(location.text())
                              .arg(maxRows));
}

} // namespace

TextCorpus readJsonArray(const QString& path, const TextImportOptions& options, const ImportControl& control)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw StudioError(QStringLiteral("Cannot open %1: %2.").arg(path, file.errorString()));
    // The whole array is parsed at once (a few times the file's size in memory), so size is checked first.
    if (file.size() > control.limits.maxJsonArrayBytes)
        throw StudioError(QStringLiteral("%1 is %2 bytes, more than %3, the limit for a JSON array (which is read whole): "
                                         "write the records as JSON Lines (one object per line, .jsonl), which is read "
                                         "line by line.")
                              .arg(path)
                              .arg(file.size())
                              .arg(describeBytes(control.limits.maxJsonArrayBytes)));
    QByteArray bytes = file.readAll();
    if (bytes.startsWith(kUtf8Bom))
        bytes.remove(0, kUtf8Bom.size());
    throwIfCancelled(path, control);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const qsizetype line = bytes.left(error.offset).count('\n') + 1;
        throw StudioError(QStringLiteral("%1, line %2: %3.").arg(path).arg(line).arg(describeParseError(error)));
    }
    bytes.clear();
    if (!document.isArray())
        throw StudioError(QStringLiteral("%1 holds a JSON object, not an array of records: write the records as "
                                         "[{\"text\": ..., \"label\": ...}, ...] or one object per line (JSON Lines).")
                              .arg(path));
    const QJsonArray records = document.array();
    TextCorpus corpus;
    Fields fields;
    for (qsizetype i = 0; i < records.size(); ++i) {
        if (i % 1024 == 0) {
            throwIfCancelled(path, control);
            if (control.progress)
                control.progress(file.size() * i / records.size(), file.size());
        }
        const Location location{path, QLatin1String("record"), i + 1};
        throwIfTooManyRecords(location, i + 1, control.limits.maxRows);
        if (!records.at(i).isObject())
            throw StudioError(QStringLiteral("%1 is not an object: write each record as {\"text\": ..., \"label\": ...}.")
                                  .arg(location.text()));
        const QJsonObject record = records.at(i).toObject();
        if (i == 0) {
            fields = chooseFields(record, options, location.text());
            setFields(corpus, fields);
        }
        addRecord(corpus, record, fields, location);
    }
    if (control.progress)
        control.progress(file.size(), file.size());
    return corpus;
}

TextCorpus readJsonLines(const QString& path, const TextImportOptions& options, const ImportControl& control)
{
    LineReader reader(path, control);
    TextCorpus corpus;
    Fields fields;
    bool first = true;
    QByteArray line;
    qint64 records = 0;
    while (reader.next(&line)) {
        if (line.trimmed().isEmpty())
            continue;
        const Location location{path, QLatin1String("line"), reader.lineNumber()};
        throwIfTooManyRecords(location, ++records, control.limits.maxRows);
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError)
            throw StudioError(QStringLiteral("%1: %2, or remove the line (JSON Lines has one record per line).")
                                  .arg(location.text(), describeParseError(error)));
        if (!document.isObject())
            throw StudioError(QStringLiteral("%1 is not an object: write each line as {\"text\": ..., \"label\": ...}.")
                                  .arg(location.text()));
        const QJsonObject record = document.object();
        if (first) {
            fields = chooseFields(record, options, location.text());
            setFields(corpus, fields);
            first = false;
        }
        addRecord(corpus, record, fields, location);
    }
    return corpus;
}

} // namespace studio::textimport
