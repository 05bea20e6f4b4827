#include "data/TextImport.h"

#include "common/StudioError.h"
#include "data/CsvReader.h"
#include "data/TextImportReaders.h"

#include <QFileInfo>
#include <QJsonDocument>

namespace studio {

const QStringList kTextFieldNames{
    QStringLiteral("text"),    QStringLiteral("sentence"), QStringLiteral("review"), QStringLiteral("content"),
    QStringLiteral("comment"), QStringLiteral("document"), QStringLiteral("body"),
};
const QStringList kLabelFieldNames{
    QStringLiteral("label"),    QStringLiteral("class"),    QStringLiteral("sentiment"), QStringLiteral("target"),
    QStringLiteral("category"), QStringLiteral("polarity"), QStringLiteral("y"),
};

namespace {

constexpr qint64 kFirstLineBytes = 64 * 1024;  // enough of a .json file to see its first record

struct FormatName {
    TextFormat format;
    QLatin1String name;
};
const FormatName kFormatNames[] = {
    {TextFormat::Auto, QLatin1String("auto")},        {TextFormat::Csv, QLatin1String("csv")},
    {TextFormat::Tsv, QLatin1String("tsv")},          {TextFormat::Json, QLatin1String("json")},
    {TextFormat::JsonLines, QLatin1String("jsonl")},  {TextFormat::Folder, QLatin1String("folder")},
    {TextFormat::PlainText, QLatin1String("text")},
};

// A .json file whose first line is a whole object is JSON Lines; one that opens an array, or an
// object spanning lines, is read as one JSON document (which then names what is wrong).
TextFormat sniffJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return TextFormat::Json;
    QByteArray head = file.peek(kFirstLineBytes);
    if (head.startsWith("\xEF\xBB\xBF"))
        head.remove(0, 3);
    head = head.trimmed();
    if (!head.startsWith('{'))
        return TextFormat::Json;
    const QByteArray firstLine = head.left(head.indexOf('\n'));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(firstLine, &error);
    return error.error == QJsonParseError::NoError && document.isObject() ? TextFormat::JsonLines : TextFormat::Json;
}

QString nothingToImport(const QString& path, TextFormat format)
{
    switch (format) {
    case TextFormat::Csv:
    case TextFormat::Tsv:
        return QStringLiteral("%1 has a header but no rows: add one row per example below the header.").arg(path);
    case TextFormat::Json:
        return QStringLiteral("%1 holds no records: add one object per example, e.g. [{\"text\": \"a fine film\", "
                              "\"label\": \"pos\"}].")
            .arg(path);
    case TextFormat::Folder:
        return QStringLiteral("%1 has class subfolders but no .txt files in them: put one example per .txt file.").arg(path);
    default:
        return QStringLiteral("%1 has no lines with text: write one example per line.").arg(path);
    }
}

} // namespace

QString toString(TextFormat format)
{
    for (const FormatName& entry : kFormatNames)
        if (entry.format == format)
            return entry.name;
    return {};
}

bool parseTextFormat(const QString& name, TextFormat* out)
{
    const QString lower = name.toLower();
    for (const FormatName& entry : kFormatNames) {
        if (lower == entry.name) {
            *out = entry.format;
            return true;
        }
    }
    if (lower == QLatin1String("ndjson")) {
        *out = TextFormat::JsonLines;
        return true;
    }
    if (lower == QLatin1String("txt")) {
        *out = TextFormat::PlainText;
        return true;
    }
    return false;
}

TextFormat detectTextFormat(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists())
        throw StudioError(QStringLiteral("The file %1 does not exist.").arg(path));
    if (info.isDir())
        return TextFormat::Folder;
    const QString suffix = info.suffix().toLower();
    if (suffix == QLatin1String("csv"))
        return TextFormat::Csv;
    if (suffix == QLatin1String("tsv") || suffix == QLatin1String("tab"))
        return TextFormat::Tsv;
    if (suffix == QLatin1String("json"))
        return sniffJson(path);
    if (suffix == QLatin1String("jsonl") || suffix == QLatin1String("ndjson"))
        return TextFormat::JsonLines;
    if (suffix == QLatin1String("txt") || suffix == QLatin1String("text"))
        return TextFormat::PlainText;
    throw StudioError(QStringLiteral("Cannot tell the format of %1 from its extension: name it (csv, tsv, json, jsonl, "
                                     "folder or text), or rename the file.")
                          .arg(path));
}

TextCorpus importText(const QString& path, const TextImportOptions& options, ImportControl control)
{
    const TextFormat format = options.format == TextFormat::Auto ? detectTextFormat(path) : options.format;
    if (format != TextFormat::Folder && QFileInfo(path).isDir())
        throw StudioError(QStringLiteral("%1 is a folder: import it as a folder of class subfolders, or choose a file in it.")
                              .arg(path));
    if (format == TextFormat::Folder && !QFileInfo(path).isDir())
        throw StudioError(QStringLiteral("%1 is not a folder: a folder import needs a folder with one subfolder per class.")
                              .arg(path));
    if (format != TextFormat::Folder)
        checkTextFile(path);

    TextCorpus corpus;
    switch (format) {
    case TextFormat::Csv:
        corpus = textimport::readDelimited(path, QChar(), options, control);
        break;
    case TextFormat::Tsv:
        corpus = textimport::readDelimited(path, QLatin1Char('\t'), options, control);
        break;
    case TextFormat::Json:
        corpus = textimport::readJsonArray(path, options, control);
        break;
    case TextFormat::JsonLines:
        corpus = textimport::readJsonLines(path, options, control);
        break;
    case TextFormat::Folder:
        corpus = textimport::readFolder(path, control);
        break;
    case TextFormat::PlainText:
        corpus = textimport::readPlainText(path, control);
        break;
    case TextFormat::Auto:
        break;
    }
    corpus.path = path;
    corpus.format = toString(format);
    if (corpus.isEmpty()) {
        if (corpus.skippedEmpty > 0)
            throw StudioError(QStringLiteral("%1 has %2 records but every text is empty%3: choose the column or field that "
                                             "holds the text.")
                                  .arg(path)
                                  .arg(corpus.skippedEmpty)
                                  .arg(corpus.textField.isEmpty() ? QString() : QStringLiteral(" (in \"%1\")").arg(corpus.textField)));
        throw StudioError(nothingToImport(path, format));
    }
    corpus.squeeze();
    return corpus;
}

} // namespace studio
